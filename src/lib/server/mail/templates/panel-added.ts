/** An interviewer was added to the panel of an interview already scheduled. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subject: (candidate: string, date: string) => m.mail_panel_added_subject({ candidate, date }, o),
		heading: m.mail_panel_added_heading({}, o),
		intro: (org: string, type: string, candidate: string) => m.mail_panel_added_intro({ org, type, candidate }, o),
		open: m.mail_panel_added_open({}, o),
		next: (candidate: string) => m.mail_panel_added_next({ candidate }, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	return {
		subject: s.subject(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [s.intro(i.org_name, typeLabel(ctx.lang, i.type), i.candidate.name)],
		facts: interviewFacts(p, ctx),
		action: { label: s.open, url: links(p, ctx).page },
		next: { title: c.nextTitle, text: s.next(i.candidate.name) },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
