/**
 * Damaged calendar entries (ones that no longer read as an interview) through the API: a PATCH that
 * repairs one, checked by the same rules as an edit, and the cancel that rebuilds it from what still
 * reads and the last stored state, or removes one that was never stored.
 */
import {
	deleteInterview,
	getInterview,
	inspectEntry,
	listInterviews,
	restoreInterview,
	type DamagedEntry,
	type InterviewPatch
} from '$lib/collab/calendar';
import { judgeBooking, judgeMove, judgeStatus, type JudgeFacts } from '$lib/domain/judge';
import { type Policy } from '$lib/domain/policy';
import type { ApplicationFacts, Interview } from '$lib/domain/types';
import type { CalendarRules } from './calendar-rules';
import { ApiError } from './errors';
import { findInterview, type InterviewRow } from './interviews';
import {
	applicationFacts,
	MissingInterview,
	problemsError,
	refuse,
	unwrap,
	withCalendar,
	type CalendarCtx
} from './calendar-writes';
import { m } from '$lib/paraglide/messages';

/** The snake_case API field of an interview field, for messages and `details.fields`. */
const API_FIELD: Partial<Record<keyof Interview, string>> = {
	applicationId: 'application_id',
	candidateId: 'candidate',
	cycleId: 'cycle_id',
	durationMin: 'duration_min',
	rescheduledFrom: 'rescheduled_from'
};
export const apiField = (f: keyof Interview) => API_FIELD[f] ?? f;
/** What a PATCH can give a damaged entry; anything else must be readable or stored. */
const PATCHABLE: ReadonlySet<keyof Interview> = new Set([
	'start',
	'durationMin',
	'timezone',
	'type',
	'mode',
	'location',
	'panel'
]);

/**
 * The interview a damaged entry stands for: its readable fields over the last stored row, the
 * candidate and cycle of its application, stamped by `actorId` now. Names the fields still missing.
 */
function rebuild(
	entry: DamagedEntry,
	stored: InterviewRow | null,
	application: ApplicationFacts | null,
	stamp: { actorId: string | null; now: Date }
): { base: Partial<Interview>; missing: (keyof Interview)[] } {
	const fromRow: Partial<Interview> = stored
		? {
				applicationId: stored.application_id,
				start: stored.start_at.toISOString(),
				durationMin: stored.duration_min,
				timezone: stored.timezone,
				type: stored.type as Interview['type'],
				mode: stored.mode as Interview['mode'],
				location: stored.location,
				round: stored.round,
				panel: stored.panel.map((p) => p.id),
				status: stored.status as Interview['status'],
				rescheduledFrom: stored.rescheduled_from
			}
		: {};
	const base: Partial<Interview> = { rescheduledFrom: null, ...fromRow, ...entry.readable, id: entry.id };
	delete base.candidateId;
	delete base.cycleId;
	if (application && application.id === base.applicationId) {
		base.candidateId = application.candidateId;
		base.cycleId = application.cycleId;
	}
	base.updatedBy = stamp.actorId;
	base.updatedAt = stamp.now.toISOString();
	const missing = (Object.keys(REQUIRED) as (keyof Interview)[]).filter((f) => base[f] === undefined);
	return { base, missing };
}
const REQUIRED: Record<Exclude<keyof Interview, 'updatedBy' | 'rescheduledFrom'>, true> = {
	id: true,
	applicationId: true,
	candidateId: true,
	cycleId: true,
	start: true,
	durationMin: true,
	timezone: true,
	type: true,
	mode: true,
	location: true,
	round: true,
	panel: true,
	status: true,
	updatedAt: true
};

/** The 422 for a damaged entry that a repair cannot make whole. */
function needsRepairError(entry: DamagedEntry, missing: (keyof Interview)[], stored: boolean): ApiError {
	const fixable = missing.every((f) => PATCHABLE.has(f));
	const names = missing.map(apiField);
	const many = names.length > 1;
	const say = fixable
		? stored
			? many
				? m.api_repair_fix_many
				: m.api_repair_fix_one
			: many
				? m.api_repair_fix_many_new
				: m.api_repair_fix_one_new
		: stored
			? m.api_repair_none
			: m.api_repair_none_new;
	const message = say({ names: names.join(', ') });
	return new ApiError('rule_violated', message, {
		rule: 'needs_repair',
		fields: Object.fromEntries(names.map((n) => [n, m.api_cannot_read()])),
		broken: entry.broken.map(apiField),
		problems: [{ code: 'needs_repair', field: null, message }]
	});
}

