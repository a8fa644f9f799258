/**
 * A person's own settings (time zone and working hours): reading them, the one path that writes
 * them (used by `PATCH /api/v1/me` and the /settings page alike), and their JSON.
 */
import type { Sql } from '../../../db/client';
import { resolvePolicy, type PolicyOverrides, type WorkingHours } from '$lib/domain';
import { isValidTimeZone } from '$lib/domain/time';
import { effectiveWorkingHours, validateWorkingHours } from '$lib/domain/working-hours';
import type { SessionUser } from './auth';
import { ApiError, apiError } from './errors';
import { membershipOf } from './guards';
import { userJson } from './users';
import { m } from '$lib/paraglide/messages';

export interface Settings {
	/** The person's own IANA zone; null until they choose one. */
	timezone: string | null;
	/** Their own working hours; null means the organization's default. */
	workingHours: WorkingHours | null;
	/** The hours scheduling reads them in; null for candidates and people without an organization. */
	effectiveWorkingHours: WorkingHours | null;
	/** The organization's default hours (its policy); null without an organization. */
	orgWorkingHours: WorkingHours | null;
	orgTimezone: string | null;
}

/** What a person may change about themselves. */
export interface SettingsPatch {
	timezone?: string;
	/** null goes back to the organization's default. */
	workingHours?: WorkingHours | null;
}

/** Whether the person works shifts that scheduling reads: admins and interviewers, not candidates. */
export function hasWorkingHours(user: SessionUser): boolean {
	const role = membershipOf(user)?.role;
	return role === 'admin' || role === 'interviewer';
}

/** The person's settings as stored, with the organization's defaults laid under them. */
export async function loadSettings(sql: Sql, user: SessionUser): Promise<Settings> {
	const orgId = membershipOf(user)?.orgId ?? null;
	const [row] = await sql<
		{ timezone: string | null; working_hours: unknown; policy: PolicyOverrides | null; org_timezone: string | null }[]
	>`select u.timezone, u.working_hours, o.policy, o.timezone as org_timezone
		from users u left join organizations o on o.id = ${orgId}::uuid
		where u.id = ${user.id}`;
	if (!row) throw apiError.unauthenticated();
	const orgHours = orgId ? resolvePolicy(row.policy).workingHours : null;
	const own = validateWorkingHours(row.working_hours);
	return {
		timezone: row.timezone,
		workingHours: row.working_hours !== null && own.ok ? own.value : null,
		effectiveWorkingHours:
			orgHours && hasWorkingHours(user) ? effectiveWorkingHours(row.working_hours, orgHours) : null,
		orgWorkingHours: orgHours,
		orgTimezone: row.org_timezone
	};
}

/**
 * A valid zone as zone lists spell it ("europe/berlin" → "Europe/Berlin"). Only the letter case
 * changes: an alias stays the alias the person chose (Asia/Kolkata is not turned into Asia/Calcutta).
 */
function spellZone(tz: string): string {
	const lower = tz.toLowerCase();
	const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
	const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
	return [...listed, resolved, 'UTC'].find((z) => z.toLowerCase() === lower) ?? tz;
}

/**
 * Writes what the patch names, after checking it against the domain's rules again (every caller has
 * validated already; this is the last line). Candidates and people without an organization have no
 * working hours: naming them is refused. Returns the settings as now stored.
 */
export async function saveSettings(sql: Sql, user: SessionUser, patch: SettingsPatch): Promise<Settings> {
	if (patch.timezone !== undefined && !isValidTimeZone(patch.timezone)) {
		throw apiError.fields({ timezone: m.field_iana() });
	}
	let hours: WorkingHours | null | undefined = patch.workingHours;
	if (hours !== undefined) {
		if (!hasWorkingHours(user)) {
			throw new ApiError('forbidden', m.api_hours_staff_only());
		}
		if (hours !== null) {
			const checked = validateWorkingHours(hours);
			if (!checked.ok) {
				throw apiError.fields(
					Object.fromEntries(Object.entries(checked.errors).map(([f, m]) => [`working_hours.${f}`, m]))
				);
			}
			hours = checked.value;
		}
	}
	await sql.begin(async (tx) => {
		if (patch.timezone !== undefined) {
			await tx`update users set timezone = ${spellZone(patch.timezone)} where id = ${user.id}`;
		}
		if (hours !== undefined) {
			const stored = hours && { startTime: hours.startTime, endTime: hours.endTime, weekdays: [...hours.weekdays] };
			await tx`update users set working_hours = ${stored ? tx.json(stored) : null} where id = ${user.id}`;
		}
	});
	return loadSettings(sql, user);
}

/** Working hours in the API's snake_case. */
export function workingHoursJson(hours: WorkingHours) {
	return { weekdays: [...hours.weekdays], start_time: hours.startTime, end_time: hours.endTime };
}

/** The answer of `GET` and `PATCH /api/v1/me`: the user, their zone as stored and their working hours. */
export function meJson(user: SessionUser, settings: Settings) {
	return {
		user: {
			...userJson(user),
			timezone: settings.timezone,
			working_hours: settings.workingHours && workingHoursJson(settings.workingHours),
			effective_working_hours: settings.effectiveWorkingHours && workingHoursJson(settings.effectiveWorkingHours)
		}
	};
}
