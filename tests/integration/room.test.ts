import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { PEER_KEY, PEER_PATH } from '../../peer-server/index';
import { calendarDocName, createInterview } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { PEER_CLIENT } from '../../src/lib/server/room';
import { startTestApp, type TestApp } from '../helpers/app';
import { eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
const ADMIN = DEMO_ACCOUNTS.admin.email;

/** Books an interview straight into the calendar document (the API refuses starts under 2 h ahead). */
async function book(
	app: TestApp,
	candidateEmail: string,
	panelEmails: string[],
	startInMin: number,
	extra: Partial<Interview> = {}
): Promise<string> {
	const sql = app.runtime.db.sql;
	const [a] = await sql<{ id: string; cycle_id: string; candidate_id: string }[]>`
		select a.id, a.cycle_id, a.candidate_id from applications a join users u on u.id = a.candidate_id
		where u.email = ${candidateEmail}`;
	const panel = await sql<{ id: string }[]>`select id from users where email = any(${panelEmails}::text[])`;
	const interview: Interview = {
		id: crypto.randomUUID(),
		applicationId: a!.id,
		candidateId: a!.candidate_id,
		cycleId: a!.cycle_id,
		start: new Date(Math.floor((Date.now() + startInMin * 60_000) / 60_000) * 60_000).toISOString(),
		durationMin: 30,
		timezone: 'America/New_York',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: panel.map((p) => p.id),
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: new Date().toISOString(),
		...extra
	};
	const { collab } = app.runtime;
	const connection = await collab.hocuspocus.openDirectConnection(
		calendarDocName(app.orgId),
		collab.systemContext(app.orgId, null)
	);
	await connection.transact((doc) => {
		const result = createInterview(doc as unknown as Y.Doc, interview);
		if (!result.ok) throw new Error(result.problem.message);
	});
	await connection.disconnect();
	await collab.projection.flush(app.orgId);
	return interview.id;
}

/** Opens a raw signaling socket as a PeerJS client would; resolves with how it ended. */
function rawPeerSocket(app: TestApp, id: string): Promise<{ opened: boolean; status?: number; firstMessage?: string }> {
	const url = `${app.url.replace('http', 'ws')}${PEER_PATH}/peerjs?key=${PEER_KEY}&id=${id}&token=t0k3n`;
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
		ws.on('error', () => resolve({ opened: false }));
		ws.on('message', (data) => {
			resolve({ opened: true, firstMessage: String(data) });
			ws.close();
		});
	});
}