/** Repairs a damaged entry with a PATCH: checked by the same rules as an edit (and a booking, when it was never stored). */
export async function repairInterview(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string,
	input: {
		damaged: DamagedEntry;
		stored: InterviewRow | null;
		patch: InterviewPatch;
		reason: string | null;
		policy: Policy;
		interviewerIds: Set<string>;
		rules: CalendarRules;
	}
): Promise<void> {
	const { damaged, stored, patch, reason, policy, interviewerIds, rules } = input;
	const { sql } = ctx;
	const appId = damaged.readable.applicationId ?? stored?.application_id;
	const application = appId ? await applicationFacts(sql, orgId, appId) : null;
	const now = new Date();
	await withCalendar(ctx, orgId, actorId, (doc, origin) => {
		// The entry may have changed since the peek: judge what it is now.
		const entry = inspectEntry(doc, damaged.id);
		if (!entry) {
			if (getInterview(doc, damaged.id)) throw new ApiError('conflict', m.api_repaired_meanwhile());
			throw new MissingInterview(damaged.id);
		}
		const { base, missing } = rebuild(entry, stored, application, { actorId, now });
		const next = { ...base, ...stripUndefined(patch) } as Partial<Interview>;
		if (patch.start) next.start = new Date(patch.start).toISOString();
		const still = missing.filter((f) => next[f] === undefined);
		if (still.length) throw needsRepairError(entry, still, stored !== null);
		const whole = next as Interview;
		if (whole.status !== 'scheduled') {
			const changes = (Object.keys(stripUndefined(patch)) as (keyof Interview)[]).filter(
				(f) => !entry.broken.includes(f) && patch[f as keyof InterviewPatch] !== base[f]
			);
			if (changes.length)
				throw problemsError([
					{
						code: 'not_editable',
						field: 'status',
						message: `Only a scheduled interview can be changed; this one is ${whole.status.replace('_', ' ')}, so only the fields that cannot be read can be given.`
					}
				]);
		}
		const facts: JudgeFacts = {
			now,
			policy,
			application,
			interviewerIds,
			calendar: { interviews: listInterviews(doc) },
			...rules
		};
		// Never stored: this is its booking, judged as one; else a change of the last stored state.
		refuse(
			stored ? judgeMove({ before: base, after: whole, reason }, facts) : judgeBooking({ proposal: whole }, facts)
		);
		unwrap(restoreInterview(doc, whole, { actor: actorId, now, reason, origin }));
	});
}

/**
 * Cancels a damaged entry: rebuilt as a cancelled interview from its readable fields and the last
 * stored row, or, never stored and not readable whole, removed from the calendar. Says which.
 */
export async function cancelDamaged(
	ctx: CalendarCtx,
	orgId: string,
	actorId: string | null,
	damaged: DamagedEntry,
	reason: string | null
): Promise<'cancelled' | 'removed'> {
	const { sql } = ctx;
	const stored = await findInterview(sql, orgId, damaged.id);
	const appId = damaged.readable.applicationId ?? stored?.application_id;
	const application = appId ? await applicationFacts(sql, orgId, appId) : null;
	const now = new Date();
	return withCalendar(ctx, orgId, actorId, (doc, origin) => {
		const entry = inspectEntry(doc, damaged.id);
		if (!entry) {
			if (getInterview(doc, damaged.id)) throw new ApiError('conflict', m.api_repaired_meanwhile());
			throw new MissingInterview(damaged.id);
		}
		if (!stored) {
			// Nothing of it ever reached Postgres: no history or scorecard hangs on it.
			deleteInterview(doc, entry.id, origin);
			return 'removed';
		}
		const { base, missing } = rebuild(entry, stored, application, { actorId, now });
		if (missing.length) throw needsRepairError(entry, missing, true);
		const whole = base as Interview;
		const problems = judgeStatus({ interview: whole, to: 'cancelled', reason }, { now });
		if (problems.length) throw problemsError(problems);
		unwrap(
			restoreInterview(
				doc,
				{ ...whole, status: 'cancelled' },
				{ actor: actorId, now, reason, origin, action: 'status' }
			)
		);
		return 'cancelled';
	});
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
