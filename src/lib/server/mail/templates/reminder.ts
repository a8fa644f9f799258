/** Reminders a day and an hour before an interview, to the candidate and the panel. */
import type { Payload } from '../../notifications/payload';
import type { Lang } from '../format';
import type { EmailContent } from '../layout';
import { COMMON, interviewFacts, interviewFooter, links, typeLabel, whenFor, type TemplateContext } from './common';

export const strings = {
	en: {
		subjectDay: (what: string, time: string) => `Reminder: ${what} tomorrow at ${time}`,
		subjectHour: (what: string, time: string) => `Starting soon: ${what} at ${time}`,
		yourInterview: (org: string) => `your interview with ${org}`,
		interviewWith: (candidate: string) => `interview with ${candidate}`,
		headingDay: 'Your interview is tomorrow',
		headingDayPanel: 'You interview tomorrow',
		headingHour: 'Your interview starts in an hour',
		headingHourPanel: 'Your interview starts in an hour',
		introCandidate: (org: string, type: string, time: string) => `A reminder of your ${type} with ${org}, at ${time}.`,
		introPanel: (type: string, candidate: string, time: string) =>
			`A reminder of the ${type} with ${candidate}, at ${time}.`,
		joinRoom: 'Open the video room',
		viewInterview: 'View your interview',
		openInterview: 'Open the interview page',
		nextOnline:
			'The video room opens 15 minutes before the start. Check your camera and microphone, and find a quiet place.',
		nextInPerson: (where: string) => `Please arrive a few minutes early at ${where}.`,
		nextPanel: (candidate: string) => `Read ${candidate}’s application and the panel’s shared notes before you start.`
	}
} satisfies Record<Lang, unknown>;

export function content(p: Payload, ctx: TemplateContext): EmailContent {
	const s = strings[ctx.lang];
	const c = COMMON[ctx.lang];
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
