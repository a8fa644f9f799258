/**
 * Sign-in throttling (decision 39). Failures are counted per email *and* address together, so ten
 * wrong passwords from one place lock that email for that place only: its owner signs in from
 * anywhere else. A second ceiling per address across all emails stops one address from spraying
 * many accounts. An IPv6 address counts by its /64, the block one subscriber is usually given.
 */
import type { Sql } from '../../../db/client';
import { m } from '$lib/paraglide/messages';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures for one email from one address within the window before further attempts are refused. */
export const LOGIN_MAX_FAILURES = 10;
/** Failures from one address, whatever the emails, within the window before it is refused. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

/** Which limit refused an attempt. */
export type ThrottleScope = 'email' | 'address';

export interface Throttled {
	scope: ThrottleScope;
	/** Seconds until the oldest counted failure leaves the window. */
	retryAfterSec: number;
}

/**
 * Writes the attempt down as a failure before the password is checked, then counts: of any number of
 * concurrent attempts at most the limit reach the check. Returns the refusal (and forgets the
 * attempt: a refused attempt is not a failure of its own) or a handle to clear the attempt once the
 * password proved right.
 */
export async function recordAttempt(
	sql: Sql,
	email: string,
	address: string
): Promise<{ throttled: Throttled } | { throttled: null; succeeded(): Promise<void> }> {
	const since = new Date(Date.now() - LOGIN_WINDOW_MS);
	const [attempt] = await sql<{ id: string }[]>`
		insert into login_failures (email, address) values (${email}, ${address}) returning ctid::text as id`;
	const [counts] = await sql<
		{ pair: number; pair_oldest: Date | null; address: number; address_oldest: Date | null }[]
	>`select count(*) filter (where email = ${email})::int as pair,
			min(failed_at) filter (where email = ${email}) as pair_oldest,
			count(*)::int as address, min(failed_at) as address_oldest
		from login_failures where address = ${address} and failed_at > ${since}`;
	const retryAfter = (oldest: Date | null | undefined) =>
		Math.max(1, oldest ? Math.ceil((oldest.getTime() + LOGIN_WINDOW_MS - Date.now()) / 1000) : 60);
	let throttled: Throttled | null = null;
	if ((counts?.pair ?? 0) > LOGIN_MAX_FAILURES)
		throttled = { scope: 'email', retryAfterSec: retryAfter(counts?.pair_oldest) };
	else if ((counts?.address ?? 0) > LOGIN_MAX_FAILURES_PER_ADDRESS)
		throttled = { scope: 'address', retryAfterSec: retryAfter(counts?.address_oldest) };
	if (throttled) {
		await sql`delete from login_failures where ctid = ${attempt!.id}::tid`;
		return { throttled };
	}
	return {
		throttled: null,
		async succeeded() {
			// The right password clears this email's failures from this address, nobody else's.
			await sql`delete from login_failures where email = ${email} and address = ${address}`;
		}
	};
}

/** The sentence a refused sign-in shows, naming what was counted and when to try again. */
export function throttleMessage(t: Throttled): string {
	const minutes = Math.ceil(t.retryAfterSec / 60);
	return t.scope === 'email' ? m.login_throttled_email({ minutes }) : m.login_throttled_address({ minutes });
}
