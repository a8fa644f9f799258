/**
 * The full demo's people on top of the core ones (db/seed.ts): three more interviewers, so that two
 * work in each of New York, Rome and Los Angeles, and 34 more applicants over every status of the
 * pipeline with the interviews of their process. Days count business days from today in the
 * organization's zone (negative: last week, positive: the next three weeks); `at` is the preferred
 * start in that zone, which `placeDemo` (schedule.ts) may move later that day to fit everyone's hours.
 * Rounds follow the dates; a cancelled or missed interview holds no round.
 */
import type { ApplicationStatus, InterviewStatus, InterviewType, WorkingHours } from '../../src/lib/domain/types';

/** The interviewers of the full demo, core and new, by the key the plans use. */
export type InterviewerKey = 'ines' | 'marco' | 'priya' | 'kwame' | 'lucia' | 'rafael';

export const EXTRA_INTERVIEWERS = [
	{ key: 'kwame', email: 'kwame@northfield.test', name: 'Kwame Mensah', timezone: 'America/New_York' },
	{ key: 'lucia', email: 'lucia@northfield.test', name: 'Lucia Romano', timezone: 'Europe/Rome' },
	{ key: 'rafael', email: 'rafael@northfield.test', name: 'Rafael Ortiz', timezone: 'America/Los_Angeles' }
] as const;

/**
 * Working hours of their own, read in their zone (everyone else keeps the organization's 09:00–17:00):
 * Priya starts early, so that a panel with New York and Los Angeles can meet before noon.
 */
export const OWN_HOURS: Partial<Record<InterviewerKey, WorkingHours>> = {
	priya: { startTime: '08:00', endTime: '16:00', weekdays: [1, 2, 3, 4, 5] }
};

export interface DemoInterview {
	day: number;
	at: string;
	type: InterviewType;
	durationMin: number;
	panel: InterviewerKey[];
	status: Extract<InterviewStatus, 'scheduled' | 'completed' | 'cancelled' | 'no_show'>;
	/** Why it was cancelled (the history shows it). */
	reason?: string;
	/** `email#n`: the n-th interview of that applicant, which this one double-books on purpose. */
	clashesWith?: string;
}

export interface DemoApplicant {
	email: string;
	name: string;
	/** Their own zone; null reads the organization's. */
	timezone: string | null;
	status: ApplicationStatus;
	interview: boolean;
	online: boolean;
	interviews: DemoInterview[];
}

export const ROOMS = {
	in_person: 'Admissions Office, Hall B, room 204',
	technical: 'Graduate Center, room 3.12',
	final: 'Faculty Club, meeting room 2'
} as const;

/** Which kinds are held online: a first conversation by video, a phone screen; the rest in person. */
export const ONLINE_TYPES: ReadonlySet<InterviewType> = new Set(['video', 'phone']);

type Panel = InterviewerKey[];
const past =
	(status: DemoInterview['status']) =>
	(day: number, at: string, panel: Panel, extra = {}) => ({
		day,
		at,
		panel,
		status,
		...extra
	});
const done = past('completed');
const ahead = past('scheduled');
const video = (i: Omit<DemoInterview, 'type' | 'durationMin'>): DemoInterview => ({
	...i,
	type: 'video',
	durationMin: 45
});
const phone = (i: Omit<DemoInterview, 'type' | 'durationMin'>): DemoInterview => ({
	...i,
	type: 'phone',
	durationMin: 30
});
const inPerson = (i: Omit<DemoInterview, 'type' | 'durationMin'>): DemoInterview => ({
	...i,
	type: 'in_person',
	durationMin: 45
});
/** A technical interview: an hour, online when `online`, else in the Graduate Center. */
const technical = (i: Omit<DemoInterview, 'type' | 'durationMin'>): DemoInterview => ({
	...i,
	type: 'technical',
	durationMin: 60
});
const final = (i: Omit<DemoInterview, 'type' | 'durationMin'>): DemoInterview => ({
	...i,
	type: 'final',
	durationMin: 45
});

