/**
 * Which notifications reach a person by email. Everything reaches their inbox; here they turn email
 * off (or on again) per kind, among the kinds their role receives. Stored as the kinds turned off, so
 * a kind added later reaches everybody until they choose otherwise.
 */
import type { Sql } from '../../../../db/client';
import { EMAIL_OPTIONAL, KIND_AUDIENCE, type OptionalKind } from '$lib/contract/notifications';
import type { Role } from '$lib/contract/roles';
import { apiError } from '../errors';
import { m } from '$lib/paraglide/messages';

export interface Preferences {
	/** For each kind this person receives: whether it is emailed too. */
	email: Partial<Record<OptionalKind, boolean>>;
	kinds: OptionalKind[];
}

/** The kinds a role receives (admins sit on no panel and are no candidate: none). */
export function kindsFor(role: Role | null): OptionalKind[] {
	if (role !== 'candidate' && role !== 'interviewer') return [];
	return EMAIL_OPTIONAL.filter((k) => KIND_AUDIENCE[k].includes(role));
}

export async function loadPreferences(sql: Sql, actor: { user: { id: string }; role: Role }): Promise<Preferences> {
	const [row] = await sql<{ email_off: string[] }[]>`select email_off from notification_preferences
		where user_id = ${actor.user.id}`;
	const off = new Set(row?.email_off ?? []);
	const kinds = kindsFor(actor.role);
	return { email: Object.fromEntries(kinds.map((k) => [k, !off.has(k)])), kinds };
}

/** Sets email on or off for the kinds named; a kind the person does not receive is refused (422). */
export async function savePreferences(
	sql: Sql,
	actor: { user: { id: string }; role: Role },
	email: Partial<Record<OptionalKind, boolean>>
): Promise<Preferences> {
	const mine = new Set(kindsFor(actor.role));
	const foreign = Object.keys(email).filter((k) => !mine.has(k as OptionalKind));
	if (foreign.length) {
		throw apiError.fields(
			Object.fromEntries(foreign.map((k) => [`email.${k}`, m.api_not_a_notification({ role: actor.role })]))
		);
	}
	const turnOff = Object.entries(email)
		.filter(([, on]) => on === false)
		.map(([k]) => k);
	const turnOn = Object.entries(email)
		.filter(([, on]) => on === true)
		.map(([k]) => k);
	await sql`insert into notification_preferences (user_id, email_off) values (${actor.user.id}, ${turnOff}::text[])
		on conflict (user_id) do update set
			email_off = array(select distinct k from unnest(notification_preferences.email_off || ${turnOff}::text[]) as k
				where not (k = any(${turnOn}::text[])) order by k),
			updated_at = now()`;
	return loadPreferences(sql, actor);
}
