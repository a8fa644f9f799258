/** A candidate asks to move or cancel their interview (to the organization's admins, in their inbox only). */
import type { Payload } from '../../notifications/payload';
import { instant, type Lang, usableZone } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, type TemplateContext } from './common';

export const strings = {
	en: {
		subject: (who: string, kind: string) =>
			kind === 'cancel' ? `${who} asks to cancel their interview` : `${who} asks to move their interview`,
		heading: 'A candidate asks for a change',
		now: 'Now',
		asked: 'Asked for',
		cancel: 'Cancel the interview',
		open: 'Approve or decline',
		next: 'The change is made only once an admin approves it; the candidate hears either way.',
		footer: 'You receive this because you are an admin of the organization.',
		declinedSubject: (org: string) => `${org} could not make the change you asked for`,
		declinedHeading: 'Your interview stays as it was',
		declinedIntro: (kind: string) =>
			kind === 'cancel'
				? 'The organization declined your request to cancel your interview.'
				: 'The organization declined your request to move your interview.',
		note: 'Their note',
		when: 'Your interview',
		declinedNext: 'If the time really does not work for you, reply to the organization directly.',
		declinedFooter: (org: string) => `You receive this because you asked ${org} to change your interview.`
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
	const ch = p.change;
	const zone = usableZone(p.recipient.timezone);
	const who = ch?.candidate ?? 'A candidate';
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
			action: { label: 'Open my interview page', url: `${ctx.origin}/me` },
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
