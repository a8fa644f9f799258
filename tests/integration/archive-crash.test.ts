/**
 * An archive pass and the forwarding of a replaced generation survive `kill -9` (decision 69,
 * invariant 9): an admin edits offline on the calendar as it was, the calendar is archived and
 * compacted meanwhile, the admin comes back and the old generation acknowledges the edits, and the
 * app process is killed at once, before or while it forwards them. Started again on the same
 * database (embedded and real Postgres), the jobs pass forwards what the old generation holds: the
 * last edit the admin saw saved is in the live calendar and in the `interviews` table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../../db/client';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { calendarDocName, getInterview } from '../../src/lib/collab/calendar';
import { connectTo, eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { apiClient, launch, processDatabase, type Instance, type ProcessDatabase } from '../helpers/processes';
import { bookInterviews, connectEditor, seqOf, type Editor } from '../helpers/storm';

const TAG = 'Away';
const EDITS = 3;

describe.each(await databaseKinds())('kill -9 after an archive pass, on the %s database', (kind: DbKind) => {
	let data: ProcessDatabase | null = null;
	let env: Record<string, string> = {};
	const running: Instance[] = [];
	let editor: Editor | null = null;

	beforeAll(async () => {
		data = await processDatabase(kind, 'archive-crash');
		env = data.env;
		running.push(await launch(env));
	}, 120_000);
	afterAll(async () => {
		editor?.close();
		for (const r of running) await r.stop();
		await data?.close();
	});

	it('forwards the edits an old generation acknowledged just before the crash', async () => {
		const app = running[0]!;
		const admin = apiClient(app.url);
		await admin.login(DEMO_ACCOUNTS.admin.email);
		const me = (await admin.call('GET', '/api/v1/me')).body.user as { id: string };
		const [interviewId] = await bookInterviews(admin.call, 1);
		const { org_id: orgId } = (await admin.call('GET', '/api/v1/collab/token')).body as { org_id: string };
		editor = await connectEditor({
			wsUrl: app.url.replace('http', 'ws') + '/collab',
			name: calendarDocName(orgId),
			token: async () => ((await admin.call('GET', '/api/v1/collab/token')).body as { token: string }).token,
			interviewId: interviewId!,
			tag: TAG,
			actor: me.id
		});

		// Offline, the admin keeps editing the calendar they have; meanwhile it is archived and compacted.
		editor.goOffline();
		for (let i = 0; i < EDITS; i++) editor.edit();
		expect((await admin.call('PUT', '/api/v1/calendar/archive', { archive_after_days: 1 })).status).toBe(200);
		const pass = await admin.call('POST', '/api/v1/calendar/archive');
		expect(pass.status).toBe(200);
		expect(pass.body.generation).toBe(1);

		// Back online: the old generation acknowledges the edits (durable), and the process dies at once.
		editor.goOnline();
		await eventually(() => editor!.acked === EDITS, 15_000);
		await app.crash();
		editor.close();
		editor = null;

		const again = await launch({ ...env, PARLEY_JOBS: '1' });
		running.push(again);
		const after = apiClient(again.url);
		await after.login(DEMO_ACCOUNTS.admin.email);
		// The jobs pass (its first five seconds after start) forwards what the old generation received.
		await eventually(
			async () => seqOf((await after.call('GET', `/api/v1/interviews/${interviewId}`)).body.location, TAG) === EDITS,
			30_000
		);
		const live = connectTo(
			again.url.replace('http', 'ws') + '/collab',
			calendarDocName(orgId, 1),
			async () => ((await after.call('GET', '/api/v1/collab/token')).body as { token: string }).token
		);
		try {
			await live.ready;
			expect(seqOf(getInterview(live.doc, interviewId!)?.location, TAG)).toBe(EDITS);
		} finally {
			live.close();
		}
	});
});
