/** An interview moved to another time (same interview, same calendar entry, a higher SEQUENCE). */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectCandidate: (org: string, date: string) => m.mail_rescheduled_subject_candidate({ org, date }, o),
		subjectPanel: (candidate: string, date: string) => m.mail_rescheduled_subject_panel({ candidate, date }, o),
		heading: m.mail_rescheduled_heading({}, o),
		headingPanel: m.mail_rescheduled_heading_panel({}, o),
		introCandidate: (org: string, type: string) => m.mail_rescheduled_intro_candidate({ org, type }, o),
		introPanel: (type: string, candidate: string) => m.mail_rescheduled_intro_panel({ type, candidate }, o),
		joinRoom: m.mail_rescheduled_join_room({}, o),
		viewInterview: m.mail_rescheduled_view_interview({}, o),
		openInterview: m.mail_rescheduled_open_interview({}, o),
		nextCandidate: m.mail_rescheduled_next_candidate({}, o),
		nextPanel: m.mail_rescheduled_next_panel({}, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const l = links(p, ctx);
	const candidate = p.recipient.role === 'candidate';
	const type = typeLabel(ctx.lang, i.type);
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: candidate ? s.heading : s.headingPanel,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(type, i.candidate.name)],
		facts: interviewFacts(p, ctx, { previous: true }),
		action: candidate
			? i.mode === 'online'
				? { label: s.joinRoom, url: l.room }
				: { label: s.viewInterview, url: l.page }
			: { label: s.openInterview, url: l.page },
		next: { title: c.nextTitle, text: candidate ? s.nextCandidate : s.nextPanel },
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
