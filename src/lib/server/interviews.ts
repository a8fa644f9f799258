/**
 * Reading interviews from the projection, and their JSON form in the API (snake_case). This is the
 * one place every server reader (the API, the pages, the `.ics`, the room) gets interview rows from,
 * so it is where what a document wrote is made safe to show:
 *  - the panel is `panel_interviewers` (the projected panel ∩ the organization's interviewers), so
 *    a person the document put on a panel without being an interviewer is nobody's panel member;
 *  - a zone this runtime does not know (written through the document) is replaced by the
 *    organization's zone and kept in `unknown_timezone`, which the API shows admins as a problem.
 */
import type { Sql } from '../../../db/client';
import { zoneOrFallback } from '$lib/domain/time';
import { MAX_DURATION_MIN } from '$lib/collab/calendar-schema';

export interface InterviewRow {
	id: string;
	org_id: string;
	application_id: string;
	cycle_id: string;
	candidate_id: string;
	candidate_name: string;
	start_at: Date;
	end_at: Date;
	duration_min: number;
	/** The zone to show it in: its own, or the organization's when its own is unknown. */
	timezone: string;
	/** The zone the interview names when this runtime does not know it (times are then in the org's); else null. */
	unknown_timezone: string | null;
	type: string;
	mode: string;
	location: string;
	round: number;
	status: string;
	rescheduled_from: string | null;
	conflicts: unknown[];
	problems: unknown[];
	sequence: number;
	/** The panel members who are interviewers of the organization (`panel_interviewers`). */
	panel: { id: string; name: string }[];
	created_at: Date;
	updated_at: Date;
	/** When it left the live calendar document (decision 69); null while it is in it. */
	archived_at: Date | null;
}

/** What an admin reads when the interview names a zone that is unknown here. */
function unknownZoneProblem(r: InterviewRow) {
	return {
		code: 'unknown_timezone',
		field: 'timezone',
		message: `The interview's time zone ${JSON.stringify(r.unknown_timezone)} is unknown, so its times are shown in the organization's zone, ${r.timezone}. Edit the interview to choose its zone.`
	};
}

/** The API's view of an interview. */
export function interviewJson(r: InterviewRow) {
	return {
		id: r.id,
		application_id: r.application_id,
		cycle_id: r.cycle_id,
		candidate: { id: r.candidate_id, name: r.candidate_name },
		start: r.start_at.toISOString(),
		end: r.end_at.toISOString(),
		duration_min: r.duration_min,
		timezone: r.timezone,
		type: r.type,
		mode: r.mode,
		location: r.location,
		round: r.round,
		panel: r.panel,
		status: r.status,
		rescheduled_from: r.rescheduled_from,
		conflicts: r.conflicts,
		problems: r.unknown_timezone === null ? r.problems : [...r.problems, unknownZoneProblem(r)],
		created_at: r.created_at.toISOString(),
		updated_at: r.updated_at.toISOString(),
		archived_at: r.archived_at?.toISOString() ?? null
	};
}
export type InterviewJson = ReturnType<typeof interviewJson>;

export interface InterviewFilter {
	orgId: string;
	ids?: string[];
	cycleId?: string;
	status?: string[];
	from?: Date;
	to?: Date;
	candidateId?: string;
	interviewerId?: string;
	q?: string;
	sort?: 'start' | '-start' | 'updated' | '-updated' | 'candidate' | '-candidate';
	limit?: number;
	offset?: number;
}

const SORTS = {
	start: 'i.start_at asc, i.id',
	'-start': 'i.start_at desc, i.id',
	updated: 'i.updated_at asc, i.id',
	'-updated': 'i.updated_at desc, i.id',
	candidate: 'u.name asc, i.start_at',
	'-candidate': 'u.name desc, i.start_at'
} as const;

/** Interviews matching the filter, with the total count before paging. */
export async function queryInterviews(sql: Sql, f: InterviewFilter): Promise<{ rows: InterviewRow[]; total: number }> {
	const where = sql`
		i.org_id = ${f.orgId}
		${f.ids ? sql`and i.id = any(${f.ids}::uuid[])` : sql``}
		${f.cycleId ? sql`and i.cycle_id = ${f.cycleId}` : sql``}
		${f.status?.length ? sql`and i.status = any(${f.status}::text[])` : sql``}
		${f.from ? sql`and i.end_at > ${f.from} and i.start_at > ${new Date(f.from.getTime() - MAX_DURATION_MIN * 60_000)}` : sql``}
		${f.to ? sql`and i.start_at < ${f.to}` : sql``}
		${f.candidateId ? sql`and i.candidate_id = ${f.candidateId}` : sql``}
		${f.interviewerId ? sql`and exists (select 1 from panel_interviewers ip where ip.interview_id = i.id and ip.user_id = ${f.interviewerId})` : sql``}
		${f.q ? sql`and u.name ilike ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}` : sql``}`;
	const [count] = await sql<{ n: number }[]>`
		select count(*)::int as n from interviews i join users u on u.id = i.candidate_id where ${where}`;
	const rows = await sql<(Omit<InterviewRow, 'unknown_timezone'> & { org_timezone: string })[]>`
		select i.*, u.name as candidate_name, o.timezone as org_timezone,
			coalesce((select json_agg(json_build_object('id', pu.id, 'name', pu.name) order by pu.name)
				from panel_interviewers ip join users pu on pu.id = ip.user_id where ip.interview_id = i.id), '[]'::json) as panel
		from interviews i join users u on u.id = i.candidate_id join organizations o on o.id = i.org_id
		where ${where}
		order by ${sql.unsafe(SORTS[f.sort ?? 'start'])}
		limit ${f.limit ?? 1000} offset ${f.offset ?? 0}`;
	return { rows: rows.map(withKnownZone), total: count?.n ?? 0 };
}

/** A row whose zone every formatter knows: its own, else the organization's (the unknown one kept aside). */
function withKnownZone({
	org_timezone,
	...r
}: Omit<InterviewRow, 'unknown_timezone'> & { org_timezone: string }): InterviewRow {
	const timezone = zoneOrFallback(r.timezone, org_timezone);
	return { ...r, timezone, unknown_timezone: timezone === r.timezone ? null : r.timezone };
}

/** One interview of the organization, or null. */
export async function findInterview(sql: Sql, orgId: string, id: string): Promise<InterviewRow | null> {
	const { rows } = await queryInterviews(sql, { orgId, ids: [id], limit: 1 });
	return rows[0] ?? null;
}

/** Whether the user sits on the interview's panel as an interviewer of the organization (see `panel`). */
export function onPanel(row: InterviewRow, userId: string): boolean {
	return row.panel.some((p) => p.id === userId);
}
