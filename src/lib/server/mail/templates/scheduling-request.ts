/** A scheduling request: the candidate picks their own interview time from the panel's free times. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import { instant, longDate, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (org: string) => m.mail_scheduling_request_subject({ org }, o),
		heading: m.mail_scheduling_request_heading({}, o),
		intro: (org: string) => m.mail_scheduling_request_intro({ org }, o),
		length: m.mail_scheduling_request_length({}, o),
		minutes: (n: number) => m.mail_scheduling_request_minutes({ n }, o),
		between: m.mail_scheduling_request_between({}, o),
		range: (a: string, b: string) => m.mail_scheduling_request_range({ a, b }, o),
		action: m.mail_scheduling_request_action({}, o),
		next: m.mail_scheduling_request_next({}, o),
		expires: (date: string) => m.mail_scheduling_request_expires({ date }, o),
		removed: m.mail_scheduling_request_removed({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const org = p.org_name ?? 'Parley';
	const zone = usableZone(p.recipient.timezone);
	const r = p.request;
	const expires = p.expires_at ? instant(p.expires_at, zone, ctx.lang) : null;
	return {
		subject: s.subject(org),
		preheader: s.heading,
		eyebrow: org,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(org)],
		facts: r
			? [
					{ label: s.length, value: s.minutes(r.duration_min) },
					{
						label: s.between,
						// The window ends at an instant: its last day is the one before that instant.
						value: s.range(
							longDate(r.window_start, zone, ctx.lang),
							longDate(new Date(Date.parse(r.window_end) - 1).toISOString(), zone, ctx.lang)
						)
					}
				]
			: [],
		action: p.secret_url ? { label: s.action, url: p.secret_url } : undefined,
		next: { title: c.nextTitle, text: s.next },
		notes: [...(expires ? [s.expires(expires)] : []), ...(p.secret_url ? [] : [s.removed])],
		footer: { reason: c.footerAccount(org), signature: c.signature(org) }
	};
}
