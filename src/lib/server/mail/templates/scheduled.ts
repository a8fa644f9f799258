/** An interview was scheduled: the candidate's invitation, or a panel member's. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectCandidate: (org: string, date: string) => m.mail_scheduled_subject_candidate({ org, date }, o),
		subjectPanel: (candidate: string, date: string) => m.mail_scheduled_subject_panel({ candidate, date }, o),
		headingCandidate: m.mail_scheduled_heading_candidate({}, o),
		headingPanel: m.mail_scheduled_heading_panel({}, o),
		introCandidate: (org: string, type: string) => m.mail_scheduled_intro_candidate({ org, type }, o),
		introPanel: (org: string, type: string, candidate: string) =>
			m.mail_scheduled_intro_panel({ org, type, candidate }, o),
		joinRoom: m.mail_scheduled_join_room({}, o),
		viewInterview: m.mail_scheduled_view_interview({}, o),
		openInterview: m.mail_scheduled_open_interview({}, o),
		nextOnline: m.mail_scheduled_next_online({}, o),
		nextInPerson: (where: string) => m.mail_scheduled_next_in_person({ where }, o),
		nextPanel: (candidate: string) => m.mail_scheduled_next_panel({ candidate }, o),
		cannotAttend: (org: string) => m.mail_scheduled_cannot_attend({ org }, o)
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
	const online = i.mode === 'online';
	return {
		subject: candidate ? s.subjectCandidate(i.org_name, w.text) : s.subjectPanel(i.candidate.name, w.text),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: candidate ? s.headingCandidate : s.headingPanel,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type) : s.introPanel(i.org_name, type, i.candidate.name)],
		facts: interviewFacts(p, ctx),
		action: candidate
			? online
				? { label: s.joinRoom, url: l.room }
				: { label: s.viewInterview, url: l.page }
			: { label: s.openInterview, url: l.page },
		next: {
			title: c.nextTitle,
			text: candidate
				? online
					? s.nextOnline
					: s.nextInPerson(i.location || c.inPerson)
				: s.nextPanel(i.candidate.name)
		},
		notes: candidate ? [s.cannotAttend(i.org_name)] : [],
		footer: interviewFooter(p, ctx)
	};
}
