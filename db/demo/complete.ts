/**
 * What the full demo adds once the projection has turned its calendar into rows (decision "The full
 * demo: a core the tests keep, the rest placed relative to today, and a history rather than news"):
 * the scorecards of the interviews that took place, with their audit entries, and the panel's shared
 * notes; the finalization of decided applications' scorecards; and the booking history dated as a
 * real calendar's would be: each booking recorded by the admin about a week before the interview, its
 * invitations in the outbox as sent then (nothing is mailed at first start) and the older inbox
 * entries read. One transaction; running it again changes nothing.
 */
import type { Sql } from '../client';
import { notesDocName } from '../../src/lib/collab/calendar';
import type { ApplicationStatus } from '../../src/lib/domain/types';
import { demoNotes, notesState } from './notes';
import { bookedAt, demoScorecards, type HeldInterview } from './scorecards';

const DECIDED: ReadonlySet<ApplicationStatus> = new Set(['approved', 'rejected']);

/** Adds the scorecards, finalizations and booking history of the demo organization (see the module comment). */
export async function completeDemo(sql: Sql, orgId: string, now = new Date()): Promise<void> {
	await sql.begin(async (tx) => {
		const [org] = await tx<{ timezone: string; admin_id: string }[]>`
			select o.timezone, (select m.user_id from memberships m where m.org_id = o.id and m.role = 'admin'
				order by m.created_at, m.user_id limit 1) as admin_id
			from organizations o where o.id = ${orgId}`;
		if (!org) return;
		const rows = await tx<
			{
				id: string;
				start_at: Date;
				end_at: Date;
				round: number;
				rounds: number;
				candidate_name: string;
				application_status: ApplicationStatus;
				panel: { id: string; name: string }[];
			}[]
		>`
			select i.id, i.start_at, i.end_at, i.round, u.name as candidate_name, a.status as application_status,
				(select count(*)::int from interviews o where o.application_id = i.application_id
					and o.status in ('scheduled', 'in_progress', 'completed')) as rounds,
				coalesce((select json_agg(json_build_object('id', pu.id, 'name', pu.name) order by pu.name, pu.id)
					from panel_interviewers p join users pu on pu.id = p.user_id where p.interview_id = i.id), '[]'::json) as panel
			from interviews i join applications a on a.id = i.application_id join users u on u.id = i.candidate_id
			where i.org_id = ${orgId} and i.status = 'completed' and i.removed_at is null
			order by i.start_at, i.id`;
		const held: HeldInterview[] = rows.map((r) => ({
			id: r.id,
			start: r.start_at,
			end: r.end_at,
			candidateName: r.candidate_name,
			applicationStatus: r.application_status,
			round: r.round,
			rounds: r.rounds,
			panel: r.panel
		}));
		const cards = demoScorecards(held, now, org.timezone);
		if (cards.length) {
			const json = cards.map((c) => ({
				interview_id: c.interviewId,
				author_id: c.authorId,
				rating: c.rating,
				recommendation: c.recommendation,
				feedback: c.feedback,
				at: c.submittedAt.toISOString()
			}));
			// Written as `submitScorecard` writes one (src/lib/server/scorecards.ts): the row, and an audit
			// entry with the rating and recommendation but not the text.
			await tx`
				with input as (
					select * from jsonb_to_recordset(${tx.json(json)}) as x(interview_id uuid, author_id uuid,
						rating smallint, recommendation text, feedback text, at timestamptz)
				), added as (
					insert into scorecards (interview_id, author_id, rating, recommendation, feedback, submitted_at, updated_at)
					select interview_id, author_id, rating, recommendation, feedback, at, at from input
					on conflict (interview_id, author_id) do nothing
					returning interview_id, author_id
				)
				insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values, created_at)
				select ${orgId}::uuid, x.interview_id, x.author_id, 'scorecard', null::jsonb,
					jsonb_build_object('rating', x.rating, 'recommendation', x.recommendation, 'feedback_changed', x.feedback <> ''),
					x.at
				from input x join added d using (interview_id, author_id)`;
		}
		// The panel's shared notes, where nobody has written any yet.
		const notes = held.map((i) => ({ name: notesDocName(i.id), state: Buffer.from(notesState(demoNotes(i))) }));
		if (notes.length) await tx`insert into yjs_documents ${tx(notes, 'name', 'state')} on conflict (name) do nothing`;
		// A decided application's scorecards are final: frozen by the admin an hour after the last one.
		const last = new Map<string, number>();
		for (const c of cards) last.set(c.interviewId, Math.max(last.get(c.interviewId) ?? 0, c.submittedAt.getTime()));
		const finals = held
			.filter((i) => DECIDED.has(i.applicationStatus) && last.has(i.id))
			.map((i) => ({
				interview_id: i.id,
				at: new Date(Math.min(last.get(i.id)! + 3_600_000, now.getTime() - 60_000)).toISOString(),
				scorecards: cards.filter((c) => c.interviewId === i.id).length
			}));
		if (finals.length)
			await tx`
				with input as (
					select * from jsonb_to_recordset(${tx.json(finals)}) as x(interview_id uuid, at timestamptz, scorecards int)
				), added as (
					insert into interviews_finalized (interview_id, finalized_by, finalized_at)
					select interview_id, ${org.admin_id}::uuid, at from input
					on conflict do nothing returning interview_id
				)
				insert into interview_logs (org_id, interview_id, actor_id, action, old_values, new_values, created_at)
				select ${orgId}::uuid, x.interview_id, ${org.admin_id}::uuid, 'scorecard', null::jsonb,
					jsonb_build_object('finalized', true, 'scorecards', x.scorecards), x.at
				from input x join added d using (interview_id)`;
		await dateBookings(tx as unknown as Sql, orgId, org.admin_id, now);
	});
}

/**
 * Dates each booking the first projection recorded (no actor yet) as the admin's, a week before the
 * interview; its invitations as sent then, and the inbox entries older than two days as read.
 */
async function dateBookings(tx: Sql, orgId: string, adminId: string, now: Date): Promise<void> {
	const logs = await tx<{ id: string; start_at: Date }[]>`
		select l.id::text as id, i.start_at from interview_logs l join interviews i on i.id = l.interview_id
		where l.org_id = ${orgId} and l.action = 'scheduled' and l.actor_id is null
		order by i.start_at, l.id`;
	if (!logs.length) return;
	const dated = logs.map((l, n) => ({
		key: `interview_scheduled:${l.id}`,
		id: l.id,
		at: bookedAt(l.start_at, now, n).toISOString()
	}));
	const readBefore = new Date(now.getTime() - 2 * 86_400_000);
	await tx`
		with input as (select * from jsonb_to_recordset(${tx.json(dated)}) as x(key text, id bigint, at timestamptz)),
		logs as (
			update interview_logs l set created_at = x.at, actor_id = ${adminId} from input x where l.id = x.id returning l.id
		),
		inbox as (
			update notifications n set created_at = x.at, read_at = case when x.at < ${readBefore} then x.at + interval '1 hour' end
			from input x where n.org_id = ${orgId} and n.dedupe_key = x.key returning n.id
		)
		update outbox o set status = 'sent', attempts = 1, created_at = x.at, next_attempt_at = x.at,
			sent_at = x.at + interval '1 minute', updated_at = x.at + interval '1 minute'
		from input x where o.org_id = ${orgId} and o.status = 'queued' and o.dedupe_key like x.key || ':%'`;
}
