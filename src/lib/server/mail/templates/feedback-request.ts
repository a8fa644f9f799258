/** "Please submit your scorecard": 1 h after the end, then each business day for up to ten. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectFirst: (candidate: string) => m.mail_feedback_request_subject_first({ candidate }, o),
		subjectAgain: (candidate: string) => m.mail_feedback_request_subject_again({ candidate }, o),
		headingFirst: m.mail_feedback_request_heading_first({}, o),
		headingAgain: m.mail_feedback_request_heading_again({}, o),
		introFirst: (type: string, candidate: string, date: string) =>
			m.mail_feedback_request_intro_first({ type, candidate, date }, o),
		introAgain: (type: string, candidate: string, date: string) =>
			m.mail_feedback_request_intro_again({ type, candidate, date }, o),
		submit: m.mail_feedback_request_submit({}, o),
		next: m.mail_feedback_request_next({}, o),
		last: m.mail_feedback_request_last({}, o),
		stops: m.mail_feedback_request_stops({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const first = (p.n ?? 0) === 0;
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: first ? s.subjectFirst(i.candidate.name) : s.subjectAgain(i.candidate.name),
		preheader: first ? s.headingFirst : s.headingAgain,
		eyebrow: i.org_name,
		heading: first ? s.headingFirst : s.headingAgain,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [(first ? s.introFirst : s.introAgain)(type, i.candidate.name, w.date)],
		facts: interviewFacts(p, ctx).filter((f) => f.label !== c.panel),
		action: { label: s.submit, url: links(p, ctx).scorecard },
		next: { title: c.nextTitle, text: s.next },
		notes: [p.last ? s.last : s.stops],
		footer: interviewFooter(p, ctx)
	};
}
