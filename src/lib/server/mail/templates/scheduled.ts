/** An interview was scheduled: the candidate's invitation, or a panel member's. */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectCandidate: (org: string, date: string) => `Your interview with ${org}: ${date}`,
		subjectPanel: (candidate: string, date: string) => `Interview with ${candidate}: ${date}`,
		headingCandidate: 'Your interview is booked',
		headingPanel: 'You are on an interview panel',
		introCandidate: (org: string, type: string) =>
			`${org} has scheduled your ${type}. The details are below, and a calendar invitation is attached.`,
		introPanel: (org: string, type: string, candidate: string) =>
			`${org} has scheduled a ${type} with ${candidate}, and you are on the panel. A calendar invitation is attached.`,
		joinRoom: 'Open the video room',
		viewInterview: 'View your interview',
		openInterview: 'Open the interview page',
		nextOnline:
			'The video room opens 15 minutes before the start. Use a computer or phone with a camera and a microphone; your browser will ask to use them.',
		nextInPerson: (where: string) => `Please arrive a few minutes early at ${where}.`,
		nextPanel: (candidate: string) =>
			`Read ${candidate}’s application and the panel’s shared notes beforehand. After the interview, submit your scorecard on the interview page.`,
		cannotAttend: (org: string) => `If you cannot attend, please tell ${org} as soon as possible.`
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
	const online = i.mode === 'online';
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: candidate ? s.headingCandidate : s.headingPanel,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(i.org_name, type, i.candidate.name)],
		facts: interviewFacts(p, ctx),
		action: candidate
			? online
				? { label: s.joinRoom, url: l.room }
				: { label: s.viewInterview, url: l.page }
			: { label: s.openInterview, url: l.page },
		next: {
			title: c.nextTitle,
			text: candidate
				? online
					? s.nextOnline
					: s.nextInPerson(i.location || c.inPerson)
				: s.nextPanel(i.candidate.name)
		},
		notes: candidate ? [s.cannotAttend(i.org_name)] : [],
		footer: interviewFooter(p, ctx)
	};
}
