/** A candidate's personal link: opens their own interview pages without a password. */
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (org: string) => `Your personal link to your interviews with ${org}`,
		heading: 'Your interviews, one click away',
		intro: (org: string) =>
			`${org} uses Parley for interviews. This personal link opens your own page, where you see your interview times in your time zone and join online interviews.`,
		action: 'Open my interview page',
		next: 'Keep this email: the link is how you reach your interviews. It is personal, so please do not forward it.',
		expires: (date: string) => `The link works until ${date}. A new link replaces this one.`,
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
