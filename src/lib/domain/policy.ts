/**
 * Every scheduling tunable in one place. An organization stores only the numbers it changes;
 * `resolvePolicy` lays them over the defaults so no caller ever sees a half-filled policy.
 */
import type { WorkingHours } from './types';

/** The complete scheduling policy of an organization. Units are part of every name. */
export interface Policy {
	/** The earliest start, counted from now, that can be booked. */
	minNoticeMin: number;
	/** The latest start, counted from now, that can be booked. */
	maxAheadDays: number;
	minDurationMin: number;
	maxDurationMin: number;
	/** Free time kept around each interview of a person; 0 allows back-to-back interviews. */
	bufferMin: number;
	/** The video room opens this long before the start… */
	joinOpensBeforeMin: number;
	/** …and closes this long after the scheduled end. */
	joinClosesAfterMin: number;
	/** After the end plus this delay an unfinished interview is settled as completed or no-show. */
	autoStatusAfterEndMin: number;
	/** Spacing of the start times offered by the slot finder. */
	slotStepMin: number;
	/** Default working hours of interviewers who have not set their own. */
	workingHours: WorkingHours;
	/** Most interviews an interviewer takes on one day of their own zone; null is no limit. Each interviewer may set their own. */
	maxInterviewsPerDay: number | null;
	/** Most interviews an interviewer takes in one week (Monday to Sunday, their zone); null is no limit. */
	maxInterviewsPerWeek: number | null;
	/** From this share of a limit (in percent) a booking carries a warning. */
	loadWarningPercent: number;
	/** A candidate may ask to move or cancel an interview until this long before its start. */
	candidateCutoffHours: number;
	/** How often a candidate may move the interviews of one application. */
	candidateMaxReschedules: number;
	/** A candidate's move or cancel is done at once (true) or waits for an admin (false). */
	candidateChangesAutoApprove: boolean;
	/** Whom the slot finder picks for a pool's seats: the least loaded of those free, or the pool's order. */
	poolPreference: PoolPreference;
	/**
	 * Interviews that ended this many days ago and can no longer change leave the live calendar
	 * document (decision 69); they stay in the database, its lists and its API.
	 */
	archiveAfterDays: number;
}

/**
 * How a pool's seats are filled (decision "Pools pick per slot"): `least_loaded` is equal
 * distribution, `soonest` is maximum availability.
 */
export type PoolPreference = 'least_loaded' | 'soonest';

/** Every pool preference, the default first. */
export const POOL_PREFERENCES: readonly PoolPreference[] = ['least_loaded', 'soonest'];

/** An organization's overrides: any subset of the policy, working hours field by field. */
export type PolicyOverrides = Partial<Omit<Policy, 'workingHours'>> & {
	workingHours?: Partial<WorkingHours>;
};

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
	minNoticeMin: 120,
	maxAheadDays: 90,
	minDurationMin: 15,
	maxDurationMin: 480,
	bufferMin: 0,
	joinOpensBeforeMin: 15,
	joinClosesAfterMin: 15,
	autoStatusAfterEndMin: 15,
	slotStepMin: 15,
	workingHours: Object.freeze({
		startTime: '09:00',
		endTime: '17:00',
		weekdays: Object.freeze([1, 2, 3, 4, 5])
	}),
	maxInterviewsPerDay: null,
	maxInterviewsPerWeek: null,
	loadWarningPercent: 80,
	candidateCutoffHours: 24,
	candidateMaxReschedules: 2,
	candidateChangesAutoApprove: false,
	poolPreference: 'least_loaded',
	archiveAfterDays: 30
});

type NumberKey = Exclude<
	keyof Policy,
	'workingHours' | 'maxInterviewsPerDay' | 'maxInterviewsPerWeek' | 'candidateChangesAutoApprove' | 'poolPreference'
>;

/** The highest load limit accepted, per day or per week. */
export const MAX_LOAD_LIMIT = 100;

const HM_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** True for a local wall time `HH:MM` (00:00–23:59, or 24:00 for midnight at the end of a day). */
export function isWallTime(value: unknown): value is string {
	return typeof value === 'string' && HM_RE.test(value);
}

/** Merges an organization's overrides over the defaults; values that make no sense fall back to the default. */
export function resolvePolicy(overrides?: PolicyOverrides | null): Policy {
	// Overrides come from stored JSON that an older version of the app may have written, so a bad
	// value must not take scheduling down: it is ignored rather than thrown.
	const o = overrides ?? {};
	const num = (key: NumberKey, min: number): number => {
		const value = o[key];
		return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : DEFAULT_POLICY[key];
	};
	// A limit is a whole number of interviews, or null for none.
	const limit = (key: 'maxInterviewsPerDay' | 'maxInterviewsPerWeek'): number | null => {
		const value = o[key];
		return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LOAD_LIMIT
			? (value as number)
			: DEFAULT_POLICY[key];
	};
	const wh = o.workingHours ?? {};
	const weekdays = Array.isArray(wh.weekdays)
		? [...new Set(wh.weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort((a, b) => a - b)
		: [...DEFAULT_POLICY.workingHours.weekdays];

	const policy: Policy = {
		minNoticeMin: num('minNoticeMin', 0),
		maxAheadDays: num('maxAheadDays', 1),
		minDurationMin: num('minDurationMin', 1),
		maxDurationMin: num('maxDurationMin', 1),
		bufferMin: num('bufferMin', 0),
		joinOpensBeforeMin: num('joinOpensBeforeMin', 0),
		joinClosesAfterMin: num('joinClosesAfterMin', 0),
		autoStatusAfterEndMin: num('autoStatusAfterEndMin', 0),
		slotStepMin: num('slotStepMin', 1),
		workingHours: {
			startTime: isWallTime(wh.startTime) ? wh.startTime : DEFAULT_POLICY.workingHours.startTime,
			endTime: isWallTime(wh.endTime) ? wh.endTime : DEFAULT_POLICY.workingHours.endTime,
			weekdays
		},
		maxInterviewsPerDay: limit('maxInterviewsPerDay'),
		maxInterviewsPerWeek: limit('maxInterviewsPerWeek'),
		loadWarningPercent: Math.min(num('loadWarningPercent', 1), 100),
		candidateCutoffHours: num('candidateCutoffHours', 0),
		candidateMaxReschedules: Math.floor(num('candidateMaxReschedules', 0)),
		candidateChangesAutoApprove:
			typeof o.candidateChangesAutoApprove === 'boolean'
				? o.candidateChangesAutoApprove
				: DEFAULT_POLICY.candidateChangesAutoApprove,
		poolPreference: POOL_PREFERENCES.includes(o.poolPreference as PoolPreference)
			? (o.poolPreference as PoolPreference)
			: DEFAULT_POLICY.poolPreference,
		archiveAfterDays: Math.floor(num('archiveAfterDays', 1))
	};
	// A range turned inside out would reject every duration; keep the default range instead.
	if (policy.minDurationMin > policy.maxDurationMin) {
		policy.minDurationMin = DEFAULT_POLICY.minDurationMin;
		policy.maxDurationMin = DEFAULT_POLICY.maxDurationMin;
	}
	return policy;
}
