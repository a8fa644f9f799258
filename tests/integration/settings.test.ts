/**
 * A person's own time zone and working hours: PATCH /api/v1/me with every refusal, the reset to the
 * organization's default, and the slot finder reading each interviewer in their own hours and zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { utcToZonedParts } from '../../src/lib/domain/time';
import { MeEnvelope } from '../../src/lib/contract/api';
import { databaseKinds } from '../helpers/db';
import { startTestApp, type TestApp } from '../helpers/app';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
const CANDIDATE = DEMO_ACCOUNTS.candidates[0];
const ORG_DEFAULT = {
	weekdays: [...DEFAULT_POLICY.workingHours.weekdays],
	start_time: DEFAULT_POLICY.workingHours.startTime,
	end_time: DEFAULT_POLICY.workingHours.endTime
};
const pad = (n: number) => String(n).padStart(2, '0');

/** Local weekday and "HH:MM" of an instant in a zone. */
function localAt(iso: string, tz: string): { weekday: number; hm: string } {
	const p = utcToZonedParts(iso, tz);
	return { weekday: p.weekday, hm: `${pad(p.hour)}:${pad(p.minute)}` };
}

describe.each(kinds)('personal settings against the %s database', (kind) => {
	let app: TestApp;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		app = await startTestApp(kind);
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		Object.assign(ids, await app.memberIds(admin));
	});
	afterAll(async () => {
		await app?.close();
	});

	/** The stored row, read straight from the database. */
	async function stored(email: string) {
		const [row] = await app.runtime.db.sql<{ timezone: string | null; working_hours: unknown }[]>`
			select timezone, working_hours from users where email = ${email}`;
		return row!;
	}

	/** Free 30-minute starts for one interviewer over the next two weeks (from three days ahead). */
	async function slotsOf(email: string): Promise<string[]> {
		const admin = await app.login(DEMO_ACCOUNTS.admin.email);
		const from = new Date(Date.now() + 3 * 86400_000).toISOString();
		const to = new Date(Date.now() + 17 * 86400_000).toISOString();
		const res = await app.api(
			'GET',
			`/api/v1/availability?interviewer_ids=${ids[email]}&from=${from}&to=${to}&duration_min=30`,
			admin
		);
		expect(res.status).toBe(200);
		return (res.body.data as { start: string }[]).map((s) => s.start);
	}

	it('answers GET /me with no own hours and the organization’s as effective ones, and none for a candidate', async () => {
		const marco = await app.api('GET', '/api/v1/me', await app.login(MARCO!.email));
		expect(marco.status).toBe(200);
		expect(MeEnvelope.parse(marco.body)).toEqual(marco.body);
		expect(marco.body.user).toMatchObject({
			email: MARCO!.email,
			timezone: 'Europe/Rome',
			working_hours: null,
			effective_working_hours: ORG_DEFAULT
		});
		const candidate = await app.api('GET', '/api/v1/me', await app.login(CANDIDATE.email));
		expect(candidate.body.user).toMatchObject({ working_hours: null, effective_working_hours: null });
	});

	it('lets an interviewer set their zone and hours, stored in the domain’s shape and answered tidied', async () => {
		const cookie = await app.login(PRIYA!.email);
		const res = await app.api('PATCH', '/api/v1/me', cookie, {
			timezone: 'asia/tokyo',
			working_hours: { weekdays: [5, 1, 3, 1], start_time: '22:00', end_time: '06:00' }
		});
		expect(res.status).toBe(200);
		expect(MeEnvelope.parse(res.body)).toEqual(res.body);
		const hours = { weekdays: [1, 3, 5], start_time: '22:00', end_time: '06:00' };
		expect(res.body.user).toMatchObject({
			timezone: 'Asia/Tokyo',
			working_hours: hours,
			effective_working_hours: hours
		});
		expect(await stored(PRIYA!.email)).toEqual({
			timezone: 'Asia/Tokyo',
			working_hours: { startTime: '22:00', endTime: '06:00', weekdays: [1, 3, 5] }
		});
		const again = await app.api('GET', '/api/v1/me', cookie);
		expect(again.body.user).toMatchObject({ timezone: 'Asia/Tokyo', working_hours: hours });

		// An alias stays the name the person chose.
		const alias = await app.api('PATCH', '/api/v1/me', cookie, { timezone: 'Asia/Kolkata' });
		expect(alias.body.user.timezone).toBe('Asia/Kolkata');

		// Changing only the zone keeps the hours.
		const zoneOnly = await app.api('PATCH', '/api/v1/me', cookie, { timezone: 'America/Los_Angeles' });
		expect(zoneOnly.status).toBe(200);
		expect(zoneOnly.body.user).toMatchObject({ timezone: 'America/Los_Angeles', working_hours: hours });
	});

	it('goes back to the organization’s default when working_hours is null', async () => {
		const cookie = await app.login(PRIYA!.email);
		const res = await app.api('PATCH', '/api/v1/me', cookie, { working_hours: null });
		expect(res.status).toBe(200);
		expect(res.body.user).toMatchObject({
			timezone: 'America/Los_Angeles',
			working_hours: null,
			effective_working_hours: ORG_DEFAULT
		});
		expect((await stored(PRIYA!.email)).working_hours).toBeNull();
	});

	it.each([
		['an unknown zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
		['a raw offset for a zone', { timezone: '+01:00' }, 'timezone'],
		['a zone that is not a string', { timezone: 42 }, 'timezone'],
		[
			'no working day',
			{ working_hours: { weekdays: [], start_time: '09:00', end_time: '17:00' } },
			'working_hours.weekdays'
		],
		[
			'a weekday 0',
			{ working_hours: { weekdays: [0, 1], start_time: '09:00', end_time: '17:00' } },
			'working_hours.weekdays.0'
		],
		[
			'a weekday 8',
			{ working_hours: { weekdays: [8], start_time: '09:00', end_time: '17:00' } },
			'working_hours.weekdays.0'
		],
		[
			'a start that is not HH:MM',
			{ working_hours: { weekdays: [1], start_time: '9:00', end_time: '17:00' } },
			'working_hours.start_time'
		],
		[
			'a start at 24:00',
			{ working_hours: { weekdays: [1], start_time: '24:00', end_time: '08:00' } },
			'working_hours.start_time'
		],
		[
			'an end past 24:00',
			{ working_hours: { weekdays: [1], start_time: '09:00', end_time: '25:00' } },
			'working_hours.end_time'
		],
		[
			'a shift under 15 minutes',
			{ working_hours: { weekdays: [1], start_time: '09:00', end_time: '09:10' } },
			'working_hours.end_time'
		],
		[
			'a night shift under 15 minutes',
			{ working_hours: { weekdays: [1], start_time: '23:55', end_time: '00:05' } },
			'working_hours.end_time'
		],
		[
			'a shift of no length',
			{ working_hours: { weekdays: [1], start_time: '09:00', end_time: '09:00' } },
			'working_hours.end_time'
		],
		['a missing end', { working_hours: { weekdays: [1], start_time: '09:00' } }, 'working_hours.end_time'],
		['hours that are not an object', { working_hours: 'nine to five' }, 'working_hours'],
		['an unknown field', { timezone: 'Europe/Rome', language: 'it' }, '(body)'],
		['nothing to change', {}, '(body)']
	])('refuses %s with 422 naming the field, and changes nothing', async (_, body, field) => {
		const cookie = await app.login(MARCO!.email);
		const before = await stored(MARCO!.email);
		const res = await app.api('PATCH', '/api/v1/me', cookie, body);
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('validation_failed');
		expect(Object.keys(res.body.error.details.fields)).toContain(field);
		expect(await stored(MARCO!.email)).toEqual(before);
	});

	it('answers 400 to a body that is not JSON and 401 without a session, changing nothing', async () => {
		const before = await stored(MARCO!.email);
		const bad = await app.api('PATCH', '/api/v1/me', await app.login(MARCO!.email), '{"timezone":');
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('bad_json');
		const anonymous = await app.api('PATCH', '/api/v1/me', undefined, { timezone: 'Asia/Tokyo' });
		expect(anonymous.status).toBe(401);
		expect(anonymous.body.error.code).toBe('unauthenticated');
		expect(await stored(MARCO!.email)).toEqual(before);
	});

	it('lets a candidate set their zone but not working hours (403)', async () => {
		const cookie = await app.login(CANDIDATE.email);
		const zone = await app.api('PATCH', '/api/v1/me', cookie, { timezone: 'Europe/Madrid' });
		expect(zone.status).toBe(200);
		expect(zone.body.user).toMatchObject({ timezone: 'Europe/Madrid', effective_working_hours: null });
		const hours = await app.api('PATCH', '/api/v1/me', cookie, {
			working_hours: { weekdays: [1], start_time: '09:00', end_time: '17:00' }
		});
		expect(hours.status).toBe(403);
		expect(hours.body.error.code).toBe('forbidden');
		expect(await stored(CANDIDATE.email)).toEqual({ timezone: 'Europe/Madrid', working_hours: null });
	});

	it('offers slots for an interviewer only inside their own hours, read in their own zone', async () => {
		// With the default hours Ines works 09:00–17:00 in New York, which is late evening to early morning in Tokyo.
		const before = await slotsOf(INES!.email);
		expect(before.length).toBeGreaterThan(0);
		for (const s of before) expect(localAt(s, 'America/New_York').hm >= '09:00').toBe(true);

		const cookie = await app.login(INES!.email);
		const res = await app.api('PATCH', '/api/v1/me', cookie, {
			timezone: 'Asia/Tokyo',
			working_hours: { weekdays: [1, 2, 3, 4, 5], start_time: '06:00', end_time: '10:00' }
		});
		expect(res.status).toBe(200);

		const after = await slotsOf(INES!.email);
		expect(after.length).toBeGreaterThan(0);
		for (const s of after) {
			const start = localAt(s, 'Asia/Tokyo');
			const end = localAt(new Date(Date.parse(s) + 30 * 60_000).toISOString(), 'Asia/Tokyo');
			expect(start.weekday, s).toBeLessThanOrEqual(5);
			expect(start.hm >= '06:00' && end.hm <= '10:00' && start.hm < end.hm, s).toBe(true);
		}
		// Every Tokyo weekday morning of the range is offered, from 06:00 on: the whole shift is searched.
		expect(after.some((s) => localAt(s, 'Asia/Tokyo').hm === '06:00')).toBe(true);
		expect(after.some((s) => localAt(s, 'Asia/Tokyo').hm === '09:30')).toBe(true);
		expect(after.filter((s) => before.includes(s)).length).toBeLessThan(after.length);
	});

	it('offers a night shift across midnight in the interviewer’s zone', async () => {
		const cookie = await app.login(MARCO!.email);
		const res = await app.api('PATCH', '/api/v1/me', cookie, {
			working_hours: { weekdays: [1, 2, 3, 4, 5], start_time: '22:00', end_time: '02:00' }
		});
		expect(res.status).toBe(200);
		const slots = await slotsOf(MARCO!.email);
		expect(slots.length).toBeGreaterThan(0);
		for (const s of slots) {
			const { hm } = localAt(s, 'Europe/Rome');
			expect(hm >= '22:00' || hm <= '01:30', `${s} is ${hm} in Rome`).toBe(true);
		}
		expect(slots.some((s) => localAt(s, 'Europe/Rome').hm === '00:30')).toBe(true);
	});
});
