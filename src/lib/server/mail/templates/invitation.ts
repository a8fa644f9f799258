/** A person added to an organization: the link to set their password (works once, expires). */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (org: string) => m.mail_invitation_subject({ org }, o),
		heading: (org: string) => m.mail_invitation_heading({ org }, o),
		role: {
			admin: m.mail_invitation_role_admin({}, o),
			interviewer: m.mail_invitation_role_interviewer({}, o),
			candidate: m.mail_invitation_role_candidate({}, o)
		} as Record<string, string>,
		intro: (org: string, role: string) => m.mail_invitation_intro({ org, role }, o),
		action: m.mail_invitation_action({}, o),
		next: m.mail_invitation_next({}, o),
		expires: (date: string) => m.mail_invitation_expires({ date }, o),
		notYou: m.mail_invitation_not_you({}, o),
		removed: m.mail_invitation_removed({}, o)
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
		preheader: s.heading(org),
		eyebrow: org,
		heading: s.heading(org),
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(org, s.role[p.invited_role ?? ''] ?? s.role.interviewer!)],
		facts: [],
		action: p.secret_url ? { label: s.action, url: p.secret_url } : undefined,
		next: { title: c.nextTitle, text: s.next },
		notes: [...(expires ? [s.expires(expires)] : []), ...(p.secret_url ? [] : [s.removed]), s.notYou],
		footer: { reason: c.footerAccount(org), signature: c.signature(org) }
	};
}
