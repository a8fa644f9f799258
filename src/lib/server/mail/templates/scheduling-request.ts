/** A scheduling request: the candidate picks their own interview time from the panel's free times. */
import type { Payload } from '../../notifications/payload';
import { instant, longDate, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (org: string) => `Choose your interview time with ${org}`,
		heading: 'Pick a time that suits you',
		intro: (org: string) =>
			`${org} would like to interview you. Instead of a time set for you, choose one yourself: the link shows the times the interviewers are free, in your time zone, and books the one you pick at once.`,
		length: 'Length',
		minutes: (n: number) => `${n} minutes`,
		between: 'Between',
		range: (a: string, b: string) => `${a} and ${b}`,
		action: 'Choose my interview time',
		next: 'No password is needed: the link opens your request. It is personal, so please do not forward it. You can also find the request on your interview page.',
		expires: (date: string) => `Please choose by ${date}; after that the link no longer books.`,
		removed: '(The link is removed from this copy once the email is sent.)'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
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
