/** An interview was cancelled (or removed from the calendar before it took place). */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectCandidate: (org: string, date: string) => `Cancelled: your interview with ${org} on ${date}`,
		subjectPanel: (candidate: string, date: string) => `Cancelled: interview with ${candidate} on ${date}`,
		heading: 'This interview is cancelled',
		strip: 'Cancelled: it no longer takes place',
		introCandidate: (org: string, type: string) =>
			`${org} has cancelled your ${type}. The attached update removes it from your calendar.`,
		introPanel: (type: string, candidate: string) =>
			`The ${type} with ${candidate} is cancelled. The attached update removes it from your calendar.`,
		nextCandidate: (org: string) =>
			`There is nothing you need to do. ${org} will contact you if another interview is planned.`,
		nextPanel: 'The time is free again in your calendar. There is no scorecard to submit.'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const candidate = p.recipient.role === 'candidate';
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: s.strip,
		tone: 'warning',
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(type, i.candidate.name)],
		facts: interviewFacts(p, ctx).map((f) => (f.label === c.when ? { ...f, old: true } : f)),
		next: { title: c.nextTitle, text: candidate ? s.nextCandidate(i.org_name) : s.nextPanel },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
