/** An interviewer was taken off the panel of an interview that still takes place. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (candidate: string, date: string) => m.mail_panel_removed_subject({ candidate, date }, o),
		heading: m.mail_panel_removed_heading({}, o),
		strip: m.mail_panel_removed_strip({}, o),
		intro: (org: string, type: string, candidate: string) => m.mail_panel_removed_intro({ org, type, candidate }, o),
		next: m.mail_panel_removed_next({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	return {
		subject: s.subject(i.candidate.name, w.text),
		preheader: s.strip,
		tone: 'warning',
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(i.org_name, typeLabel(ctx.lang, i.type), i.candidate.name)],
		facts: interviewFacts(p, ctx).filter((f) => f.label !== c.panel),
		next: { title: c.nextTitle, text: s.next },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
