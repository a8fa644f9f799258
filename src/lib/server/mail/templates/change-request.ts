/** A candidate asks to move or cancel their interview (to the organization's admins, in their inbox only). */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (who: string, kind: string) =>
			kind === 'cancel'
				? m.mail_change_request_subject_cancel({ who }, o)
				: m.mail_change_request_subject_move({ who }, o),
		heading: m.mail_change_request_heading({}, o),
		now: m.mail_change_request_now({}, o),
		asked: m.mail_change_request_asked({}, o),
		cancel: m.mail_change_request_cancel({}, o),
		open: m.mail_change_request_open({}, o),
		next: m.mail_change_request_next({}, o),
		footer: m.mail_change_request_footer({}, o),
		declinedSubject: (org: string) => m.mail_change_request_declined_subject({ org }, o),
		declinedHeading: m.mail_change_request_declined_heading({}, o),
		declinedIntro: (kind: string) =>
			kind === 'cancel'
				? m.mail_change_request_declined_intro_cancel({}, o)
				: m.mail_change_request_declined_intro_move({}, o),
		note: m.mail_change_request_note({}, o),
		when: m.mail_change_request_when({}, o),
		declinedNext: m.mail_change_request_declined_next({}, o),
		declinedFooter: (org: string) => m.mail_change_request_declined_footer({ org }, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const ch = p.change;
	const zone = usableZone(p.recipient.timezone);
	const who = ch?.candidate ?? c.candidate;
	const org = p.org_name ?? 'Parley';
	if (ch?.declined)
		return {
			subject: s.declinedSubject(org),
			preheader: s.declinedHeading,
			eyebrow: org,
			heading: s.declinedHeading,
			greeting: c.greeting(p.recipient.name),
			paragraphs: [s.declinedIntro(ch.kind)],
			facts: [
				{ label: s.when, value: instant(ch.start, zone, ctx.lang) },
				...(ch.note ? [{ label: s.note, value: ch.note }] : [])
			],
			action: { label: m.mail_personal_link_action({}, { locale: ctx.lang }), url: `${ctx.origin}/me` },
			next: { title: c.nextTitle, text: s.declinedNext },
			notes: [],
			footer: { reason: s.declinedFooter(org), signature: c.signature(org) }
		};
	return {
		subject: s.subject(who, ch?.kind ?? 'reschedule'),
		preheader: s.heading,
		eyebrow: p.org_name ?? 'Parley',
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [],
		facts: ch
			? [
					{ label: s.now, value: instant(ch.start, zone, ctx.lang) },
					{ label: s.asked, value: ch.new_start ? instant(ch.new_start, zone, ctx.lang) : s.cancel }
				]
			: [],
		action: { label: s.open, url: `${ctx.origin}/admin/requests#changes` },
		next: { title: c.nextTitle, text: s.next },
		notes: [],
		footer: { reason: s.footer, signature: c.signature(p.org_name ?? 'Parley') }
	};
}
