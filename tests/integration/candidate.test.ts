import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { interviewIcs } from '../../src/lib/server/ics';
import type { InterviewRow } from '../../src/lib/server/interviews';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const ADMIN = DEMO_ACCOUNTS.admin.email;
const OLIVER = DEMO_ACCOUNTS.candidates[6].email;
const MEI = DEMO_ACCOUNTS.candidates[7].email;
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const NOAH = DEMO_ACCOUNTS.candidates[4].email;

/** A minimal RFC 5545 reader: unfolded content lines of the first VEVENT and the VTIMEZONE observances. */
function parseIcs(text: string) {
	const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
	const event: Record<string, { params: string; value: string }> = {};
	const observances: { start: string; offsetTo: string }[] = [];
	let section = '';
	let current: { start?: string; offsetTo?: string } = {};
	for (const line of lines) {
		if (line.startsWith('BEGIN:')) {
			section = line.slice(6);
			current = {};
			continue;
		}
		if (line.startsWith('END:')) {
			if ((section === 'STANDARD' || section === 'DAYLIGHT') && current.start && current.offsetTo)
				observances.push({ start: current.start, offsetTo: current.offsetTo });
			section = line.slice(4) === 'VEVENT' || line.slice(4) === 'VTIMEZONE' ? '' : 'VTIMEZONE';
			continue;
		}
		const colon = line.indexOf(':');
		const [name, ...params] = line.slice(0, colon).split(';');
		const value = line.slice(colon + 1);
		if (section === 'VEVENT') event[name!] = { params: params.join(';'), value };
		if (section === 'STANDARD' || section === 'DAYLIGHT') {
			if (name === 'DTSTART') current.start = value;
			if (name === 'TZOFFSETTO') current.offsetTo = value;
		}
	}
	const calendar = Object.fromEntries(
		lines.filter((l) => /^(METHOD|VERSION):/.test(l)).map((l) => l.split(':') as [string, string])
	);
	/** The UTC instant of a local `YYYYMMDDTHHMMSS` under the VTIMEZONE's observances. */
	const toUtc = (local: string) => {
		if (local.endsWith('Z')) {
			const z = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(local)!;
			return new Date(Date.UTC(+z[1]!, +z[2]! - 1, +z[3]!, +z[4]!, +z[5]!, +z[6]!));
		}
		const rule = observances
			.filter((o) => o.start <= local)
			.sort((a, b) => a.start.localeCompare(b.start))
			.at(-1)!;
		const sign = rule.offsetTo.startsWith('-') ? -1 : 1;
		const offsetMin = sign * (Number(rule.offsetTo.slice(1, 3)) * 60 + Number(rule.offsetTo.slice(3, 5)));
		const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(local)!;
		const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
		return new Date(wall - offsetMin * 60_000);
	};
	return { event, calendar, observances, toUtc };
}

/** Reads a server-sent-events stream and collects its events. */
async function openEvents(app: TestApp, cookie: string) {
	const controller = new AbortController();
	const res = await fetch(`${app.url}/api/v1/me/events`, { headers: { cookie }, signal: controller.signal });
	const events: { event: string; data: string }[] = [];
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	const pump = (async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				buffer += decoder.decode(value, { stream: true });
				let end;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const event = /^event: (.*)$/m.exec(block)?.[1];
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (event) events.push({ event, data: data ?? '' });
				}
			}
		} catch {
			// aborted
		}
	})();
	return {
		res,
		events,
		async waitFor(pred: (e: { event: string; data: string }) => boolean, timeoutMs = 5_000) {
			const deadline = Date.now() + timeoutMs;
			while (!events.some(pred)) {
				if (Date.now() > deadline) throw new Error(`no such event within ${timeoutMs} ms: ${JSON.stringify(events)}`);
				await new Promise((r) => setTimeout(r, 25));
			}
		},
		async close() {
			controller.abort();
			await pump;
		}
	};
}

async function interviewOf(app: TestApp, email: string) {
	const [row] = await app.runtime.db.sql<{ id: string; start_at: Date; sequence: number }[]>`
		select i.id, i.start_at, i.sequence from interviews i join users u on u.id = i.candidate_id
		where u.email = ${email} order by i.start_at desc limit 1`;
	return row!;
}