const person = (
	email: string,
	name: string,
	status: ApplicationStatus,
	interviews: DemoInterview[] = [],
	opts: { timezone?: string; online?: boolean; interview?: boolean } = {}
): DemoApplicant => ({
	email: `${email}@student.test`,
	name,
	timezone: opts.timezone ?? null,
	status,
	interview: opts.interview ?? true,
	online: opts.online ?? true,
	interviews
});

export const EXTRA_APPLICANTS: DemoApplicant[] = [
	// Pending: not screened yet.
	person('amara', 'Amara Okonkwo', 'pending', [], { timezone: 'Europe/London', interview: false }),
	person('lucas', 'Lucas Moreau', 'pending', [], { interview: false }),
	person('zainab', 'Zainab Hussain', 'pending', [], { interview: false }),
	// Selected: waiting for an interview (one in person only, one not cleared for interviews yet,
	// one whose interview was cancelled, one who missed theirs).
	person('ravi', 'Ravi Patel', 'selected'),
	person('chloe', 'Chloe Dubois', 'selected', [], { online: false }),
	person('mateo', 'Mateo Rossi', 'selected', [], { interview: false }),
	person('isabel', 'Isabel Cruz', 'selected', [
		video({
			...past('cancelled')(-3, '10:00', ['kwame']),
			reason: 'The candidate asked to postpone until after her exams; to be booked again.'
		})
	]),
	person('yusuf', 'Yusuf Demir', 'selected', [video(past('no_show')(-2, '13:00', ['rafael']))]),
	// Approved and rejected: decided after their interviews (one rejected at screening).
	person(
		'nora',
		'Nora Lindqvist',
		'approved',
		[video(done(-5, '09:30', ['lucia'])), technical(done(-2, '09:00', ['marco', 'ines']))],
		{ timezone: 'Europe/Berlin' }
	),
	person(
		'kofi',
		'Kofi Asante',
		'approved',
		[inPerson(done(-4, '14:00', ['ines'])), final(done(-1, '13:00', ['ines', 'kwame', 'priya']))],
		{
			online: false
		}
	),
	person('elena', 'Elena Popescu', 'approved', [video(done(-3, '15:00', ['rafael']))]),
	person('liam', 'Liam O’Connor', 'rejected', [video(done(-4, '10:00', ['marco']))]),
	person('ana', 'Ana Souza', 'rejected', [technical(done(-2, '11:00', ['kwame', 'priya']))], {
		timezone: 'America/Sao_Paulo'
	}),
	person('victor', 'Victor Nguyen', 'rejected', [], { interview: false }),
	// Interview scheduled: a first interview last week and the next round ahead…
	person('maya', 'Maya Goldberg', 'interview_scheduled', [
		video(done(-5, '13:00', ['kwame'])),
		technical(ahead(2, '11:00', ['ines', 'priya'])),
		final(ahead(8, '14:00', ['ines', 'kwame', 'priya']))
	]),
	person('omar', 'Omar Haddad', 'interview_scheduled', [
		video(done(-4, '09:00', ['lucia'])),
		technical(ahead(4, '09:30', ['marco', 'kwame']))
	]),
	person(
		'julia',
		'Julia Weber',
		'interview_scheduled',
		[
			inPerson(done(-3, '14:00', ['ines'])),
			technical(ahead(3, '15:00', ['kwame', 'rafael'])),
			final(ahead(10, '13:30', ['ines', 'kwame', 'rafael']))
		],
		{ online: false }
	),
	person('daniel', 'Daniel Kowalski', 'interview_scheduled', [
		video(done(-2, '10:00', ['marco'])),
		technical(ahead(5, '12:00', ['priya', 'rafael']))
	]),
	person(
		'aisha',
		'Aisha Bello',
		'interview_scheduled',
		[video(done(-1, '09:00', ['lucia'])), technical(ahead(6, '10:00', ['ines', 'lucia']))],
		{ timezone: 'Europe/London' }
	),
	person(
		'samuel',
		'Samuel Osei',
		'interview_scheduled',
		[inPerson(done(-1, '15:30', ['kwame'])), final(ahead(7, '14:00', ['ines', 'kwame', 'priya']))],
		{ online: false }
	),
	person(
		'hannah',
		'Hannah Schmidt',
		'interview_scheduled',
		[
			video(done(-5, '10:00', ['marco'])),
			technical(done(-1, '10:00', ['lucia', 'kwame'])),
			final(ahead(4, '13:00', ['ines', 'kwame', 'priya']))
		],
		{ timezone: 'Europe/Berlin' }
	),
	person('kenji', 'Kenji Watanabe', 'interview_scheduled', [
		video(done(-4, '16:00', ['ines'])),
		// Conflict 2: Ines is booked for Rosa's technical interview at the same time.
		technical({ ...ahead(9, '13:00', ['ines']), clashesWith: 'rosa@student.test#1' })
	]),
	person('fatou', 'Fatou Diop', 'interview_scheduled', [
		video(done(-3, '09:00', ['marco'])),
		technical(ahead(1, '12:30', ['kwame', 'priya']))
	]),
	// …and applicants whose interviews are all ahead.
	person('carlos', 'Carlos Mendes', 'interview_scheduled', [
		video(ahead(1, '14:00', ['rafael'])),
		technical(ahead(6, '15:00', ['ines', 'rafael'])),
		final(ahead(12, '13:00', ['ines', 'kwame', 'priya']))
	]),
	person('leila', 'Leila Farahani', 'interview_scheduled', [
		video(ahead(2, '09:30', ['lucia'])),
		technical(ahead(7, '10:00', ['marco', 'lucia']))
	]),
	person(
		'tobias',
		'Tobias Keller',
		'interview_scheduled',
		[video(ahead(3, '09:00', ['marco'])), technical(ahead(8, '09:30', ['ines', 'lucia']))],
		{ timezone: 'Europe/Berlin' }
	),
	person(
		'rosa',
		'Rosa Jiménez',
		'interview_scheduled',
		[
			inPerson(ahead(4, '11:00', ['kwame'])),
			technical(ahead(9, '13:00', ['ines', 'priya'])),
			final(ahead(14, '14:00', ['ines', 'kwame', 'rafael']))
		],
		{ online: false }
	),
	person('ahmed', 'Ahmed Khalil', 'interview_scheduled', [
		// Conflict 1: Priya is booked for Daniel's technical interview at the same time.
		video({ ...ahead(5, '12:00', ['priya']), clashesWith: 'daniel@student.test#1' }),
		technical(ahead(11, '11:00', ['kwame', 'priya']))
	]),
	person(
		'freya',
		'Freya Nilsen',
		'interview_scheduled',
		[
			video({
				...past('cancelled')(-2, '14:00', ['rafael']),
				reason: 'Clashed with the candidate’s final exam; booked again for a later date.'
			}),
			video(ahead(8, '13:00', ['rafael'])),
			technical(ahead(13, '15:00', ['priya', 'rafael']))
		],
		{ timezone: 'America/Chicago' }
	),
	person(
		'ingrid',
		'Ingrid Larsen',
		'interview_scheduled',
		[video(ahead(1, '09:00', ['marco'])), technical(ahead(5, '09:00', ['ines', 'marco']))],
		{ timezone: 'Europe/London' }
	),
	person('mia', 'Mia Johansson', 'interview_scheduled', [
		video(ahead(2, '15:30', ['kwame'])),
		technical(ahead(8, '11:30', ['kwame', 'priya']))
	]),
	person('noor', 'Noor Rahman', 'interview_scheduled', [
		phone(ahead(3, '10:00', ['ines'])),
		video(ahead(7, '16:00', ['rafael'])),
		final(ahead(13, '10:00', ['ines', 'kwame', 'lucia']))
	]),
	person(
		'pablo',
		'Pablo Vidal',
		'interview_scheduled',
		[inPerson(ahead(6, '13:30', ['ines'])), technical(ahead(12, '15:00', ['kwame', 'rafael']))],
		{ online: false }
	),
	person(
		'ibrahim',
		'Ibrahim Sow',
		'interview_scheduled',
		[inPerson(ahead(10, '10:00', ['ines'])), final(ahead(15, '09:00', ['ines', 'kwame', 'marco']))],
		{ online: false }
	)
];
