/** An interviewer was taken off the panel of an interview that still takes place. */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (candidate: string, date: string) => `You are off the panel: interview with ${candidate}, ${date}`,
		heading: 'You are no longer on this interview panel',
		strip: 'You no longer take part in this interview',
		intro: (org: string, type: string, candidate: string) =>
			`${org} has taken you off the panel of the ${type} with ${candidate}. The attached update removes it from your calendar.`,
		next: 'Nothing: the time is free again in your calendar, and you will not be asked for a scorecard.'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const i = p.interview!;
	const w = whenFor(p, ctx);
	return {
		subject: s.subject(i.candidate.name, w.text),
		preheader: s.strip,
		tone: 'warning',
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(i.org_name, typeLabel(ctx.lang, i.type), i.candidate.name)],
		facts: interviewFacts(p, ctx).filter((f) => f.label !== c.panel),
		next: { title: c.nextTitle, text: s.next },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
