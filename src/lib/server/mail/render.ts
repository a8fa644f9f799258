/**
 * Renders a stored notification into an email (subject, HTML, text and, for schedule changes, the
 * calendar invitation) and into an inbox line. Pure: the same payload, language and origin give the
 * same message, which is how a retry sends the same bytes and the outbox page previews what was sent.
 */
import type { NotificationKind } from '$lib/contract/notifications';
import { interviewIcs, type IcsInterview, type IcsMethod } from '../ics';
import type { InterviewFacts, Payload } from '../notifications/payload';
import { DEFAULT_LANG, type Lang, usableZone } from './format';
import { renderParts, type EmailContent } from './layout';
import type { TemplateContext } from './templates/common';
import * as cancelled from './templates/cancelled';
import * as changeRequest from './templates/change-request';
import * as deliveryFailed from './templates/delivery-failed';
import * as feedbackRequest from './templates/feedback-request';
import * as invitation from './templates/invitation';
import * as loop from './templates/loop';
import * as panelAdded from './templates/panel-added';
import * as panelRemoved from './templates/panel-removed';
import * as personalLink from './templates/personal-link';
import * as reminder from './templates/reminder';
import * as rescheduled from './templates/rescheduled';
import * as scheduled from './templates/scheduled';
import * as schedulingRequest from './templates/scheduling-request';

/** One template per kind. */
const TEMPLATES: Record<NotificationKind, (p: Payload, ctx: TemplateContext) => EmailContent> = {
	invitation: invitation.content,
	personal_link: personalLink.content,
	scheduling_request: schedulingRequest.content,
	interview_scheduled: scheduled.content,
	interview_rescheduled: rescheduled.content,
	interview_cancelled: cancelled.content,
	panel_added: panelAdded.content,
	panel_removed: panelRemoved.content,
	reminder_24h: reminder.content,
	reminder_1h: reminder.content,
	feedback_request: feedbackRequest.content,
	delivery_failed: deliveryFailed.content,
	change_request: changeRequest.content
};

/** Which kinds carry a calendar invitation, and as what. */
const CALENDAR_METHOD: Partial<Record<NotificationKind, Exclude<IcsMethod, 'PUBLISH'>>> = {
	interview_scheduled: 'REQUEST',
	interview_rescheduled: 'REQUEST',
	panel_added: 'REQUEST',
	interview_cancelled: 'CANCEL',
	panel_removed: 'CANCEL'
};

export interface RenderOptions {
	origin: string;
	/** The address the invitation names as ORGANIZER (the sender's). */
	organizerEmail: string;
	lang?: Lang;
}

export interface RenderedMail {
	subject: string;
	html: string;
	text: string;
	calendar: { method: IcsMethod; content: string } | null;
	/**
	 * A loop told in one message: the invitations of its further sessions, one file each (iTIP allows
	 * one UID per REQUEST or CANCEL, RFC 5546 §3.2), attached after `calendar`, the first session's.
	 */
	moreCalendars: { method: IcsMethod; content: string }[];
}

/**
 * Who an invitation names: for a REQUEST and a cancelled interview, the candidate and the whole panel
 * as the interview now is; for a CANCEL that takes one person off the panel, that person alone. The
 * recipient is always among them (a message queued before addresses were stored names at least them).
 */
function invitationAttendees(p: Payload): { name: string; email: string }[] {
	const i = p.interview!;
	const me = { name: p.recipient.name, email: p.recipient.email };
	if (p.kind === 'panel_removed') return [me];
	const everyone = [i.candidate, ...i.panel].flatMap((a) => (a.email ? [{ name: a.name, email: a.email }] : []));
	return [...everyone, me];
}

/** The kinds that tell a loop's sessions in one message. */
const LOOP_KINDS: ReadonlySet<NotificationKind> = new Set([
	'interview_scheduled',
	'interview_rescheduled',
	'interview_cancelled'
]);

/** A loop's sessions told in one message (the kinds a loop tells), or null. */
function loopOf(p: Payload): InterviewFacts[] | null {
	const sessions = p.loop?.sessions;
	return sessions?.length && LOOP_KINDS.has(p.kind) ? sessions : null;
}

/** The message's words: one template per kind, the loop's for several sessions at once. */
function contentOf(p: Payload, ctx: TemplateContext): EmailContent {
	return loopOf(p) ? loop.content(p, ctx) : TEMPLATES[p.kind](p, ctx);
}

/** An interview of a payload as the calendar file takes it. */
function icsRow(i: InterviewFacts, method: Exclude<IcsMethod, 'PUBLISH'>): IcsInterview {
	return {
		id: i.id,
		start_at: new Date(i.start),
		end_at: new Date(i.end),
		timezone: usableZone(i.timezone, i.org_timezone),
		type: i.type,
		mode: i.mode,
		location: i.location,
		status: method === 'CANCEL' ? 'cancelled' : i.status,
		sequence: i.sequence,
		updated_at: new Date(i.updated_at),
		panel: i.panel,
		candidate_name: i.candidate.name
	};
}

/** The email of a notification. */
export function renderMail(p: Payload, opts: RenderOptions): RenderedMail {
	const ctx: TemplateContext = { lang: opts.lang ?? DEFAULT_LANG, origin: opts.origin.replace(/\/+$/, '') };
	const parts = renderParts(contentOf(p, ctx), ctx.lang);
	const method = CALENDAR_METHOD[p.kind];
	const i = p.interview;
	const sessions = loopOf(p);
	if (!method || !i) return { ...parts, calendar: null, moreCalendars: [] };
	const common = {
		orgName: i.org_name,
		origin: ctx.origin,
		organizerEmail: opts.organizerEmail,
		method,
		lang: ctx.lang,
		showCandidate: p.recipient.role !== 'candidate'
	};
	// Each session its own invitation, naming the candidate and that session's panel (and the recipient).
	const [first, ...rest] = (sessions ?? [i]).map((x) => ({
		method,
		content: interviewIcs(icsRow(x, method), { ...common, attendees: invitationAttendees({ ...p, interview: x }) })
	}));
	return { ...parts, calendar: first!, moreCalendars: rest };
}

/** The inbox line of a notification: a title, one sentence and where it leads (a path in the app). */
export function renderInbox(
	p: Payload,
	lang: Lang = DEFAULT_LANG
): { title: string; body: string; link: string | null } {
	const content = contentOf(p, { lang, origin: '' });
	// Without a button (a cancellation), the item still leads to where the interview is shown.
	const page =
		p.interview && p.kind !== 'panel_removed'
			? p.recipient.role === 'candidate'
				? '/me'
				: `/interviews/${p.interview.id}`
			: null;
	return { title: content.subject, body: content.preheader, link: content.action?.url ?? page };
}