describe('the .ics time zone', () => {
	it.each([
		['Australia/Sydney', '2027-01-15T23:30:00.000Z'],
		['Australia/Sydney', '2027-07-15T23:30:00.000Z'],
		['Europe/Berlin', '2027-03-28T00:30:00.000Z'],
		['Europe/Berlin', '2027-10-31T01:30:00.000Z'],
		['America/Sao_Paulo', '2027-02-01T12:00:00.000Z'],
		['Asia/Kolkata', '2027-06-01T04:15:00.000Z'],
		['America/New_York', '2026-11-01T05:30:00.000Z']
	])('writes a start in %s that calendars read back as the same instant (%s)', (timezone, start) => {
		const startAt = new Date(start);
		const row = {
			id: '00000000-0000-4000-8000-000000000001',
			start_at: startAt,
			end_at: new Date(startAt.getTime() + 30 * 60_000),
			updated_at: new Date(),
			timezone,
			type: 'video',
			mode: 'online',
			location: '',
			panel: [],
			status: 'scheduled',
			sequence: 0
		} as unknown as InterviewRow;
		const ics = parseIcs(interviewIcs(row, { orgName: 'Org', origin: 'https://parley.test' }));
		// In the repeated hour of a fall-back night the time is written in UTC; else in the zone.
		const repeated = start === '2027-10-31T01:30:00.000Z' || start === '2026-11-01T05:30:00.000Z';
		expect(ics.event.DTSTART!.params).toBe(repeated ? '' : `TZID=${timezone}`);
		expect(ics.toUtc(ics.event.DTSTART!.value).toISOString()).toBe(start);
		expect(ics.toUtc(ics.event.DTEND!.value).getTime() - startAt.getTime()).toBe(30 * 60_000);
	});
});

