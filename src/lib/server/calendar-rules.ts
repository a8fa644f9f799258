/**
 * The organization's calendar rules as stored: holidays and blackout dates, and interviewer load
 * limits (the organization's default in its policy, each interviewer's own on their membership).
 * Reading them for the judge and the finder, the one path that writes them (API and pages alike),
 * and the load report admins read. Each write checks who asks.
 */
import type { Sql } from '../../../db/client';
import { validateClosure, type Closure, type OrgClosures } from '$lib/domain/closures';
import {
	countsAsLoad,
	effectiveLoadLimit,
	weekOf,
	type LoadLimit,
	type LoadLimits,
	type OwnLoadLimit
} from '$lib/domain/load';
import {
	POOL_PREFERENCES,
	resolvePolicy,
	type Policy,
	type PolicyOverrides,
	type PoolPreference
} from '$lib/domain/policy';
import { addDaysToYmd, zonedDate } from '$lib/domain/time';
import { fail } from './errors';
import type { Actor } from './guards';
import { m } from '$lib/paraglide/messages';

/** The rules the judge and the finder read besides the policy. */
export interface CalendarRules {
	closures: OrgClosures;
	load: LoadLimits;
}

/** A stored closure, as the API answers it. */
export interface ClosureRow extends Closure {
	id: string;
}

/** The organization's closures and each interviewer's zone and effective limits. */
export async function calendarRules(sql: Sql, orgId: string, policy?: Policy): Promise<CalendarRules> {
	const [org] = await sql<
		{ timezone: string; policy: PolicyOverrides | null }[]
	>`select timezone, policy from organizations where id = ${orgId}`;
	const orgZone = org?.timezone ?? 'UTC';
	const p = policy ?? resolvePolicy(org?.policy ?? null);
	const rows = await sql<{ user_id: string; timezone: string | null; load_limit: unknown }[]>`
		select m.user_id, u.timezone, m.load_limit from memberships m join users u on u.id = m.user_id
		where m.org_id = ${orgId} and m.role = 'interviewer'`;
	const load = new Map(
		rows.map((r) => [r.user_id, { timezone: r.timezone ?? orgZone, limit: effectiveLoadLimit(r.load_limit, p) }])
	);
	return { closures: { timezone: orgZone, list: await listClosures(sql, orgId) }, load };
}

/** Every closure of the organization, earliest first. */
export async function listClosures(sql: Sql, orgId: string): Promise<ClosureRow[]> {
	const rows = await sql<{ id: string; kind: Closure['kind']; name: string; start_date: string; end_date: string }[]>`
		select id, kind, name, to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date
		from org_closures where org_id = ${orgId} order by start_date, end_date, name`;
	return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, startDate: r.start_date, endDate: r.end_date }));
}

/** Adds a holiday or blackout (admins): 422 naming each wrong field. */
export async function addClosure(
	sql: Sql,
	actor: Actor,
	input: { kind: unknown; name: unknown; startDate: unknown; endDate?: unknown }
): Promise<ClosureRow> {
	requireAdmin(actor);
	const checked = validateClosure(input);
	if (!checked.ok) throw fail.fields(checked.errors);
	const c = checked.value;
	const [row] = await sql<{ id: string }[]>`
		insert into org_closures (org_id, kind, name, start_date, end_date, created_by)
		values (${actor.orgId}, ${c.kind}, ${c.name}, ${c.startDate}::date, ${c.endDate}::date, ${actor.user.id})
		returning id`;
	return { id: row!.id, ...c };
}

/** Removes a closure of the organization (admins); false when there is none with that id. */
export async function removeClosure(sql: Sql, actor: Actor, id: string): Promise<boolean> {
	requireAdmin(actor);
	const rows = await sql`delete from org_closures where id = ${id} and org_id = ${actor.orgId} returning id`;
	return rows.length > 0;
}

/** Sets the organization's default limits (admins); null is no limit. */
export async function setDefaultLoadLimit(sql: Sql, actor: Actor, limit: LoadLimit): Promise<LoadLimit> {
	requireAdmin(actor);
	await sql`update organizations set policy = policy
		|| jsonb_build_object('maxInterviewsPerDay', ${limit.perDay}::int, 'maxInterviewsPerWeek', ${limit.perWeek}::int)
		where id = ${actor.orgId}`;
	return limit;
}

