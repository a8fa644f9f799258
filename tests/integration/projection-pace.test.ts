/**
 * A storming organization is projected at a bounded pace (decision 83): an admin who moves an
 * interview every 20 ms gets every move acknowledged (journaled) as before, the table and its audit
 * end at the last move, but the projection writes a few batches a second, not one per move. An API
 * write meanwhile still answers with its stored row (its flush ends the pace's wait).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { PROJECTION_SPACING_MS } from '../../collab-server/projection/pace';
import { startTestApp, type TestApp } from '../helpers/app';
import { collabTokenFor, eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { bookInterviews, connectEditor, seqOf, type Editor } from '../helpers/storm';

const MOVES = 50;
const EDIT_EVERY_MS = 20;
const TAG = 'Storm room';

describe.each(await databaseKinds())('the projection of a storm on the %s database', (kind) => {
	let app: TestApp;
	let cookie: string;
	let editor: Editor | null = null;
	let interviewId: string;
	let otherId: string;

	beforeAll(async () => {
		app = await startTestApp(kind);
		cookie = await app.login(DEMO_ACCOUNTS.admin.email);
		const booked = await bookInterviews((m, p, b) => app.api(m, p, cookie, b), 2);
		interviewId = booked[0]!;
		otherId = booked[1]!;
		const me = (await app.api('GET', '/api/v1/me', cookie)).body.user as { id: string };
		const { token } = await collabTokenFor(app.runtime.db.sql, me.id, app.orgId);
		editor = await connectEditor({
			wsUrl: app.url.replace('http', 'ws') + '/collab',
			name: await app.runtime.collab.calendarDoc(app.orgId),
			token: async () => token,
			interviewId,
			tag: TAG,
			actor: me.id
		});
	});
	afterAll(async () => {
		editor?.close();
		await app?.close();
	});

	const audited = async (id: string) =>
		(
			await app.runtime.db.sql<{ n: number }[]>`
				select count(*)::int as n from interview_logs where interview_id = ${id} and action = 'updated'`
		)[0]!.n;

	it('acknowledges every move and projects the last one, in a few batches rather than one per move', async () => {
		const e = editor!;
		const before = await audited(interviewId);
		const started = performance.now();
		for (let i = 0; i < MOVES; i++) {
			e.edit();
			await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
		}
		const stormMs = performance.now() - started;
		// Durable before acknowledged is untouched: every move is acknowledged, so every one is journaled.
		await eventually(() => e.acked === MOVES, 10_000);
		const location = async () =>
			(await app.runtime.db.sql<{ location: string }[]>`select location from interviews where id = ${interviewId}`)[0]!
				.location;
		await eventually(async () => seqOf(await location(), TAG) === MOVES, 10_000);
		const batches = (await audited(interviewId)) - before;
		// One batch at once, then at most one per spacing while the storm lasts (and one after it).
		expect(batches).toBeGreaterThanOrEqual(1);
		expect(batches).toBeLessThanOrEqual(Math.ceil(stormMs / PROJECTION_SPACING_MS) + 2);
		// Without the pace, each move that found no batch in flight was a batch of its own.
		expect(batches).toBeLessThan(MOVES / 3);
	});

	it('answers an API write to the storming calendar with its stored row', async () => {
		const e = editor!;
		let storming = true;
		const storm = (async () => {
			while (storming) {
				e.edit();
				await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
			}
		})();
		try {
			await new Promise((r) => setTimeout(r, 300));
			const changed = await app.api('PATCH', `/api/v1/interviews/${otherId}`, cookie, { location: 'Room 42' });
			expect(changed.status).toBe(200);
			// The answer comes after its own projection (the API flushes), and shows the stored row.
			const row = await app.runtime.db.sql<
				{ location: string }[]
			>`select location from interviews where id = ${otherId}`;
			expect(row[0]!.location).toBe('Room 42');
		} finally {
			storming = false;
			await storm;
			// Nothing left in flight when the app closes.
			await eventually(() => e.acked === e.sent, 10_000);
			await app.runtime.collab.projection.flush(app.orgId);
		}
	});
});
