/** An interview was cancelled (or removed from the calendar before it took place). */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectCandidate: (org: string, date: string) => m.mail_cancelled_subject_candidate({ org, date }, o),
		subjectPanel: (candidate: string, date: string) => m.mail_cancelled_subject_panel({ candidate, date }, o),
		heading: m.mail_cancelled_heading({}, o),
		strip: m.mail_cancelled_strip({}, o),
		introCandidate: (org: string, type: string) => m.mail_cancelled_intro_candidate({ org, type }, o),
		introPanel: (type: string, candidate: string) => m.mail_cancelled_intro_panel({ type, candidate }, o),
		nextCandidate: (org: string) => m.mail_cancelled_next_candidate({ org }, o),
		nextPanel: m.mail_cancelled_next_panel({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const candidate = p.recipient.role === 'candidate';
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: s.strip,
		tone: 'warning',
		eyebrow: i.org_name,
		heading: s.heading,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(type, i.candidate.name)],
		facts: interviewFacts(p, ctx).map((f) => (f.label === c.when ? { ...f, old: true } : f)),
		next: { title: c.nextTitle, text: candidate ? s.nextCandidate(i.org_name) : s.nextPanel },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
