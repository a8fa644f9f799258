/**
 * Booking a loop in one step: the sessions laid out back to back (`loopStarts`), each the next
 * round of the application, all judged in one change of the calendar document and written only if
 * every one passes (`scheduleInterviews`); then the loop is recorded so the sessions are known to
 * belong together. Under the organization's booking lock, as a candidate's booking is.
 */
import type { AppContext } from './context';
import { nextRound } from '$lib/domain/applications';
import { loopRounds, loopStarts } from '$lib/domain/loops';
import type { InterviewMode, InterviewType } from '$lib/domain/types';
import { withBookingLock } from './booking-lock';
import { fail } from './errors';
import type { Actor } from './guards';
import { scheduleInterviews } from './scheduling';

export interface NewLoop {
	applicationId: string;
	start: string;
	timezone: string;
	breakMin: number;
	mode: InterviewMode;
	location: string;
	sessions: { panel: string[]; durationMin: number; type: InterviewType }[];
}

/** Books the loop; answers its id and its interviews' ids in order. 422/409 name the session refused. */
export async function bookLoop(
	deps: Pick<AppContext, 'sql' | 'collab' | 'dbKind'>,
	actor: Actor,
	input: NewLoop
): Promise<{ id: string; interviewIds: string[] }> {
	if (actor.role !== 'admin') throw fail.forbidden('Only an admin books a loop.');
	const { sql } = deps;
	return withBookingLock(sql, deps.dbKind, actor.orgId, async () => {
		const taken = await sql<{ round: number; status: string }[]>`select round, status from interviews
			where application_id = ${input.applicationId} and org_id = ${actor.orgId}`;
		const rounds = loopRounds(nextRound(taken), input.sessions.length);
		const starts = loopStarts(input.start, input.sessions, input.breakMin);
		const ids = await scheduleInterviews(
			deps,
			actor.orgId,
			actor.user.id,
			input.sessions.map((s, i) => ({
				applicationId: input.applicationId,
				start: starts[i]!,
				durationMin: s.durationMin,
				timezone: input.timezone,
				type: s.type,
				mode: input.mode,
				location: input.location,
				round: rounds[i]!,
				panel: s.panel
			}))
		);
		const [loop] = await sql<
			{ id: string }[]
		>`insert into interview_loops (org_id, application_id, interview_ids, break_min, created_by)
			values (${actor.orgId}, ${input.applicationId}, ${ids}::uuid[], ${input.breakMin}, ${actor.user.id}) returning id`;
		return { id: loop!.id, interviewIds: ids };
	});
}
