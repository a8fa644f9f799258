/** A candidate's personal link: opens their own interview pages without a password. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (org: string) => m.mail_personal_link_subject({ org }, o),
		heading: m.mail_personal_link_heading({}, o),
		intro: (org: string) => m.mail_personal_link_intro({ org }, o),
		action: m.mail_personal_link_action({}, o),
		next: m.mail_personal_link_next({}, o),
		expires: (date: string) => m.mail_personal_link_expires({ date }, o),
		removed: m.mail_personal_link_removed({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const org = p.org_name ?? 'Parley';
	const zone = usableZone(p.recipient.timezone);
	const expires = p.expires_at ? instant(p.expires_at, zone, ctx.lang) : null;
	return {
		subject: s.subject(org),
		preheader: s.heading,
		eyebrow: org,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(org)],
		facts: [],
		action: p.secret_url ? { label: s.action, url: p.secret_url } : undefined,
		next: { title: c.nextTitle, text: s.next },
		notes: [...(expires ? [s.expires(expires)] : []), ...(p.secret_url ? [] : [s.removed])],
		footer: { reason: c.footerAccount(org), signature: c.signature(org) }
	};
}
