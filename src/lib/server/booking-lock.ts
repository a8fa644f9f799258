/**
 * One booking at a time per organization, where two must not both win (self-scheduling): a promise
 * chain per organization in this process and, with a real Postgres (several app instances), a
 * session advisory lock on a reserved connection. The embedded database has one connection and
 * one process, so the in-process chain is the whole lock there.
 */
import type { Sql } from '../../../db/client';

/** Advisory-lock namespace of bookings (the other key is the organization's hash). */
const BOOKING_LOCK = 0x5052_4b00;

const chains = new Map<string, Promise<unknown>>();

/** Runs `fn` while holding the organization's booking lock. */
export function withBookingLock<T>(
	sql: Sql,
	kind: 'embedded' | 'postgres',
	orgId: string,
	fn: () => Promise<T>
): Promise<T> {
	return withAdvisoryLock(sql, kind, BOOKING_LOCK, orgId, fn);
}

/**
 * Runs `fn` while holding the lock (`namespace`, `key`): a promise chain in this process and, with a
 * real Postgres, a session advisory lock on a reserved connection, held across `fn`'s awaits.
 */
export async function withAdvisoryLock<T>(
	sql: Sql,
	kind: 'embedded' | 'postgres',
	namespace: number,
	key: string,
	fn: () => Promise<T>
): Promise<T> {
	const name = `${namespace}:${key}`;
	const previous = chains.get(name) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	chains.set(name, tail);
	await previous.catch(() => {});
	try {
		if (kind === 'embedded') return await fn();
		const reserved = await sql.reserve();
		try {
			await reserved`select pg_advisory_lock(${namespace}, hashtext(${key}))`;
			try {
				return await fn();
			} finally {
				await reserved`select pg_advisory_unlock(${namespace}, hashtext(${key}))`;
			}
		} finally {
			reserved.release();
		}
	} finally {
		release();
		if (chains.get(name) === tail) chains.delete(name);
	}
}
