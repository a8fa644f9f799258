/**
 * A loop booked, moved or cancelled in one change: one message listing the sessions the recipient
 * takes part in (the candidate all of them, a panel member their own), with one invitation file per
 * session attached (iTIP allows one UID per file). The kind says which of the three it is.
 */
import { m } from '$lib/paraglide/messages';
import type { InterviewFacts, Payload } from '../../notifications/payload';
import { type Lang, when } from '../format';
import type { EmailContent, Fact } from '../layout';
import { COMMON, interviewFooter, recipientZone, typeLabel, type TemplateContext } from './common';

/** The kinds a loop message is sent for, as the message keys name them. */
type LoopKind = 'scheduled' | 'rescheduled' | 'cancelled';
const KIND: Record<string, LoopKind> = {
	interview_scheduled: 'scheduled',
	interview_rescheduled: 'rescheduled',
	interview_cancelled: 'cancelled'
};

/** This message's words in `lang` (messages/<locale>.json, keys `mail_loop_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectCandidate: (kind: string, org: string, date: string) =>
			({
				scheduled: m.mail_loop_subject_candidate_scheduled,
				rescheduled: m.mail_loop_subject_candidate_rescheduled,
				cancelled: m.mail_loop_subject_candidate_cancelled
			})[KIND[kind] ?? 'scheduled']({ org, date }, o),
		subjectPanel: (kind: string, candidate: string, date: string) =>
			({
				scheduled: m.mail_loop_subject_panel_scheduled,
				rescheduled: m.mail_loop_subject_panel_rescheduled,
				cancelled: m.mail_loop_subject_panel_cancelled
			})[KIND[kind] ?? 'scheduled']({ candidate, date }, o),
		heading: (kind: string, candidate: boolean) => {
			const k = KIND[kind] ?? 'scheduled';
			if (k === 'cancelled') return m.mail_loop_heading_cancelled({}, o);
			if (candidate)
				return k === 'rescheduled' ? m.mail_loop_heading_rescheduled({}, o) : m.mail_loop_heading_scheduled({}, o);
			return k === 'rescheduled'
				? m.mail_loop_heading_panel_rescheduled({}, o)
				: m.mail_loop_heading_panel_scheduled({}, o);
		},
		intro: (kind: string, org: string, n: number) =>
			({
				scheduled: m.mail_loop_intro_scheduled,
				rescheduled: m.mail_loop_intro_rescheduled,
				cancelled: m.mail_loop_intro_cancelled
			})[KIND[kind] ?? 'scheduled']({ org, n }, o),
		introPanel: (kind: string, candidate: string, n: number) =>
			({
				scheduled: m.mail_loop_intro_panel_scheduled,
				rescheduled: m.mail_loop_intro_panel_rescheduled,
				cancelled: m.mail_loop_intro_panel_cancelled
			})[KIND[kind] ?? 'scheduled']({ candidate, n }, o),
		session: (n: number) => m.mail_loop_session({ n }, o),
		with: (type: string, names: string) => (names ? m.mail_loop_with({ type, names }, o) : type),
		strip: m.mail_loop_strip({}, o),
		view: m.mail_loop_view({}, o),
		openInterview: m.mail_loop_open_first({}, o),
		nextCandidate: (online: boolean) => (online ? m.mail_loop_next_online({}, o) : m.mail_loop_next_onsite({}, o)),
		nextCancelled: m.mail_loop_next_cancelled({}, o),
		nextPanel: m.mail_loop_next_panel({}, o)
	};
}

/** The sessions as facts: one line each, its time in the recipient's zone and who is on it. */
function sessionFacts(p: Payload, ctx: TemplateContext, sessions: readonly InterviewFacts[], old: boolean): Fact[] {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	return sessions.map((x, n) => {
		const w = when(x.start, x.end, recipientZone(p.recipient, x), ctx.lang);
		return {
			label: s.session(n + 1),
			value: `${w.date}\n${w.time}`,
			note: `${w.zone} · ${s.with(typeLabel(ctx.lang, x.type), x.panel.map((person) => person.name).join(', '))}${x.mode === 'online' ? '' : ` · ${x.location || c.inPerson}`}`,
			...(old ? { old: true } : {})
		};
	});
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
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
			? s.subjectCandidate(p.kind, first.org_name, w.text)
			: s.subjectPanel(p.kind, first.candidate.name, w.text),
		preheader: cancelled ? s.strip : `${w.text} (${w.zone})`,
		...(cancelled ? { tone: 'warning' as const } : {}),
		eyebrow: first.org_name,
		heading: s.heading(p.kind, candidate),
		greeting: c.greeting(p.recipient.name),
		paragraphs: [
			candidate
				? s.intro(p.kind, first.org_name, sessions.length)
				: s.introPanel(p.kind, first.candidate.name, sessions.length)
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
