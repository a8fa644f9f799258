import { describe, expect, it } from 'vitest';
import { refreshAfterMs, RENEW_BEFORE_EXPIRY_MS } from './renewal';

const at = (min: number) => new Date(Date.UTC(2026, 10, 24, 10, min)).toISOString();

describe('when the room asks for its next peer id', () => {
	it('asks two minutes before the id expires', () => {
		expect(refreshAfterMs({ issued_at: at(0), expires_at: at(10), closes_at: at(60) })).toBe(
			10 * 60_000 - RENEW_BEFORE_EXPIRY_MS
		);
	});

	it('asks at half the lifetime of a short-lived id', () => {
		expect(refreshAfterMs({ issued_at: at(0), expires_at: at(2), closes_at: at(60) })).toBe(60_000);
	});

	it('never asks for an id that lasts until the room closes', () => {
		expect(refreshAfterMs({ issued_at: at(0), expires_at: at(10), closes_at: at(10) })).toBeNull();
	});
});
