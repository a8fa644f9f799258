/**
 * Scorecards: server-only facts in Postgres (invariant 2). Reading respects the no-anchoring rule of
 * `scorecardAccess`; writing is for the interview's panel until an admin finalizes; every write is
 * audited in `interview_logs` (action 'scorecard') without the feedback text.
 */
import { m } from '$lib/paraglide/messages';
import { statusLabel } from '$lib/format/status';
import type { Sql } from '../../../db/client';
import {
	scorecardAccess,
	scorecardBlocker,
	summarizeScorecards,
	validateScorecard,
	type Recommendation,
	type ScorecardBlocker,
	type ScorecardInput
} from '$lib/domain/scorecards';
import { requireInterviewAccess } from './access';
import { ApiError, apiError } from './errors';
import type { Actor } from './guards';
import { onPanel, type InterviewRow } from './interviews';

interface ScorecardRow {
	author_id: string;
	author_name: string;
	rating: number;
	recommendation: Recommendation;
	feedback: string;
	submitted_at: Date;
	updated_at: Date;
}

/** The API's view of one scorecard. */
export function scorecardJson(r: ScorecardRow) {
	return {
		author: { id: r.author_id, name: r.author_name },
		rating: r.rating,
		recommendation: r.recommendation,
		feedback: r.feedback,
		submitted_at: r.submitted_at.toISOString(),
		updated_at: r.updated_at.toISOString()
	};
}
export type ScorecardJson = ReturnType<typeof scorecardJson>;

/** The finalization of an interview's scorecards, or null while they are open. */
export async function finalizationOf(
	sql: Sql,
	interviewId: string
): Promise<{ at: string; by: { id: string; name: string } | null } | null> {
	const [f] = await sql<{ finalized_at: Date; finalized_by: string | null; name: string | null }[]>`
		select f.finalized_at, f.finalized_by, u.name
		from interviews_finalized f left join users u on u.id = f.finalized_by
		where f.interview_id = ${interviewId}`;
	if (!f) return null;
	return { at: f.finalized_at.toISOString(), by: f.finalized_by ? { id: f.finalized_by, name: f.name ?? '' } : null };
}

/**
 * The interview for a scorecard request: 404 outside the actor's organization (its existence is not
 * revealed), 403 for an interviewer who is not on its panel (the org's calendar shows it anyway).
 */
export async function scorecardInterview(sql: Sql, actor: Actor, interviewId: string): Promise<InterviewRow> {
	const { row } = await requireInterviewAccess(sql, actor, interviewId, {
		roles: ['admin', 'interviewer'],
		denied: 'Only the interview’s panel and the organization’s admins see its scorecards.'
	});
	return row;
}

/** What a viewer sees of an interview's scorecards (the body of GET …/scorecards). */
export async function listScorecards(sql: Sql, actor: Actor, row: InterviewRow) {
	const rows = await sql<ScorecardRow[]>`
		select s.author_id, u.name as author_name, s.rating, s.recommendation, s.feedback, s.submitted_at, s.updated_at
		from scorecards s join users u on u.id = s.author_id
		where s.interview_id = ${row.id}
		order by s.submitted_at, u.name`;
	const viewer = {
		userId: actor.user.id,
		role: actor.role === 'admin' ? ('admin' as const) : ('interviewer' as const),
		onPanel: onPanel(row, actor.user.id)
	};
	const access = scorecardAccess(
		viewer,
		rows.map((r) => r.author_id)
	);
	const visible =
		access === 'all' ? rows : access === 'own_only' ? rows.filter((r) => r.author_id === actor.user.id) : [];
	const mine = rows.find((r) => r.author_id === actor.user.id) ?? null;
	const summary = access === 'all' ? summarizeScorecards(rows) : null;
	return {
		interview_id: row.id,
		finalized: await finalizationOf(sql, row.id),
		/** True while an interviewer has not submitted theirs: the others' scorecards are withheld. */
		hidden_until_you_submit: access === 'own_only',
		/** How many scorecards are withheld from this viewer. */
		hidden_count: rows.length - visible.length,
		mine: mine ? scorecardJson(mine) : null,
		data: visible.map(scorecardJson),
		summary: summary && {
			count: summary.count,
			average_rating: summary.averageRating,
			recommendations: summary.recommendations
		},
		can_submit: viewer.onPanel && actor.role === 'interviewer',
		/** Why the viewer's form is not open (yet): the interview has not started, or did not take place. */
		blocked: blockerJson(scorecardBlocker({ status: row.status, start: row.start_at.toISOString() }, new Date()))
	};
}
export type ScorecardList = Awaited<ReturnType<typeof listScorecards>>;

