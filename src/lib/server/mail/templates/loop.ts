/**
 * A loop booked, moved or cancelled in one change: one message listing the sessions the recipient
 * takes part in (the candidate all of them, a panel member their own), with one invitation file per
 * session attached (iTIP allows one UID per file). The kind says which of the three it is.
 */
import type { InterviewFacts, Payload } from '../../notifications/payload';
import { type Lang, when } from '../format';
import type { EmailContent, Fact } from '../layout';
import { COMMON, interviewFooter, recipientZone, typeLabel, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectCandidate: {
			interview_scheduled: (org: string, date: string) => `Your interviews with ${org}: ${date}`,
			interview_rescheduled: (org: string, date: string) => `New times for your interviews with ${org}: ${date}`,
			interview_cancelled: (org: string, date: string) => `Cancelled: your interviews with ${org} on ${date}`
		} as Record<string, (org: string, date: string) => string>,
		subjectPanel: {
			interview_scheduled: (candidate: string, date: string) => `Interviews with ${candidate}: ${date}`,
			interview_rescheduled: (candidate: string, date: string) => `Moved: interviews with ${candidate}, now ${date}`,
			interview_cancelled: (candidate: string, date: string) => `Cancelled: interviews with ${candidate} on ${date}`
		} as Record<string, (candidate: string, date: string) => string>,
		heading: {
			interview_scheduled: 'Your interviews are booked',
			interview_rescheduled: 'Your interviews have new times',
			interview_cancelled: 'These interviews are cancelled'
		} as Record<string, string>,
		headingPanel: {
			interview_scheduled: 'You are on an interview loop',
			interview_rescheduled: 'An interview loop you are on has moved',
			interview_cancelled: 'These interviews are cancelled'
		} as Record<string, string>,
		intro: (org: string, n: number, kind: string) =>
			kind === 'interview_cancelled'
				? `${org} has cancelled these ${n} interviews. The attached updates remove them from your calendar.`
				: kind === 'interview_rescheduled'
					? `${org} has moved these ${n} interviews to new times. The attached calendar invitations, one per interview, replace the earlier ones.`
					: `${org} has booked ${n} interviews, one after another. A calendar invitation for each of them is attached.`,
		introPanel: (candidate: string, n: number, kind: string) =>
			kind === 'interview_cancelled'
				? `The ${n} interviews with ${candidate} that you are on are cancelled. The attached updates remove them from your calendar.`
				: kind === 'interview_rescheduled'
					? `The ${n} interviews with ${candidate} that you are on have moved. The attached calendar invitations, one per interview, replace the earlier ones.`
					: `You are on ${n} interviews of ${candidate}’s interview loop. A calendar invitation for each of them is attached.`,
		session: (n: number) => `Session ${n}`,
		with: (type: string, names: string) => `${type}${names ? ` with ${names}` : ''}`,
		strip: 'Cancelled: they no longer take place',
		view: 'View your interviews',
		openInterview: 'Open the first interview',
		nextCandidate: (online: boolean) =>
			online
				? 'The video room of each session opens 15 minutes before its start.'
				: 'Please arrive a few minutes before the first session.',
		nextCancelled: 'There is nothing you need to do.',
		nextPanel: 'After each session, submit your scorecard on its interview page.'
	}
} satisfies Record<Lang, unknown>;

/** The sessions as facts: one line each, its time in the recipient's zone and who is on it. */
function sessionFacts(p: Payload, ctx: TemplateContext, sessions: readonly InterviewFacts[], old: boolean): Fact[] {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	return sessions.map((x, n) => {
		const w = when(x.start, x.end, recipientZone(p.recipient, x), ctx.lang);
		return {
			label: s.session(n + 1),
			value: `${w.date}\n${w.time}`,
			note: `${w.zone} · ${s.with(typeLabel(ctx.lang, x.type), x.panel.map((m) => m.name).join(', '))}${x.mode === 'online' ? '' : ` · ${x.location || c.inPerson}`}`,
			...(old ? { old: true } : {})
		};
	});
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const sessions = p.loop!.sessions;
	const first = sessions[0]!;
	const candidate = p.recipient.role === 'candidate';
	const cancelled = p.kind === 'interview_cancelled';
	const w = when(first.start, first.end, recipientZone(p.recipient, first), ctx.lang);
	const facts = sessionFacts(p, ctx, sessions, cancelled);
	if (!candidate) facts.push({ label: c.candidate, value: first.candidate.name });
	if (p.reason && !candidate) facts.push({ label: c.reason, value: p.reason });
	return {
		subject: candidate
			? s.subjectCandidate[p.kind]!(first.org_name, w.text)
			: s.subjectPanel[p.kind]!(first.candidate.name, w.text),
		preheader: cancelled ? s.strip : `${w.text} (${w.zone})`,
		...(cancelled ? { tone: 'warning' as const } : {}),
		eyebrow: first.org_name,
		heading: (candidate ? s.heading : s.headingPanel)[p.kind]!,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [
			candidate
				? s.intro(first.org_name, sessions.length, p.kind)
				: s.introPanel(first.candidate.name, sessions.length, p.kind)
		],
		facts,
		...(cancelled
			? {}
			: {
					action: candidate
						? { label: s.view, url: `${ctx.origin}/me` }
						: { label: s.openInterview, url: `${ctx.origin}/interviews/${first.id}` }
				}),
		next: {
			title: c.nextTitle,
			text: cancelled ? s.nextCancelled : candidate ? s.nextCandidate(first.mode === 'online') : s.nextPanel
		},
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
