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
export async function withBookingLock<T>(
	sql: Sql,
	kind: 'embedded' | 'postgres',
	orgId: string,
	fn: () => Promise<T>
): Promise<T> {
	const previous = chains.get(orgId) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	chains.set(orgId, tail);
	await previous.catch(() => {});
	try {
		if (kind === 'embedded') return await fn();
		const reserved = await sql.reserve();
		try {
			await reserved`select pg_advisory_lock(${BOOKING_LOCK}, hashtext(${orgId}))`;
			try {
				return await fn();
			} finally {
				await reserved`select pg_advisory_unlock(${BOOKING_LOCK}, hashtext(${orgId}))`;
			}
		} finally {
			reserved.release();
		}
	} finally {
		release();
		if (chains.get(orgId) === tail) chains.delete(orgId);
	}
}
