/** "Please submit your scorecard": 1 h after the end, then each business day for up to ten. */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectFirst: (candidate: string) => `Please submit your scorecard for ${candidate}`,
		subjectAgain: (candidate: string) => `Reminder: your scorecard for ${candidate} is still missing`,
		headingFirst: 'How did the interview go?',
		headingAgain: 'Your scorecard is still missing',
		introFirst: (type: string, candidate: string, date: string) =>
			`Thank you for taking part in the ${type} with ${candidate} on ${date}. Please submit your scorecard while it is fresh.`,
		introAgain: (type: string, candidate: string, date: string) =>
			`You have not yet submitted your scorecard for the ${type} with ${candidate} on ${date}. The decision waits for it.`,
		submit: 'Submit your scorecard',
		next: 'Rate the candidate and give your recommendation on your own: the others’ scorecards appear once you have submitted yours.',
		last: 'This is the last reminder for this interview.',
		stops: 'These reminders stop as soon as you submit, or when the scorecards are finalized.'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const first = (p.n ?? 0) === 0;
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: first ? s.subjectFirst(i.candidate.name) : s.subjectAgain(i.candidate.name),
		preheader: first ? s.headingFirst : s.headingAgain,
		eyebrow: i.org_name,
		heading: first ? s.headingFirst : s.headingAgain,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [(first ? s.introFirst : s.introAgain)(type, i.candidate.name, w.date)],
		facts: interviewFacts(p, ctx).filter((f) => f.label !== c.panel),
		action: { label: s.submit, url: links(p, ctx).scorecard },
		next: { title: c.nextTitle, text: s.next },
		notes: [p.last ? s.last : s.stops],
		footer: interviewFooter(p, ctx)
	};
}
