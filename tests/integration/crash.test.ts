/**
 * Durable before acknowledged, proved with `kill -9` (docs/architecture.md invariant 9): twelve admins
 * each keep moving their own interview's location several times a second through their own
 * connection to the calendar, while a thirteenth admin works offline. The app process is killed
 * mid-storm and started again on the same database (embedded and real Postgres). Every edit a client
 * saw acknowledged must be in the calendar document and in the `interviews` table after the restart,
 * and the offline admin's edits arrive when it reconnects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../../db/client';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, getInterview } from '../../src/lib/collab/calendar';
import { eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { apiClient, launch, processDatabase, type Instance, type ProcessDatabase } from '../helpers/processes';
import { bookInterviews, connectEditor, seqOf, storm, type Editor } from '../helpers/storm';

const EDITORS = 12;
const EDIT_EVERY_MS = 125;
const STORM_MS = 4_000;
const TAG = 'Room';
const OFFLINE_TAG = 'Offline room';

describe.each(await databaseKinds())('kill -9 of the app on the %s database', (kind: DbKind) => {
	let data: ProcessDatabase | null = null;
	let env: Record<string, string> = {};
	const running: Instance[] = [];
	let app!: Instance;
	let interviewIds: string[] = [];
	let orgId = '';
	let editors: Editor[] = [];
	let offline!: Editor;

	beforeAll(async () => {
		data = await processDatabase(kind, 'crash');
		env = data.env;
		app = await launch(env);
		running.push(app);
	}, 120_000);
	afterAll(async () => {
		for (const e of [...editors, offline]) e?.close();
		for (const r of running) await r.stop();
		await data?.close();
	});

	it('keeps every acknowledged edit of a storm of twelve admins in the document and the table', async () => {
		const admin = apiClient(app.url);
		await admin.login(DEMO_ACCOUNTS.admin.email);
		const me = (await admin.call('GET', '/api/v1/me')).body.user as { id: string };
		interviewIds = await bookInterviews(admin.call, EDITORS + 1);
		orgId = ((await admin.call('GET', '/api/v1/collab/token')).body as { org_id: string }).org_id;
		const connect = (interviewId: string, tag: string) =>
			connectEditor({
				wsUrl: app.url.replace('http', 'ws') + '/collab',
				name: calendarDocName(orgId),
				// Fetched afresh on every (re)connect, from whichever process serves the port now.
				token: async () => ((await admin.call('GET', '/api/v1/collab/token')).body as { token: string }).token,
				interviewId,
				tag,
				actor: me.id
			});
		editors = await Promise.all(interviewIds.slice(0, EDITORS).map((id) => connect(id, TAG)));
		offline = await connect(interviewIds[EDITORS]!, OFFLINE_TAG);

		const stop = storm(editors, EDIT_EVERY_MS);
		// The offline admin saves one edit, then loses the network and keeps working.
		offline.edit();
		await eventually(() => offline.acked === 1, 10_000);
		offline.goOffline();
		for (let i = 0; i < 5; i++) offline.edit();
		await new Promise((r) => setTimeout(r, STORM_MS));
		await app.crash();
		stop();
		// What each admin had seen saved at the moment of the crash; the clients leave with the process
		// so that nothing is re-sent: only what the server stored counts.
		const acked = editors.map((e) => e.acked);
		for (const e of editors) e.close();
		expect(Math.min(...acked)).toBeGreaterThan(5);

		app = await launch(env);
		running.push(app);
		const again = apiClient(app.url);
		await again.login(DEMO_ACCOUNTS.admin.email);
		const reader = await connectEditor({
			wsUrl: app.url.replace('http', 'ws') + '/collab',
			name: calendarDocName(orgId),
			token: async () => ((await again.call('GET', '/api/v1/collab/token')).body as { token: string }).token,
			interviewId: interviewIds[0]!,
			tag: 'unused',
			actor: me.id
		});
		const inDocument = interviewIds.slice(0, EDITORS).map((id) => seqOf(getInterview(reader.doc, id)?.location, TAG));
		reader.close();
		const lostInDocument = inDocument.map((seq, i) => Math.max(0, acked[i]! - seq));
		expect(
			lostInDocument.reduce((a, b) => a + b, 0),
			`document ${inDocument} vs acknowledged ${acked}`
		).toBe(0);

		// Loading the document reconciles the table with it: never behind what was acknowledged.
		let inTable: number[] = [];
		await eventually(
			async () => {
				inTable = await Promise.all(
					interviewIds
						.slice(0, EDITORS)
						.map(async (id) => seqOf((await again.call('GET', `/api/v1/interviews/${id}`)).body.location, TAG))
				);
				return inTable.every((seq, i) => seq >= acked[i]!);
			},
			15_000,
			250
		).catch(() => {});
		expect(
			inTable.map((seq, i) => Math.max(0, acked[i]! - seq)).reduce((a, b) => a + b, 0),
			`table ${inTable} vs acknowledged ${acked}`
		).toBe(0);
	}, 120_000);

	it('takes in the edits an admin made offline before the crash once it reconnects', async () => {
		expect(offline.sent).toBe(6);
		expect(offline.acked).toBe(1);
		offline.goOnline();
		await eventually(() => offline.acked === 6, 20_000, 100);
		const admin = apiClient(app.url);
		await admin.login(DEMO_ACCOUNTS.admin.email);
		await eventually(
			async () =>
				seqOf((await admin.call('GET', `/api/v1/interviews/${offline.interviewId}`)).body.location, OFFLINE_TAG) === 6,
			15_000,
			250
		);
	}, 60_000);
});
