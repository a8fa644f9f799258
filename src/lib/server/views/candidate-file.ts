/** An admin's file on one candidate: applications, rounds with their scorecards' summary, history. */
import { m } from '$lib/paraglide/messages';
import { problemText } from '$lib/i18n/problems';
import type { Sql } from '../../../../db/client';
import { nextRound } from '$lib/domain/applications';
import type { ApplicationStatus } from '$lib/domain/types';
import { applicationBlocker } from '$lib/domain/validation';
import { summarizeScorecards, type Recommendation } from '$lib/domain/scorecards';
import { interviewJson, queryInterviews } from '../interviews';
import { applicationLogs } from '../applications';
import { interviewHistory } from '../history';
import { describeEntries } from '$lib/format/history';
import { staffNames } from '../users';
import type { Actor } from '../guards';

/** The file of `candidateId`, a candidate of the viewer's organization; null for anybody else. */
export async function candidateFile(sql: Sql, viewer: Actor, candidateId: string) {
	const orgId = viewer.orgId;
	const [candidate] = await sql<
		{ id: string; name: string; email: string; timezone: string | null; joined_at: Date }[]
	>`
		select u.id, u.name, u.email, u.timezone, m.created_at as joined_at
		from memberships m join users u on u.id = m.user_id
		where m.user_id = ${candidateId} and m.org_id = ${orgId} and m.role = 'candidate'`;
	if (!candidate) return null;

	const [applications, { rows }, names] = await Promise.all([
		sql<
			{
				id: string;
				cycle_name: string;
				status: string;
				interview_enabled: boolean;
				online_interview_enabled: boolean;
				created_at: Date;
				updated_at: Date;
			}[]
		>`select a.id, c.name as cycle_name, a.status, a.interview_enabled, a.online_interview_enabled, a.created_at, a.updated_at
			from applications a join cycles c on c.id = a.cycle_id
			where a.candidate_id = ${candidateId} and a.org_id = ${orgId}
			order by a.created_at desc`,
		queryInterviews(sql, { orgId: orgId, candidateId, sort: 'start' }),
		staffNames(sql, orgId)
	]);
	const ids = rows.map((r) => r.id);
	const [cards, finalized, history, pipeline] = await Promise.all([
		sql<{ interview_id: string; rating: number; recommendation: Recommendation }[]>`
			select interview_id, rating, recommendation from scorecards where interview_id = any(${ids}::uuid[])`,
		sql<
			{ interview_id: string }[]
		>`select interview_id from interviews_finalized where interview_id = any(${ids}::uuid[])`,
		interviewHistory(sql, viewer, ids),
		applicationLogs(
			sql,
			orgId,
			applications.map((a) => a.id)
		)
	]);
	const finalizedIds = new Set(finalized.map((f) => f.interview_id));

	const rounds = rows.map((row) => {
		const mine = cards.filter((c) => c.interview_id === row.id);
		const s = summarizeScorecards(mine);
		return {
			...interviewJson(row),
			scorecards: { count: s.count, average_rating: s.averageRating, recommendations: s.recommendations },
			finalized: finalizedIds.has(row.id)
		};
	});

	return {
		candidate: { ...candidate, joined_at: candidate.joined_at.toISOString() },
		applications: applications.map((a) => {
			const own = rounds.filter((r) => r.application_id === a.id);

			// The judge's own words for why it cannot get another round now.
			const problem = applicationBlocker({
				status: a.status as ApplicationStatus,
				interviewEnabled: a.interview_enabled
			});
			const blocker = problem ? problemText(problem) : null;
			return {
				...a,
				created_at: a.created_at.toISOString(),
				updated_at: a.updated_at.toISOString(),
				rounds: own,
				// Its status moves, oldest first: who decided, and why when no interview was held.
				pipeline: pipeline.filter((l) => l.application_id === a.id),
				next_round: nextRound(own),
				schedule_blocker: blocker
			};
		}),
		// Described here (panels named, actions in words), so the page does not load those rules.
		history: describeEntries(history, names),
		labels: Object.fromEntries(rounds.map((r) => [r.id, m.cand_round({ round: r.round })]))
	};
}