describe.each(kinds)('the video room against the %s database', (kind) => {
	let app: TestApp;
	const cookies = {} as Record<string, string>;
	beforeAll(async () => {
		app = await startTestApp(kind);
		for (const email of [SAM, LENA, INES, MARCO, ADMIN]) cookies[email] = await app.login(email);
	});
	afterAll(async () => {
		await app?.close();
	});

	it('gives the browser the peer-server path and key the peer-server uses', () => {
		expect(PEER_CLIENT).toEqual({ path: PEER_PATH, key: PEER_KEY });
	});

	it('issues the candidate a peer id with the room, the others and the ICE servers', async () => {
		const id = await book(app, SAM, [INES, MARCO], 5);
		const res = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(res.status).toBe(200);
		expect(res.body.peer_id).toMatch(/^[a-z2-7]{32}$/);
		expect(res.body.self).toMatchObject({ name: 'Sam Carter', role: 'candidate' });
		expect(res.body.interview).toMatchObject({ id, mode: 'online', status: 'scheduled' });
		expect(res.body.interview).not.toHaveProperty('conflicts');
		expect(res.body.ice_servers).toEqual([]);
		expect(Date.parse(res.body.expires_at)).toBe(Date.parse(res.body.interview.end) + 15 * 60_000);
		const names = res.body.participants.map((p: { name: string }) => p.name).sort();
		expect(names).toEqual(['Ines Okafor', 'Marco Bianchi', 'Sam Carter']);
		// Nobody else is in yet, and one's own id is not listed.
		expect(res.body.participants.every((p: { peer_id?: string }) => p.peer_id === undefined)).toBe(true);
		const [row] = await app.runtime.db.sql`select expires_at from room_peers where peer_id = ${res.body.peer_id}`;
		expect(row).toBeDefined();
	});

	it('lists the peer id of whoever joined earlier, and replaces a person’s id when they join again', async () => {
		const id = await book(app, LENA, [INES], 0);
		const first = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		const again = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		expect(again.body.peer_id).not.toBe(first.body.peer_id);
		const candidate = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		const ines = candidate.body.participants.find((p: { name: string }) => p.name === 'Ines Okafor');
		expect(ines).toMatchObject({ role: 'interviewer', peer_id: again.body.peer_id });
		const rows = await app.runtime.db.sql`select peer_id from room_peers where interview_id = ${id}`;
		expect(rows.map((r) => r.peer_id).sort()).toEqual([again.body.peer_id, candidate.body.peer_id].sort());
	});

	it('records the first joins and starts the interview, as the participant, once both sides came', async () => {
		const id = await book(app, TOMAS, [MARCO], 2, { mode: 'online' });
		await app.runtime.db.sql`update applications a set online_interview_enabled = true
			from users u where u.id = a.candidate_id and u.email = ${TOMAS}`;
		const tomasCookie = await app.login(TOMAS);
		await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO]);
		let [row] = await app.runtime.db.sql`select * from interviews where id = ${id}`;
		expect(row!.interviewer_joined_at).toBeInstanceOf(Date);
		expect(row!.candidate_joined_at).toBeNull();
		expect(row!.status).toBe('scheduled');
		const firstInterviewerJoin = row!.interviewer_joined_at as Date;
		const joined = await app.api('POST', `/api/v1/interviews/${id}/join`, tomasCookie);
		expect(joined.status).toBe(200);
		[row] = await app.runtime.db.sql`select * from interviews where id = ${id}`;
		expect(row!.candidate_joined_at).toBeInstanceOf(Date);
		expect(row!.status).toBe('in_progress');
		// A second join keeps the first time.
		await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO]);
		[row] = await app.runtime.db.sql`select * from interviews where id = ${id}`;
		expect((row!.interviewer_joined_at as Date).getTime()).toBe(firstInterviewerJoin.getTime());
		const [tomas] = await app.runtime.db.sql`select id from users where email = ${TOMAS}`;
		const logs = await app.runtime.db.sql`select actor_id, action from interview_logs
			where interview_id = ${id} and action = 'started'`;
		expect(logs).toEqual([{ actor_id: tomas!.id, action: 'started' }]);
	});

	it('refuses outside the window and says when the room opens', async () => {
		const id = await book(app, SAM, [INES], 24 * 60 + 60);
		const res = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('forbidden');
		expect(res.body.error.message).toMatch(/opens at/);
		const [row] = await app.runtime.db.sql<{ start_at: Date; end_at: Date }[]>`
			select start_at, end_at from interviews where id = ${id}`;
		expect(res.body.error.details).toEqual({
			reason: 'not_open_yet',
			opens_at: new Date(row!.start_at.getTime() - 15 * 60_000).toISOString(),
			closes_at: new Date(row!.end_at.getTime() + 15 * 60_000).toISOString(),
			timezone: 'America/New_York'
		});
		const late = await book(app, LENA, [MARCO], -60);
		const closed = await app.api('POST', `/api/v1/interviews/${late}/join`, cookies[LENA]);
		expect(closed.status).toBe(403);
		expect(closed.body.error.details.reason).toBe('closed');
		const rows = await app.runtime.db.sql`select 1 from room_peers where interview_id = any(${[id, late]}::uuid[])`;
		expect(rows).toHaveLength(0);
	});

	it('refuses in-person interviews and applications without online interviews', async () => {
		const offline = await book(app, SAM, [INES], 3, { mode: 'offline', type: 'in_person', location: 'Hall B' });
		const a = await app.api('POST', `/api/v1/interviews/${offline}/join`, cookies[SAM]);
		expect(a.status).toBe(403);
		expect(a.body.error.details.reason).toBe('in_person');
		await app.runtime.db.sql`update applications a set online_interview_enabled = false
			from users u where u.id = a.candidate_id and u.email = ${SAM}`;
		const online = await book(app, SAM, [INES], 4);
		const b = await app.api('POST', `/api/v1/interviews/${online}/join`, cookies[SAM]);
		expect(b.status).toBe(403);
		expect(b.body.error.details.reason).toBe('online_disabled');
		await app.runtime.db.sql`update applications a set online_interview_enabled = true
			from users u where u.id = a.candidate_id and u.email = ${SAM}`;
	});

	it('answers 404 to another candidate and to an interviewer not on the panel; admins may observe', async () => {
		const id = await book(app, SAM, [INES], 1);
		for (const email of [LENA, MARCO]) {
			const res = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[email]);
			expect(res.status).toBe(404);
			expect(res.body.error.code).toBe('not_found');
			expect((await app.request(`/interviews/${id}/room`, { cookie: cookies[email] })).status).toBe(404);
		}
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`)).status).toBe(401);
		const admin = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[ADMIN]);
		expect(admin.status).toBe(200);
		expect(admin.body.self.role).toBe('admin');
		const [row] = await app.runtime.db
			.sql`select candidate_joined_at, interviewer_joined_at from interviews where id = ${id}`;
		expect(row).toEqual({ candidate_joined_at: null, interviewer_joined_at: null });
	});

	it('closes at once a signaling socket whose id was never issued, and accepts an issued one', async () => {
		const refused = await rawPeerSocket(app, 'neverissuedpeerid1234567890abcd');
		expect(refused).toEqual({ opened: false, status: 403 });
		const id = await book(app, LENA, [MARCO], 6);
		const joined = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		const accepted = await rawPeerSocket(app, joined.body.peer_id);
		expect(accepted.opened).toBe(true);
		expect(JSON.parse(accepted.firstMessage!)).toMatchObject({ type: 'OPEN' });
		// Once expired, the same id is refused too.
		await app.runtime.db
			.sql`update room_peers set expires_at = now() - interval '1 second' where peer_id = ${joined.body.peer_id}`;
		expect(await rawPeerSocket(app, joined.body.peer_id)).toEqual({ opened: false, status: 403 });
		await eventually(() => app.runtime.peer!.connectionCount() === 0);
	});
});
