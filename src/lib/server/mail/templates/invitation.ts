/** A person added to an organization: the link to set their password (works once, expires). */
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (org: string) => `${org} invited you to Parley`,
		heading: (org: string) => `Join ${org} on Parley`,
		role: {
			admin: 'an admin, who schedules interviews and manages the team',
			interviewer: 'an interviewer, who sits on interview panels and writes scorecards',
			candidate: 'a candidate, to see and join your interviews'
		} as Record<string, string>,
		intro: (org: string, role: string) =>
			`${org} uses Parley to schedule and hold interviews, and has added you as ${role}.`,
		action: 'Set your password',
		next: 'Choose a password with the button above; you then sign in with this email address.',
		expires: (date: string) => `The link works once and expires on ${date}. If it has expired, ask for a new one.`,
		notYou: 'If you did not expect this invitation, you can ignore this email.',
		removed: '(The link is removed from this copy once the email is sent.)'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
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
