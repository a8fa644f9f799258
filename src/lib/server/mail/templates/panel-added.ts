/** An interviewer was added to the panel of an interview already scheduled. */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (candidate: string, date: string) => `You joined the panel: interview with ${candidate}, ${date}`,
		heading: 'You have been added to an interview panel',
		intro: (org: string, type: string, candidate: string) =>
			`${org} has added you to the panel of the ${type} with ${candidate}. A calendar invitation is attached.`,
		open: 'Open the interview page',
		next: (candidate: string) =>
			`Read ${candidate}’s application and the panel’s shared notes beforehand. After the interview, submit your scorecard on the interview page.`
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const i = p.interview!;
	const w = whenFor(p, ctx);
	return {
		subject: s.subject(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(i.org_name, typeLabel(ctx.lang, i.type), i.candidate.name)],
		facts: interviewFacts(p, ctx),
		action: { label: s.open, url: links(p, ctx).page },
		next: { title: c.nextTitle, text: s.next(i.candidate.name) },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
