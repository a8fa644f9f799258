/**
 * What every interview message shares: the facts block (when, where, who), the links, the footer.
 * Its strings live here once; each template keeps its own strings in its own file.
 */
import { m } from '$lib/paraglide/messages';
import type { InterviewFacts, Payload, RecipientFacts } from '../../notifications/payload';
import { type Lang, usableZone, when, zoneName } from '../format';
import type { EmailContent, Fact } from '../layout';

export interface TemplateContext {
	lang: Lang;
	/** Where links point (https://parley.example.edu); no trailing slash. */
	origin: string;
}

/** The shared words in `lang` (messages/<locale>.json, keys `mail_common_…`). */
export function COMMON(lang: Lang) {
	const o = { locale: lang };
	return {
		type: {
			phone: m.mail_type_phone({}, o),
			video: m.mail_type_video({}, o),
			in_person: m.mail_type_in_person({}, o),
			technical: m.mail_type_technical({}, o),
			hr: m.mail_type_hr({}, o),
			final: m.mail_type_final({}, o)
		} as Record<string, string>,
		interview: m.mail_common_interview({}, o),
		when: m.mail_common_when({}, o),
		timeZone: m.mail_common_time_zone({}, o),
		localTime: (time: string, zone: string) => m.mail_common_local_time({ time, zone }, o),
		where: m.mail_common_where({}, o),
		online: m.mail_common_online({}, o),
		inPerson: m.mail_common_in_person({}, o),
		panel: m.mail_common_panel({}, o),
		candidate: m.mail_common_candidate({}, o),
		round: m.mail_common_round({}, o),
		toBeAnnounced: m.mail_common_to_be_announced({}, o),
		was: m.mail_common_was({}, o),
		reason: m.mail_common_reason({}, o),
		nextTitle: m.mail_common_next_title({}, o),
		greeting: (name: string) => m.mail_common_greeting({ name }, o),
		footerReason: (org: string) => m.mail_common_footer_reason({ org }, o),
		footerAccount: (org: string) => m.mail_common_footer_account({ org }, o),
		settings: m.mail_common_settings({}, o),
		signature: (org: string) => m.mail_common_signature({ org }, o)
	};
}

/** The type of interview in words ("video interview"). */
export function typeLabel(lang: Lang, type: string): string {
	const s = COMMON(lang);
	return s.type[type] ?? s.interview;
}

/** The zone the recipient reads times in. */
export function recipientZone(r: RecipientFacts, i?: InterviewFacts): string {
	return usableZone(r.timezone, i?.org_timezone ?? 'UTC');
}

/** Links of one interview, for this recipient. */
export function links(p: Payload, ctx: TemplateContext) {
	const i = p.interview!;
	const candidate = p.recipient.role === 'candidate';
	return {
		room: `${ctx.origin}/interviews/${i.id}/room`,
		/** The page where the recipient sees the interview: the candidate's home or the interview page. */
		page: candidate ? `${ctx.origin}/me` : `${ctx.origin}/interviews/${i.id}`,
		scorecard: `${ctx.origin}/interviews/${i.id}#scorecard`,
		settings: `${ctx.origin}/settings#notifications`
	};
}

/**
 * The facts block of an interview: when (in the recipient's zone, naming it, with the interview's
 * own zone beside it when they differ), where, and who. A candidate sees the interviewers' names and
 * nothing else of the panel's; an interviewer also sees the candidate and the round.
 */
export function interviewFacts(p: Payload, ctx: TemplateContext, opts: { previous?: boolean } = {}): Fact[] {
	const s = COMMON(ctx.lang);
	const i = p.interview!;
	const zone = recipientZone(p.recipient, i);
	const w = when(i.start, i.end, zone, ctx.lang);
	const home = usableZone(i.timezone, i.org_timezone);
	const facts: Fact[] = [];
	// The interview's own zone beside the recipient's when they differ (the office's clock for a visit).
	const local = when(i.start, i.end, home, ctx.lang);
	const elsewhere =
		home !== zone
			? ` · ${s.localTime(local.date === w.date ? local.time : local.text, zoneName(i.start, home, ctx.lang))}`
			: '';
	// The date and the time on lines of their own: a phone never breaks "14:00–14:45" in two.
	facts.push({ label: s.when, value: `${w.date}\n${w.time}`, note: `${w.zone}${elsewhere}` });
	if (opts.previous && p.previous) {
		const was = when(p.previous.start, p.previous.end, zone, ctx.lang);
		facts.push({ label: s.was, value: `${was.date}\n${was.time}`, old: true });
	}
	facts.push({ label: s.where, value: i.mode === 'online' ? s.online : i.location || s.inPerson });
	if (p.recipient.role !== 'candidate') {
		facts.push({ label: s.candidate, value: `${i.candidate.name} · ${s.round} ${i.round}` });
	}
	facts.push({ label: s.panel, value: i.panel.map((x) => x.name).join(', ') || s.toBeAnnounced });
	if (p.reason && p.recipient.role !== 'candidate') facts.push({ label: s.reason, value: p.reason });
	return facts;
}

/** The footer of an interview message. */
export function interviewFooter(p: Payload, ctx: TemplateContext): EmailContent['footer'] {
	const s = COMMON(ctx.lang);
	const org = p.interview?.org_name ?? p.org_name ?? 'Parley';
	return {
		reason: s.footerReason(org),
		settings: { label: s.settings, url: `${ctx.origin}/settings#notifications` },
		signature: s.signature(org)
	};
}

/** "When" in the recipient's zone, for subjects and sentences. */
export function whenFor(p: Payload, ctx: TemplateContext) {
	const i = p.interview!;
	return when(i.start, i.end, recipientZone(p.recipient, i), ctx.lang);
}