describe.each(kinds)('the candidate’s side against the %s database', (kind) => {
	let app: TestApp;
	const cookies: Record<string, string> = {};
	beforeAll(async () => {
		app = await startTestApp(kind);
		for (const email of [ADMIN, OLIVER, MEI, SAM]) cookies[email] = await app.login(email);
	});
	afterAll(async () => {
		await app?.close();
	});

	it('shows the candidate their interview, with the interviewers and the time in the organization’s zone', async () => {
		const res = await app.request('/me', { cookie: cookies[OLIVER] });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('data-testid="interview-card"');
		expect(html).toContain('Ines Okafor, Marco Bianchi');
		expect(html).toContain('America/New_York');
		expect(html).not.toContain('Mei Chen');
	});

	it('pushes an interview.changed event to the candidate when an admin reschedules, and to nobody else', async () => {
		const oliver = await openEvents(app, cookies[OLIVER]!);
		const mei = await openEvents(app, cookies[MEI]!);
		expect(oliver.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		await oliver.waitFor((e) => e.event === 'ready');
		await mei.waitFor((e) => e.event === 'ready');
		const before = await interviewOf(app, OLIVER);
		const start = new Date(before.start_at.getTime() + 24 * 3600_000).toISOString();
		const patched = await app.api('PATCH', `/api/v1/interviews/${before.id}`, cookies[ADMIN], {
			start,
			reason: 'Room change'
		});
		expect(patched.status).toBe(200);
		await oliver.waitFor((e) => e.event === 'interview.changed' && JSON.parse(e.data).interview_id === before.id);
		// The page the event asks to re-read now shows the new time.
		const after = await interviewOf(app, OLIVER);
		expect(after.start_at.toISOString()).toBe(start);
		expect(after.sequence).toBe(before.sequence + 1);
		await new Promise((r) => setTimeout(r, 300));
		expect(mei.events.filter((e) => e.event === 'interview.changed')).toEqual([]);
		await oliver.close();
		await mei.close();
	});

	it('closes the stream for a signed-out visitor with 401', async () => {
		const res = await app.request('/api/v1/me/events');
		expect(res.status).toBe(401);
		expect((await res.json()).error.code).toBe('unauthenticated');
	});

	it('serves an .ics with a stable UID, the interview’s zone and time, and a raised SEQUENCE after a reschedule', async () => {
		const interview = await interviewOf(app, MEI);
		const first = await app.request(`/api/v1/interviews/${interview.id}/ics`, { cookie: cookies[MEI] });
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(first.headers.get('content-disposition')).toMatch(/attachment; filename="interview-.*\.ics"/);
		const ics = parseIcs(await first.text());
		expect(ics.calendar.VERSION).toBe('2.0');
		expect(ics.calendar.METHOD).toBe('PUBLISH');
		expect(ics.event.UID!.value).toBe(interview.id);
		expect(ics.event.STATUS!.value).toBe('CONFIRMED');
		expect(ics.event.DTSTART!.params).toBe('TZID=America/New_York');
		expect(ics.toUtc(ics.event.DTSTART!.value).toISOString()).toBe(interview.start_at.toISOString());
		expect(ics.toUtc(ics.event.DTEND!.value).getTime() - interview.start_at.getTime()).toBe(45 * 60_000);
		expect(ics.event.DTSTAMP!.value).toMatch(/Z$/);
		const seq = Number(ics.event.SEQUENCE!.value);

		const start = new Date(interview.start_at.getTime() + 2 * 24 * 3600_000).toISOString();
		expect(
			(await app.api('PATCH', `/api/v1/interviews/${interview.id}`, cookies[ADMIN], { start, reason: 'Room change' }))
				.status
		).toBe(200);
		const moved = parseIcs(
			await (await app.request(`/api/v1/interviews/${interview.id}/ics`, { cookie: cookies[MEI] })).text()
		);
		expect(moved.event.UID!.value).toBe(interview.id);
		expect(Number(moved.event.SEQUENCE!.value)).toBe(seq + 1);
		expect(moved.toUtc(moved.event.DTSTART!.value).toISOString()).toBe(start);

		const cancelled = await app.api('POST', `/api/v1/interviews/${interview.id}/cancel`, cookies[ADMIN], {
			reason: 'The candidate withdrew'
		});
		expect(cancelled.status).toBe(200);
		const gone = parseIcs(
			await (await app.request(`/api/v1/interviews/${interview.id}/ics`, { cookie: cookies[MEI] })).text()
		);
		// A file to add stays a PUBLISH (no ATTENDEE) once cancelled; a calendar that has it applies the status.
		expect(gone.calendar.METHOD).toBe('PUBLISH');
		expect(gone.event.STATUS!.value).toBe('CANCELLED');
		expect(gone.event.ORGANIZER!.value).toMatch(/^mailto:no-reply@parley\.local$/i);
		expect(gone.event.ATTENDEE).toBeUndefined();
		expect(Number(gone.event.SEQUENCE!.value)).toBe(seq + 2);
	});

	it('lets a candidate read nothing of another candidate: pages, API, push stream and .ics', async () => {
		const theirs = await interviewOf(app, OLIVER);
		const sam = cookies[SAM]!;
		for (const path of [
			`/api/v1/interviews/${theirs.id}/ics`,
			`/api/v1/interviews/${theirs.id}`,
			`/api/v1/interviews/${theirs.id}/join`,
			`/interviews/${theirs.id}/room`
		]) {
			const res = await app.request(path, { cookie: sam });
			expect([403, 404], path).toContain(res.status);
			expect(await res.text()).not.toContain('Oliver');
		}
		const join = await app.api('POST', `/api/v1/interviews/${theirs.id}/join`, sam);
		expect(join.status).toBe(404);
		const mine = await app.api('GET', '/api/v1/me/interviews', sam);
		expect(mine.body.data.every((i: { candidate: { name: string } }) => i.candidate.name === 'Sam Carter')).toBe(true);
		const page = await (await app.request('/me', { cookie: sam })).text();
		expect(page).not.toContain('Oliver');
		expect(page).not.toContain(theirs.id);
		// The push stream carries only Sam's own events.
		const stream = await openEvents(app, sam);
		await stream.waitFor((e) => e.event === 'ready');
		const start = new Date(theirs.start_at.getTime() + 3600_000).toISOString();
		expect(
			(await app.api('PATCH', `/api/v1/interviews/${theirs.id}`, cookies[ADMIN], { start, reason: 'Room change' }))
				.status
		).toBe(200);
		await new Promise((r) => setTimeout(r, 500));
		expect(stream.events.map((e) => e.event)).toEqual(['ready']);
		await stream.close();
		// Admin-only and other people's endpoints stay closed.
		expect((await app.request('/api/v1/interviews', { cookie: sam })).status).toBe(403);
		expect((await app.request(`/api/v1/interviews/${theirs.id}/logs`, { cookie: sam })).status).toBe(403);
	});

	it('signs a candidate in with a personal link that an admin creates, and no more once revoked', async () => {
		const [noah] = await app.runtime.db.sql<{ id: string }[]>`select id from users where email = ${NOAH}`;
		const created = await app.api('POST', `/api/v1/candidates/${noah!.id}/link`, cookies[ADMIN]);
		expect(created.status).toBe(201);
		const url = new URL(created.body.url);
		expect(url.pathname).toMatch(/^\/l\/[a-z2-7]{32}$/);
		expect(Date.parse(created.body.expires_at)).toBeGreaterThan(Date.now() + 100 * 24 * 3600_000);
		const token = url.pathname.slice(3);
		const stored = await app.runtime.db.sql`select token_hash from candidate_links where user_id = ${noah!.id}`;
		expect(stored).toHaveLength(1);
		expect(stored[0]!.token_hash).not.toBe(token);

		const visit = await app.request(url.pathname);
		expect(visit.status).toBe(303);
		expect(visit.headers.get('location')).toBe('/me');
		const cookie = (visit.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect((await app.request('/me', { cookie })).status).toBe(200);
		const me = await app.api('GET', '/api/v1/me', cookie);
		expect(me.body.user?.email ?? me.body.email).toBe(NOAH);
		const [session] = await app.runtime.db.sql`select kind from sessions where user_id = ${noah!.id}`;
		expect(session!.kind).toBe('link');

		// Candidates cannot make links, and a candidate link for a non-candidate is refused.
		expect((await app.api('POST', `/api/v1/candidates/${noah!.id}/link`, cookies[SAM])).status).toBe(403);
		const [ines] = await app.runtime.db.sql<
			{ id: string }[]
		>`select id from users where email = 'ines@northfield.test'`;
		expect((await app.api('POST', `/api/v1/candidates/${ines!.id}/link`, cookies[ADMIN])).status).toBe(404);

		expect((await app.api('DELETE', `/api/v1/candidates/${noah!.id}/link`, cookies[ADMIN])).status).toBe(204);
		expect((await app.request('/me', { cookie })).status).toBe(303);
		const again = await app.request(url.pathname);
		expect(again.status).toBe(410);
		expect(await again.text()).toContain('This link no longer works');
	});
});
