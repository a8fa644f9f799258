/** An email could not be delivered (to the organization's admins, in their inbox only). */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (to: string) => m.mail_delivery_failed_subject({ to }, o),
		heading: m.mail_delivery_failed_heading({}, o),
		intro: (to: string, address: string) => m.mail_delivery_failed_intro({ to, address }, o),
		error: m.mail_delivery_failed_error({}, o),
		open: m.mail_delivery_failed_open({}, o),
		next: m.mail_delivery_failed_next({}, o),
		footer: m.mail_delivery_failed_footer({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const f = p.failed!;
	return {
		subject: s.subject(f.to_name),
		preheader: f.error,
		tone: 'warning',
		eyebrow: p.org_name ?? 'Parley',
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(f.to_name, f.to_address)],
		facts: [{ label: s.error, value: f.error }],
		action: { label: s.open, url: `${ctx.origin}/admin/outbox/${f.outbox_id}` },
		next: { title: c.nextTitle, text: s.next },
		notes: [],
		footer: { reason: s.footer, signature: c.signature(p.org_name ?? 'Parley') }
	};
}
