/** An email could not be delivered (to the organization's admins, in their inbox only). */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (to: string) => `Email to ${to} could not be delivered`,
		heading: 'An email could not be delivered',
		intro: (to: string, address: string) => `Parley gave up sending an email to ${to} (${address}).`,
		error: 'The mail server said',
		open: 'Open the message',
		next: 'Check the address, then resend the message from the outbox, or reach the person another way.',
		footer: 'You receive this because you are an admin of the organization.'
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
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