/** Sets whom the slot finder picks for a pool's seats (admins); 422 for a preference that is not one. */
export async function setPoolPreference(sql: Sql, actor: Actor, prefer: unknown): Promise<PoolPreference> {
	requireAdmin(actor);
	if (!POOL_PREFERENCES.includes(prefer as PoolPreference))
		throw fail.fields({ pool_preference: m.api_one_of({ values: POOL_PREFERENCES.join(', ') }) });
	await sql`update organizations set policy = policy || jsonb_build_object('poolPreference', ${prefer as string}::text)
		where id = ${actor.orgId}`;
	return prefer as PoolPreference;
}

/**
 * Sets an interviewer's own limits: an admin for anyone of the organization, an interviewer for
 * themselves. `own` null (or `{}`) goes back to the organization's default.
 */
export async function setOwnLoadLimit(sql: Sql, actor: Actor, userId: string, own: OwnLoadLimit | null): Promise<void> {
	if (actor.role !== 'admin' && actor.user.id !== userId) throw fail.forbidden(m.api_admin_limits());
	if (actor.role === 'candidate') throw fail.forbidden(m.api_candidate_limits());
	const value = own && Object.keys(own).length > 0 ? own : null;
	const rows = await sql`update memberships set load_limit = ${value === null ? null : sql.json(value)}
		where user_id = ${userId} and org_id = ${actor.orgId} and role = 'interviewer' returning user_id`;
	if (rows.length === 0) throw fail.notFound('interviewer');
}

/** One interviewer's load in the report. */
export interface LoadRow {
	id: string;
	name: string;
	timezone: string;
	/** Their own limits (a key left out follows the organization; null is no limit); null when they set none. */
	own: OwnLoadLimit | null;
	limit: LoadLimit;
	/** Interviews per week (by the week's Monday, in their zone), oldest first. */
	weeks: { week: string; count: number }[];
	/** The most interviews on one day of each week, to see a daily limit at work. */
	busiestDay: { week: string; day: string | null; count: number }[];
}

/**
 * Each interviewer's interviews per week, from `weeksBack` weeks before the current one to
 * `weeksAhead` after it, with their limits (admins).
 */
export async function loadReport(
	sql: Sql,
	actor: Actor,
	opts: { weeksBack: number; weeksAhead: number; now?: Date }
): Promise<{ weeks: string[]; interviewers: LoadRow[]; default: LoadLimit }> {
	requireAdmin(actor);
	const now = opts.now ?? new Date();
	const [org] = await sql<
		{ timezone: string; policy: PolicyOverrides | null }[]
	>`select timezone, policy from organizations where id = ${actor.orgId}`;
	const policy = resolvePolicy(org?.policy ?? null);
	const orgZone = org?.timezone ?? 'UTC';
	const thisWeek = weekOf(zonedDate(now, orgZone));
	const weeks = Array.from({ length: opts.weeksBack + opts.weeksAhead + 1 }, (_, i) =>
		addDaysToYmd(thisWeek, 7 * (i - opts.weeksBack))
	);
	const people = await sql<{ id: string; name: string; timezone: string | null; load_limit: unknown }[]>`
		select u.id, u.name, u.timezone, m.load_limit from memberships m join users u on u.id = m.user_id
		where m.org_id = ${actor.orgId} and m.role = 'interviewer' order by u.name`;
	// A day of margin each side covers every zone.
	const from = new Date(Date.parse(`${weeks[0]}T00:00:00Z`) - 86_400_000);
	const to = new Date(Date.parse(`${addDaysToYmd(weeks.at(-1)!, 7)}T00:00:00Z`) + 86_400_000);
	const rows = await sql<{ user_id: string; start_at: Date; status: string }[]>`
		select p.user_id, i.start_at, i.status from interviews i join interview_panel p on p.interview_id = i.id
		where i.org_id = ${actor.orgId} and i.start_at >= ${from} and i.start_at < ${to}`;
	const interviewers = people.map((person): LoadRow => {
		const zone = person.timezone ?? orgZone;
		const perWeek = new Map<string, number>();
		const perDay = new Map<string, number>();
		for (const r of rows) {
			if (r.user_id !== person.id || !countsAsLoad(r.status as never)) continue;
			const day = zonedDate(r.start_at, zone);
			perDay.set(day, (perDay.get(day) ?? 0) + 1);
			perWeek.set(weekOf(day), (perWeek.get(weekOf(day)) ?? 0) + 1);
		}
		const own = person.load_limit as OwnLoadLimit | null;
		return {
			id: person.id,
			name: person.name,
			timezone: zone,
			own,
			limit: effectiveLoadLimit(person.load_limit, policy),
			weeks: weeks.map((week) => ({ week, count: perWeek.get(week) ?? 0 })),
			busiestDay: weeks.map((week) => {
				let best: { day: string | null; count: number } = { day: null, count: 0 };
				for (let d = 0; d < 7; d++) {
					const day = addDaysToYmd(week, d);
					const n = perDay.get(day) ?? 0;
					if (n > best.count) best = { day, count: n };
				}
				return { week, ...best };
			})
		};
	});
	return {
		weeks,
		interviewers,
		default: { perDay: policy.maxInterviewsPerDay, perWeek: policy.maxInterviewsPerWeek }
	};
}

