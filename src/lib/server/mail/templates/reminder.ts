/** Reminders a day and an hour before an interview, to the candidate and the panel. */
import { m } from '$lib/paraglide/messages';
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

/** This message's words in `lang` (messages/<locale>.json, keys `mail_…`). */
export function strings(lang: Lang) {
	const o = { locale: lang };
	return {
		subjectDay: (what: string, time: string) => m.mail_reminder_subject_day({ what, time }, o),
		subjectHour: (what: string, time: string) => m.mail_reminder_subject_hour({ what, time }, o),
		yourInterview: (org: string) => m.mail_reminder_your_interview({ org }, o),
		interviewWith: (candidate: string) => m.mail_reminder_interview_with({ candidate }, o),
		headingDay: m.mail_reminder_heading_day({}, o),
		headingDayPanel: m.mail_reminder_heading_day_panel({}, o),
		headingHour: m.mail_reminder_heading_hour({}, o),
		headingHourPanel: m.mail_reminder_heading_hour_panel({}, o),
		introCandidate: (org: string, type: string, time: string) =>
			m.mail_reminder_intro_candidate({ org, type, time }, o),
		introPanel: (type: string, candidate: string, time: string) =>
			m.mail_reminder_intro_panel({ type, candidate, time }, o),
		joinRoom: m.mail_reminder_join_room({}, o),
		viewInterview: m.mail_reminder_view_interview({}, o),
		openInterview: m.mail_reminder_open_interview({}, o),
		nextOnline: m.mail_reminder_next_online({}, o),
		nextInPerson: (where: string) => m.mail_reminder_next_in_person({ where }, o),
		nextPanel: (candidate: string) => m.mail_reminder_next_panel({ candidate }, o)
	};
}

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings(ctx.lang);
	const c = COMMON(ctx.lang);
	const i = p.interview!;
	const w = whenFor(p, ctx);
	const l = links(p, ctx);
	const candidate = p.recipient.role === 'candidate';
	const day = p.kind === 'reminder_24h';
	const type = typeLabel(ctx.lang, i.type);
	const start = w.time.split('–')[0]!;
	const what = candidate ? s.yourInterview(i.org_name) : s.interviewWith(i.candidate.name);
	const online = i.mode === 'online';
	return {
		subject: day ? s.subjectDay(what, start) : s.subjectHour(what, start),
		preheader: `${w.text} (${w.zone})`,
		eyebrow: i.org_name,
		heading: day ? (candidate ? s.headingDay : s.headingDayPanel) : candidate ? s.headingHour : s.headingHourPanel,
		greeting: c.greeting(p.recipient.name),
		paragraphs: [candidate ? s.introCandidate(i.org_name, type, w.text) : s.introPanel(type, i.candidate.name, w.text)],
		facts: interviewFacts(p, ctx),
		action: online
			? { label: s.joinRoom, url: l.room }
			: candidate
				? { label: s.viewInterview, url: l.page }
				: { label: s.openInterview, url: l.page },
		next: {
			title: c.nextTitle,
			text: candidate
				? online
					? s.nextOnline
					: s.nextInPerson(i.location || c.inPerson)
				: s.nextPanel(i.candidate.name)
		},
		notes: [],
		footer: interviewFooter(p, ctx)
	};
}
