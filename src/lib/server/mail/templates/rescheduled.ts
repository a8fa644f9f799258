/** An interview moved to another time (same interview, same calendar entry, a higher SEQUENCE). */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectCandidate: (org: string, date: string) => `New time for your interview with ${org}: ${date}`,
		subjectPanel: (candidate: string, date: string) => `Moved: interview with ${candidate}, now ${date}`,
		heading: 'Your interview has a new time',
		headingPanel: 'An interview you are on has moved',
		introCandidate: (org: string, type: string) =>
			`${org} has moved your ${type} to a new time. The updated calendar invitation is attached; it replaces the earlier one.`,
		introPanel: (type: string, candidate: string) =>
			`The ${type} with ${candidate} has moved. The updated calendar invitation is attached; it replaces the earlier one.`,
		joinRoom: 'Open the video room',
		viewInterview: 'View your interview',
		openInterview: 'Open the interview page',
		nextCandidate: 'Nothing else changes. If the new time does not suit you, please tell us as soon as possible.',
		nextPanel: 'Check that the new time still suits you; if it does not, tell the admissions team.'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const l = links(p, ctx);
	const candidate = p.recipient.role === 'candidate';
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: candidate ? s.heading : s.headingPanel,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(type, i.candidate.name)],
		facts: interviewFacts(p, ctx, { previous: true }),
		action: candidate
			? i.mode === 'online'
				? { label: s.joinRoom, url: l.room }
				: { label: s.viewInterview, url: l.page }
			: { label: s.openInterview, url: l.page },
		next: { title: c.nextTitle, text: candidate ? s.nextCandidate : s.nextPanel },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
