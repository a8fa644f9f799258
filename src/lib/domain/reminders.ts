/**
 * When reminders and feedback requests are due: pure functions of the schedule and a clock, so any
 * number of job runners compute the same answer and a unique key per answer makes each one sent once.
 */
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from './time';

const MINUTE_MS = 60_000;

/** Reminders before an interview, the nearest last. */
export const REMINDERS = [
	{ kind: 'reminder_24h', leadMin: 24 * 60 },
	{ kind: 'reminder_1h', leadMin: 60 }
] as const;
export type ReminderKind = (typeof REMINDERS)[number]['kind'];

/** Scorecard requests: one an hour after the end, then one each business morning, for ten business days. */
export const FEEDBACK_REQUESTS = {
	firstAfterEndMin: 60,
	/** Local time, in the interviewer's zone, of the daily reminders. */
	dailyAt: '09:00',
	businessDays: 10,
	/** ISO weekdays that count as business days. */
	weekdays: [1, 2, 3, 4, 5] as readonly number[]
};

/**
 * The reminder due now for an interview starting at `startMs` whose time was set at `setAtMs`: the
 * nearest one whose moment has come, provided the time was set before that moment (an interview
 * booked three hours ahead gets no "tomorrow" reminder, only the one an hour before). Null once the
 * interview has started, or when nothing is due.
 */
export function dueReminder(startMs: number, setAtMs: number, nowMs: number): ReminderKind | null {
	if (nowMs >= startMs) return null;
	for (const r of [...REMINDERS].reverse()) {
		const moment = startMs - r.leadMin * MINUTE_MS;
		if (nowMs >= moment) return setAtMs <= moment ? r.kind : null;
	}
	return null;
}

/** The moments of the scorecard requests for an interview that ended at `endMs`, in `zone`. */
export function feedbackMoments(endMs: number, zone: string): number[] {
	const first = endMs + FEEDBACK_REQUESTS.firstAfterEndMin * MINUTE_MS;
	const moments = [first];
	let day = zonedDate(first, zone);
	while (moments.length <= FEEDBACK_REQUESTS.businessDays) {
		day = addDaysToYmd(day, 1);
		if (!FEEDBACK_REQUESTS.weekdays.includes(isoWeekdayOfYmd(day))) continue;
		moments.push(zonedWallTimeToUtc(day, FEEDBACK_REQUESTS.dailyAt, zone).getTime());
	}
	return moments;
}

/**
 * The scorecard request due now: its number (0 the first, then 1…10) and whether it is the last.
 * When the job was away for a while, only the latest due one is sent, not every one it missed.
 */
export function dueFeedbackRequest(endMs: number, zone: string, nowMs: number): { n: number; last: boolean } | null {
	const moments = feedbackMoments(endMs, zone);
	let n = -1;
	for (let i = 0; i < moments.length && moments[i]! <= nowMs; i++) n = i;
	return n < 0 ? null : { n, last: n === moments.length - 1 };
}