function blockerJson(b: ScorecardBlocker | null) {
	return b && { rule: b.rule, message: blockerText(b), ...(b.opensAt ? { opens_at: b.opensAt } : {}) };
}

/** A blocker said in the request's language (the domain keeps an English sentence and the rule). */
function blockerText(b: ScorecardBlocker): string {
	if (b.rule === 'interview_not_started') return m.blocker_not_started();
	return b.status ? m.blocker_not_held({ status: statusLabel('interview', b.status).toLowerCase() }) : b.message;
}

/** Validates a scorecard body; a 422 naming every bad field. */
export function parseScorecard(body: unknown): ScorecardInput {
	const result = validateScorecard(body);
	if (result.ok) return result.value;
	throw apiError.fields(result.fields as Record<string, string>);
}

/**
 * Creates or replaces the actor's scorecard: panel members only (403), not after finalization (409),
 * not before the interview starts (409 `interview_not_started`), not for one that did not take place
 * (422 `interview_not_held`). Audited with rating and recommendation only.
 */
export async function submitScorecard(
	sql: Sql,
	actor: Actor,
	row: InterviewRow,
	input: ScorecardInput
): Promise<{ created: boolean }> {
	if (actor.role !== 'interviewer' || !onPanel(row, actor.user.id)) throw apiError.forbidden(m.scorecard_not_panel());
	const blocker = scorecardBlocker({ status: row.status, start: row.start_at.toISOString() }, new Date());
	if (blocker) {
		// Too early is a matter of time (409: the same request succeeds later); not held, never (422).
		throw new ApiError(blocker.rule === 'interview_not_started' ? 'conflict' : 'rule_violated', blockerText(blocker), {
			rule: blocker.rule,
			...(blocker.opensAt ? { opens_at: blocker.opensAt } : {})
		});
	}
	return sql.begin(async (tx) => {
		// The interview row lock orders a submission against a concurrent finalization.
		await tx`select 1 from interviews where id = ${row.id} for update`;
		const [finalized] = await tx`select 1 from interviews_finalized where interview_id = ${row.id}`;
		if (finalized)
			throw new ApiError('conflict', m.scorecard_finalized(), {
				rule: 'finalized'
			});
		const [before] = await tx<{ rating: number; recommendation: Recommendation; feedback: string }[]>`
			select rating, recommendation, feedback from scorecards
			where interview_id = ${row.id} and author_id = ${actor.user.id}`;
		await tx`insert into scorecards (interview_id, author_id, rating, recommendation, feedback)
			values (${row.id}, ${actor.user.id}, ${input.rating}, ${input.recommendation}, ${input.feedback})
			on conflict (interview_id, author_id) do update set
				rating = excluded.rating, recommendation = excluded.recommendation, feedback = excluded.feedback,
				updated_at = now()`;
		// The feedback text stays out of the audit log: only whether it changed.
		const oldValues = before ? { rating: before.rating, recommendation: before.recommendation } : null;
		const newValues = {
			rating: input.rating,
			recommendation: input.recommendation,
			feedback_changed: before ? before.feedback !== input.feedback : input.feedback.length > 0
		};
		await tx`insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values)
			values (${row.org_id}, ${row.id}, ${actor.user.id}, 'scorecard',
				${oldValues ? tx.json(oldValues) : null}, ${tx.json(newValues)})`;
		return { created: !before };
	});
}

/** Freezes an interview's scorecards (admins). Idempotent; audited once. */
export async function finalizeScorecards(sql: Sql, actor: Actor, row: InterviewRow): Promise<void> {
	if (actor.role !== 'admin') throw apiError.forbidden(m.api_admin_finalizes());
	await sql.begin(async (tx) => {
		await tx`select 1 from interviews where id = ${row.id} for update`;
		const inserted = await tx`insert into interviews_finalized (interview_id, finalized_by)
			values (${row.id}, ${actor.user.id}) on conflict do nothing returning interview_id`;
		if (!inserted.length) return;
		const [n] = await tx<{ n: number }[]>`select count(*)::int as n from scorecards where interview_id = ${row.id}`;
		await tx`insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values)
			values (${row.org_id}, ${row.id}, ${actor.user.id}, 'scorecard', null,
				${tx.json({ finalized: true, scorecards: n?.n ?? 0 })})`;
	});
}
