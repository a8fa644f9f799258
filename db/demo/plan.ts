/**
 * The full demo's calendar as plain data, before any id exists: everyone's zone and hours, the
 * placement wishes of the extra applicants' interviews, and their starts for a given `now`. People
 * are named by email here; the seed maps them to user ids. Pure, so `plan.test.ts` can check the
 * whole demo for any date.
 */
import type { WorkingPerson } from '../../src/lib/domain/availability';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import type { InterviewMode } from '../../src/lib/domain/types';
import { CANDIDATE_HOURS } from '../../src/lib/domain/working-hours';
import {
	EXTRA_APPLICANTS,
	EXTRA_INTERVIEWERS,
	ONLINE_TYPES,
	OWN_HOURS,
	ROOMS,
	type DemoApplicant,
	type DemoInterview,
	type InterviewerKey
} from './applicants';
import { placeDemo, type FixedInterview, type Wish } from './schedule';

/** A demo interviewer: the key the plans use, their email and zone. */
export interface DemoInterviewer {
	key: InterviewerKey;
	email: string;
	timezone: string;
}

export interface FullDemoInput {
	now: Date;
	orgZone: string;
	/** The core interviewers (ines, marco, priya); the extra ones are added here. */
	coreInterviewers: readonly DemoInterviewer[];
	/** The core interviews, people by email: busy time the new ones keep clear of. */
	fixed: readonly FixedInterview[];
}

/** `email#n`: how the plans name the n-th interview of an applicant. */
export const wishKey = (email: string, n: number) => `${email}#${n}`;

/** Every interviewer of the full demo, core first. */
export function allInterviewers(core: readonly DemoInterviewer[]): DemoInterviewer[] {
	return [...core, ...EXTRA_INTERVIEWERS.map((i) => ({ key: i.key, email: i.email, timezone: i.timezone }))];
}

/** Everyone's zone and hours by email: interviewers their own (else the organization's), candidates the candidate hours. */
export function demoPeople(input: FullDemoInput): Map<string, WorkingPerson> {
	const people = new Map<string, WorkingPerson>();
	for (const i of allInterviewers(input.coreInterviewers))
		people.set(i.email, { timezone: i.timezone, workingHours: OWN_HOURS[i.key] ?? DEFAULT_POLICY.workingHours });
	for (const f of input.fixed)
		for (const p of f.people)
			if (!people.has(p)) people.set(p, { timezone: input.orgZone, workingHours: CANDIDATE_HOURS });
	for (const a of EXTRA_APPLICANTS)
		people.set(a.email, { timezone: a.timezone ?? input.orgZone, workingHours: CANDIDATE_HOURS });
	return people;
}

/** The placement wishes, planned clashes last (they are laid over interviews placed before them). */
export function demoWishes(core: readonly DemoInterviewer[]): Wish[] {
	const emailOf = new Map(allInterviewers(core).map((i) => [i.key, i.email]));
	const wishes = EXTRA_APPLICANTS.flatMap((a) =>
		a.interviews.map((i, n): Wish => ({
			key: wishKey(a.email, n),
			candidate: a.email,
			panel: i.panel.map((k) => emailOf.get(k)!),
			day: i.day,
			at: i.at,
			durationMin: i.durationMin,
			holdsTime: i.status !== 'cancelled',
			...(i.clashesWith ? { clashesWith: i.clashesWith } : {})
		}))
	);
	return [...wishes.filter((w) => !w.clashesWith), ...wishes.filter((w) => w.clashesWith)];
}

/** The start of every extra interview by `wishKey`, for `now`. */
export function planFullDemo(input: FullDemoInput): Map<string, string> {
	return placeDemo({
		now: input.now,
		orgZone: input.orgZone,
		people: demoPeople(input),
		minNoticeMin: DEFAULT_POLICY.minNoticeMin,
		fixed: input.fixed,
		wishes: demoWishes(input.coreInterviewers)
	});
}

/** The mode of a demo interview: video and phone online; a technical one online when the application allows it. */
export function modeOf(i: Pick<DemoInterview, 'type'>, applicant: Pick<DemoApplicant, 'online'>): InterviewMode {
	if (ONLINE_TYPES.has(i.type)) return 'online';
	return i.type === 'technical' && applicant.online ? 'online' : 'offline';
}

/** Where an offline demo interview takes place. */
export function roomOf(type: DemoInterview['type']): string {
	return type === 'final' ? ROOMS.final : type === 'technical' ? ROOMS.technical : ROOMS.in_person;
}

/**
 * The round of each of an applicant's interviews, by index: rounds follow the dates, and a cancelled
 * or missed interview holds none (it takes the round it would have had).
 */
export function roundsOf(interviews: readonly Pick<DemoInterview, 'status'>[], starts: readonly string[]): number[] {
	const order = interviews.map((_, n) => n).sort((x, y) => Date.parse(starts[x]!) - Date.parse(starts[y]!));
	const rounds: number[] = [];
	let held = 0;
	for (const n of order) {
		rounds[n] = held + 1;
		if (interviews[n]!.status === 'scheduled' || interviews[n]!.status === 'completed') held++;
	}
	return rounds;
}