function requireAdmin(actor: Actor): void {
	if (actor.role !== 'admin') throw fail.forbidden(m.api_admin_rules());
}

/** A closure as the API answers it. */
export function closureJson(c: ClosureRow) {
	return { id: c.id, kind: c.kind, name: c.name, start_date: c.startDate, end_date: c.endDate };
}

/** Limits as the API names them. */
export function limitJson(l: LoadLimit) {
	return { per_day: l.perDay, per_week: l.perWeek };
}

function ownJson(own: OwnLoadLimit | null) {
	if (!own) return null;
	return {
		...(own.perDay !== undefined ? { per_day: own.perDay } : {}),
		...(own.perWeek !== undefined ? { per_week: own.perWeek } : {})
	};
}

/** One row of the load report as the API answers it. */
export function loadRowJson(r: LoadRow) {
	return {
		id: r.id,
		name: r.name,
		timezone: r.timezone,
		own: ownJson(r.own),
		limit: limitJson(r.limit),
		weeks: r.weeks.map((w, i) => ({
			week: w.week,
			count: w.count,
			busiest_day: r.busiestDay[i]?.day ?? null,
			busiest_day_count: r.busiestDay[i]?.count ?? 0
		}))
	};
}

/** An interviewer's own and effective limits, as `PUT /api/v1/load/interviewers/{id}` answers. */
export async function ownLimitAnswer(sql: Sql, orgId: string, userId: string) {
	const { own, effective } = await ownLoad(sql, orgId, userId);
	return { user_id: userId, own: ownJson(own), limit: limitJson(effective) };
}

/** An interviewer's own limits, the organization's default and the limits in force (for /settings). */
export async function ownLoad(
	sql: Sql,
	orgId: string,
	userId: string
): Promise<{ own: OwnLoadLimit | null; orgDefault: LoadLimit; effective: LoadLimit }> {
	const [row] = await sql<{ load_limit: unknown; policy: PolicyOverrides | null }[]>`
		select m.load_limit, o.policy from memberships m join organizations o on o.id = m.org_id
		where m.user_id = ${userId} and m.org_id = ${orgId}`;
	const policy = resolvePolicy(row?.policy ?? null);
	const own = (row?.load_limit ?? null) as OwnLoadLimit | null;
	return {
		own,
		orgDefault: { perDay: policy.maxInterviewsPerDay, perWeek: policy.maxInterviewsPerWeek },
		effective: effectiveLoadLimit(own, policy)
	};
}

/** The organization's closures with the zone their days are read in (`GET /api/v1/closures`). */
export async function closuresAnswer(sql: Sql, orgId: string) {
	const [org] = await sql<{ timezone: string }[]>`select timezone from organizations where id = ${orgId}`;
	return { data: (await listClosures(sql, orgId)).map(closureJson), timezone: org?.timezone ?? 'UTC' };
}
