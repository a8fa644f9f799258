import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { PEER_KEY, PEER_PATH, PEER_REVOKED } from '../../peer-server/index';
import { calendarDocName, setStatus, updateInterview } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { hashToken } from '../../src/lib/server/auth';
import { MAX_ROOM_PEOPLE, PEER_ID_TTL_MS } from '../../src/lib/server/room';
import { PEER_CLIENT } from '../../src/lib/contract/peer';
import { startTestApp, type TestApp } from '../helpers/app';
import { panelCopyDrift, seatCount } from '../helpers/panel-copy';
import { eventually } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { bookDirect } from '../helpers/calendar';

const kinds = await databaseKinds();
const SAM = DEMO_ACCOUNTS.candidates[0].email;
const LENA = DEMO_ACCOUNTS.candidates[1].email;
const TOMAS = DEMO_ACCOUNTS.candidates[2].email;
const INES = DEMO_ACCOUNTS.interviewers[0].email;
const MARCO = DEMO_ACCOUNTS.interviewers[1].email;
const PRIYA = DEMO_ACCOUNTS.interviewers[2].email;
const ADMIN = DEMO_ACCOUNTS.admin.email;

/** Books an interview in (or near) its join window straight into the calendar document. */
async function book(
	app: TestApp,
	candidateEmail: string,
	panelEmails: string[],
	startInMin: number,
	extra: Partial<Interview> = {}
): Promise<string> {
	const [id] = await bookDirect(app, [
		{ candidate: candidateEmail, panel: panelEmails, startInMin, mode: 'online', timezone: 'America/New_York', extra }
	]);
	return id!;
}

/** Changes an interview through the calendar document, as an admin would (the projection follows). */
async function editCalendar(app: TestApp, write: (doc: Y.Doc, opts: { actor: null; now: Date }) => void) {
	const { collab } = app.runtime;
	const connection = await collab.hocuspocus.openDirectConnection(
		calendarDocName(app.orgId),
		collab.systemContext(app.orgId, null)
	);
	await connection.transact((doc) => write(doc as unknown as Y.Doc, { actor: null, now: new Date() }));
	await connection.disconnect();
	await collab.projection.flush(app.orgId);
}

function peerUrl(app: TestApp, id: string, secret?: string): string {
	const token = secret === undefined ? '' : `&token=${encodeURIComponent(secret)}`;
	return `${app.url.replace('http', 'ws')}${PEER_PATH}/peerjs?key=${PEER_KEY}&id=${encodeURIComponent(id)}${token}`;
}

/** Opens a raw signaling socket as a PeerJS client would; resolves with how it ended. */
function rawPeerSocket(
	app: TestApp,
	id: string,
	secret?: string
): Promise<{ opened: boolean; status?: number; firstMessage?: string }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(peerUrl(app, id, secret));
		ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
		ws.on('error', () => resolve({ opened: false }));
		ws.on('message', (data) => {
			resolve({ opened: true, firstMessage: String(data) });
			ws.close();
		});
	});
}

/** A signaling socket that stays open: resolves once the peer-server said OPEN; `closed` says how it ended. */
async function openPeerSocket(
	app: TestApp,
	id: string,
	secret: string
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
	const ws = new WebSocket(peerUrl(app, id, secret));
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))
	);
	await new Promise<void>((resolve, reject) => {
		ws.once('message', (data) => (String(data).includes('"OPEN"') ? resolve() : reject(new Error(String(data)))));
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
		ws.once('error', reject);
	});
	return { ws, closed };
}

type Signal = { type: string; src?: string; payload?: unknown };

/** A signaling socket with every message it receives after OPEN, parsed, in order (from the first frame on). */
async function openListening(app: TestApp, id: string, secret: string): Promise<{ ws: WebSocket; inbox: Signal[] }> {
	const ws = new WebSocket(peerUrl(app, id, secret));
	const inbox: Signal[] = [];
	await new Promise<void>((resolve, reject) => {
		ws.on('message', (data) => {
			const message = JSON.parse(String(data)) as Signal;
			if (message.type === 'OPEN') resolve();
			else inbox.push(message);
		});
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
		ws.once('error', reject);
	});
	return { ws, inbox };
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

	it('gives the browser a peer-server path and key the peer-server answers on', async () => {
		// The PeerJS client's id request under that path and key reaches the peer-server, which refuses it
		// in its own words (ids come from the app), not the app's 404 page.
		const res = await fetch(`${app.url}${PEER_CLIENT.path}/${PEER_CLIENT.key}/id`);
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Peer ids are issued by Parley.');
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
		// Short-lived: ten minutes from now, well before the room closes.
		expect(Date.parse(res.body.expires_at) - Date.parse(res.body.issued_at)).toBe(PEER_ID_TTL_MS);
		expect(Date.parse(res.body.closes_at)).toBe(Date.parse(res.body.interview.end) + 15 * 60_000);
		expect(res.body.max_people).toBe(MAX_ROOM_PEOPLE);
		const names = res.body.participants.map((p: { name: string }) => p.name).sort();
		expect(names).toEqual(['Ines Okafor', 'Marco Bianchi', 'Sam Carter']);
		// Nobody else is in yet, and one's own id is not listed.
		expect(res.body.participants.every((p: { peer_id?: string }) => p.peer_id === undefined)).toBe(true);
		// The secret is the caller's alone: only its hash is stored.
		expect(res.body.peer_secret).toMatch(/^[a-z2-7]{32}$/);
		expect(res.body.peer_secret).not.toBe(res.body.peer_id);
		const [row] = await app.runtime.db.sql`select * from room_peers where peer_id = ${res.body.peer_id}`;
		expect(row!.secret_hash).toBe(hashToken(res.body.peer_secret));
		expect(JSON.stringify(row)).not.toContain(res.body.peer_secret);
		// Others learn the id to call it, never the secret.
		const ines = await app.api('GET', `/api/v1/interviews/${id}/join`, cookies[INES]);
		const sam = ines.body.participants.find((p: { name: string }) => p.name === 'Sam Carter');
		expect(sam.peer_id).toBe(res.body.peer_id);
		expect(JSON.stringify(ines.body)).not.toContain(res.body.peer_secret);
		const inesJoin = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		expect(JSON.stringify(inesJoin.body)).not.toContain(res.body.peer_secret);
	});

	it('gives a peer id no longer than the room stays open', async () => {
		// Starts 40 minutes ago and lasts 30: the room closes in 5 minutes.
		const id = await book(app, LENA, [MARCO], -40);
		const res = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		expect(res.status).toBe(200);
		expect(res.body.expires_at).toBe(res.body.closes_at);
		expect(Date.parse(res.body.expires_at) - Date.parse(res.body.issued_at)).toBeLessThan(PEER_ID_TTL_MS);
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

	it('closes at once a signaling socket whose id was never issued, and accepts an issued one with its secret', async () => {
		const refused = await rawPeerSocket(app, 'neverissuedpeerid1234567890abcd', 'neverissuedsecret1234567890abcd');
		expect(refused).toEqual({ opened: false, status: 403 });
		const id = await book(app, LENA, [MARCO], 6);
		const joined = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		const accepted = await rawPeerSocket(app, joined.body.peer_id, joined.body.peer_secret);
		expect(accepted.opened).toBe(true);
		expect(JSON.parse(accepted.firstMessage!)).toMatchObject({ type: 'OPEN' });
		await eventually(() => app.runtime.peer!.connectionCount() === 0);
	});

	it('refuses at upgrade the right peer id with a wrong or missing secret', async () => {
		const id = await book(app, SAM, [INES], 2);
		const ines = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		const sam = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		const inesId: string = ines.body.peer_id;
		// The candidate knows Ines's id (the room lists it) but not her secret: no way to pose as her.
		expect(sam.body.participants.find((p: { name: string }) => p.name === 'Ines Okafor').peer_id).toBe(inesId);
		for (const secret of [undefined, '', sam.body.peer_secret, inesId, 'x'.repeat(32), ines.body.peer_secret + 'a'])
			expect(await rawPeerSocket(app, inesId, secret), `secret ${secret}`).toEqual({ opened: false, status: 403 });
		// Nor does one's own secret open another id, or one's own id a room with a changed secret.
		expect(await rawPeerSocket(app, sam.body.peer_id, ines.body.peer_secret)).toEqual({ opened: false, status: 403 });
		const own = await rawPeerSocket(app, inesId, ines.body.peer_secret);
		expect(own.opened).toBe(true);
		await eventually(() => app.runtime.peer!.connectionCount() === 0);
	});

	it('refuses an expired peer id, and closes the open socket of an id once it expires', async () => {
		const id = await book(app, LENA, [MARCO], 3);
		const a = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		const open = await openPeerSocket(app, a.body.peer_id, a.body.peer_secret);
		await app.runtime.db.sql`update room_peers set expires_at = now() - interval '1 second'
			where peer_id = ${a.body.peer_id}`;
		expect(await rawPeerSocket(app, a.body.peer_id, a.body.peer_secret)).toEqual({ opened: false, status: 403 });
		// The open socket goes at the next check (every few seconds; run it now) and the row with it.
		expect(await app.runtime.peer!.recheck()).toBe(1);
		expect(await open.closed).toEqual({ code: PEER_REVOKED.code, reason: PEER_REVOKED.reason });
		expect(await app.runtime.db.sql`select 1 from room_peers where peer_id = ${a.body.peer_id}`).toHaveLength(0);
		// Asking again gives a fresh id and secret that work.
		const again = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[LENA]);
		expect(again.body.peer_id).not.toBe(a.body.peer_id);
		expect(again.body.peer_secret).not.toBe(a.body.peer_secret);
		expect((await rawPeerSocket(app, again.body.peer_id, again.body.peer_secret)).opened).toBe(true);
	});

	it('closes the socket of a replaced id when the same person joins again (a reload or a refresh)', async () => {
		const id = await book(app, SAM, [MARCO], 1);
		const first = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO]);
		const open = await openPeerSocket(app, first.body.peer_id, first.body.peer_secret);
		const second = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO]);
		expect(await rawPeerSocket(app, first.body.peer_id, first.body.peer_secret)).toEqual({
			opened: false,
			status: 403
		});
		const fresh = await openPeerSocket(app, second.body.peer_id, second.body.peer_secret);
		expect(await app.runtime.peer!.recheck(id)).toBe(1);
		expect((await open.closed).code).toBe(PEER_REVOKED.code);
		expect(fresh.ws.readyState).toBe(WebSocket.OPEN);
		fresh.ws.close();
	});

	it('deletes the ids of somebody taken off the panel and closes their open socket at once', async () => {
		const id = await book(app, SAM, [INES, MARCO], 4);
		const marco = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO]);
		const ines = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		const marcoSocket = await openPeerSocket(app, marco.body.peer_id, marco.body.peer_secret);
		const inesSocket = await openPeerSocket(app, ines.body.peer_id, ines.body.peer_secret);
		const [inesUser] = await app.runtime.db.sql<{ id: string }[]>`select id from users where email = ${INES}`;
		await editCalendar(app, (doc, opts) => {
			const result = updateInterview(doc, id, { panel: [inesUser!.id] }, opts);
			if (!result.ok) throw new Error(result.problem.message);
		});
		// The projection's interview.changed makes the peer-server re-check this room: no waiting for the sweep.
		expect(await marcoSocket.closed).toEqual({ code: PEER_REVOKED.code, reason: PEER_REVOKED.reason });
		expect(await app.runtime.db.sql`select 1 from room_peers where peer_id = ${marco.body.peer_id}`).toHaveLength(0);
		expect(inesSocket.ws.readyState).toBe(WebSocket.OPEN);
		expect(await rawPeerSocket(app, marco.body.peer_id, marco.body.peer_secret)).toEqual({
			opened: false,
			status: 403
		});
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[MARCO])).status).toBe(404);
		const list = await app.api('GET', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(list.body.participants.map((p: { name: string }) => p.name).sort()).toEqual(['Ines Okafor', 'Sam Carter']);
		inesSocket.ws.close();
	});

	it('closes the room’s sockets when the interview is cancelled or moved out of its window', async () => {
		const cancelled = await book(app, SAM, [INES], 7);
		const moved = await book(app, LENA, [MARCO], 8);
		const a = await app.api('POST', `/api/v1/interviews/${cancelled}/join`, cookies[SAM]);
		const b = await app.api('POST', `/api/v1/interviews/${moved}/join`, cookies[LENA]);
		const sa = await openPeerSocket(app, a.body.peer_id, a.body.peer_secret);
		const sb = await openPeerSocket(app, b.body.peer_id, b.body.peer_secret);
		await editCalendar(app, (doc, opts) => {
			const result = setStatus(doc, cancelled, 'cancelled', { ...opts, reason: 'The candidate withdrew' });
			if (!result.ok) throw new Error(result.problem.message);
		});
		expect((await sa.closed).code).toBe(PEER_REVOKED.code);
		expect(sb.ws.readyState).toBe(WebSocket.OPEN);
		await editCalendar(app, (doc, opts) => {
			const start = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
			const result = updateInterview(doc, moved, { start }, opts);
			if (!result.ok) throw new Error(result.problem.message);
		});
		expect((await sb.closed).code).toBe(PEER_REVOKED.code);
		const rows = await app.runtime.db
			.sql`select 1 from room_peers where interview_id = any(${[cancelled, moved]}::uuid[])`;
		expect(rows).toHaveLength(0);
		expect(await rawPeerSocket(app, a.body.peer_id, a.body.peer_secret)).toEqual({ opened: false, status: 403 });
		expect(await rawPeerSocket(app, b.body.peer_id, b.body.peer_secret)).toEqual({ opened: false, status: 403 });
	});

	it('lists an observing admin only while they are still an admin, and then closes their socket', async () => {
		const id = await book(app, SAM, [INES], 9);
		const [extra] = await app.runtime.db.sql<{ id: string }[]>`
			insert into users (email, name, password_hash, timezone)
			select 'observer@northfield.test', 'Olga Observer', password_hash, timezone from users where email = ${ADMIN}
			returning id`;
		await app.runtime.db
			.sql`insert into memberships (user_id, org_id, role) values (${extra!.id}, ${app.orgId}, 'admin')`;
		const olgaCookie = await app.login('observer@northfield.test');
		const olga = await app.api('POST', `/api/v1/interviews/${id}/join`, olgaCookie);
		expect(olga.body.self.role).toBe('admin');
		const socket = await openPeerSocket(app, olga.body.peer_id, olga.body.peer_secret);
		const before = await app.api('GET', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(before.body.participants.find((p: { name: string }) => p.name === 'Olga Observer')).toMatchObject({
			role: 'admin',
			peer_id: olga.body.peer_id
		});
		await app.runtime.db.sql`update memberships set role = 'interviewer' where user_id = ${extra!.id}`;
		const after = await app.api('GET', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		expect(after.body.participants.map((p: { name: string }) => p.name)).not.toContain('Olga Observer');
		expect(await rawPeerSocket(app, olga.body.peer_id, olga.body.peer_secret)).toEqual({ opened: false, status: 403 });
		expect(await app.runtime.peer!.recheck()).toBe(1);
		expect((await socket.closed).code).toBe(PEER_REVOKED.code);
	});

	it(`refuses a person who would be the ${MAX_ROOM_PEOPLE + 1}th in the room with 409, and lets them in once somebody left`, async () => {
		const id = await book(app, LENA, [INES, MARCO, PRIYA], 10);
		const [admin] = await app.runtime.db.sql<{ password_hash: string }[]>`
			select password_hash from users where email = ${ADMIN}`;
		const extra: string[] = [];
		for (const n of [1, 2]) {
			const email = `room-extra-${n}@northfield.test`;
			const [u] = await app.runtime.db.sql<{ id: string }[]>`
				insert into users (email, name, password_hash) values (${email}, ${`Extra Admin ${n}`}, ${admin!.password_hash})
				returning id`;
			await app.runtime.db
				.sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
			extra.push(await app.login(email));
		}
		const six = [cookies[LENA], cookies[INES], cookies[MARCO], await app.login(PRIYA), cookies[ADMIN], extra[0]];
		const joins = [];
		for (const cookie of six) joins.push(await app.api('POST', `/api/v1/interviews/${id}/join`, cookie));
		expect(joins.map((j) => j.status)).toEqual([200, 200, 200, 200, 200, 200]);
		const seventh = await app.api('POST', `/api/v1/interviews/${id}/join`, extra[1]);
		expect(seventh.status).toBe(409);
		expect(seventh.body).toEqual({
			error: {
				code: 'conflict',
				message: expect.stringMatching(/room is full.*at most 6/),
				details: { reason: 'room_full', max_people: MAX_ROOM_PEOPLE, present: MAX_ROOM_PEOPLE }
			}
		});
		// Somebody already in may always come back (a reload, a reconnect).
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES])).status).toBe(200);
		// Once somebody leaves, the seventh gets in.
		const leaving = joins[4]!.body.peer_id;
		expect((await app.api('DELETE', `/api/v1/interviews/${id}/join?peer_id=${leaving}`, cookies[ADMIN])).status).toBe(
			204
		);
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, extra[1])).status).toBe(200);
	});

	it('keeps the last place for the candidate', async () => {
		const id = await book(app, SAM, [INES, MARCO, PRIYA], 13);
		const [admin] = await app.runtime.db.sql<{ password_hash: string }[]>`
			select password_hash from users where email = ${ADMIN}`;
		const people = [cookies[INES], cookies[MARCO], await app.login(PRIYA), cookies[ADMIN]];
		for (const n of [1, 2]) {
			const email = `room-seat-${n}@northfield.test`;
			const [u] = await app.runtime.db.sql<{ id: string }[]>`
				insert into users (email, name, password_hash) values (${email}, ${`Observer ${n}`}, ${admin!.password_hash})
				returning id`;
			await app.runtime.db
				.sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
			people.push(await app.login(email));
		}
		for (const cookie of people.slice(0, 5))
			expect((await app.api('POST', `/api/v1/interviews/${id}/join`, cookie)).status).toBe(200);
		const sixth = await app.api('POST', `/api/v1/interviews/${id}/join`, people[5]);
		expect(sixth.status).toBe(409);
		expect(sixth.body.error.message).toMatch(/kept for the candidate/);
		expect((await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM])).status).toBe(200);
	});

	it('refuses concurrent joins beyond the limit too', async () => {
		const id = await book(app, SAM, [INES, MARCO, PRIYA], 11);
		const [admin] = await app.runtime.db.sql<{ password_hash: string }[]>`
			select password_hash from users where email = ${ADMIN}`;
		const people = [cookies[SAM], cookies[INES], cookies[MARCO], await app.login(PRIYA), cookies[ADMIN]];
		for (const n of [1, 2, 3]) {
			const email = `room-race-${n}@northfield.test`;
			const [u] = await app.runtime.db.sql<{ id: string }[]>`
				insert into users (email, name, password_hash) values (${email}, ${`Racer ${n}`}, ${admin!.password_hash})
				returning id`;
			await app.runtime.db
				.sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
			people.push(await app.login(email));
		}
		const answers = await Promise.all(people.map((c) => app.api('POST', `/api/v1/interviews/${id}/join`, c)));
		expect(answers.filter((a) => a.status === 200)).toHaveLength(MAX_ROOM_PEOPLE);
		expect(answers.filter((a) => a.status === 409)).toHaveLength(people.length - MAX_ROOM_PEOPLE);
		const [n] = await app.runtime.db.sql<{ n: number }[]>`
			select count(distinct user_id)::int as n from room_peers where interview_id = ${id}`;
		expect(n!.n).toBe(MAX_ROOM_PEOPLE);
	});

	it('relays OFFER, ANSWER and CANDIDATE only between live peers of one room, and counts what it drops', async () => {
		const x = await book(app, SAM, [INES], 13);
		const y = await book(app, LENA, [MARCO], 14);
		const join = async (room: string, email: string) =>
			(await app.api('POST', `/api/v1/interviews/${room}/join`, cookies[email])).body as {
				peer_id: string;
				peer_secret: string;
			};
		const [sam, ines, lena, marco, admin] = [
			await join(x, SAM),
			await join(x, INES),
			await join(y, LENA),
			await join(y, MARCO),
			await join(x, ADMIN)
		];
		const samSocket = await openListening(app, sam.peer_id, sam.peer_secret);
		const inesSocket = await openListening(app, ines.peer_id, ines.peer_secret);
		const lenaSocket = await openListening(app, lena.peer_id, lena.peer_secret);
		const [toInes, toLena] = [inesSocket.inbox, lenaSocket.inbox];
		const before = app.runtime.peer!.stats();
		const send = (message: unknown) => samSocket.ws.send(JSON.stringify(message));

		// Across rooms: to a connected peer of room Y, and to one of room Y that has not connected yet.
		send({ type: 'OFFER', dst: lena.peer_id, payload: { sdp: 'cross-room offer' } });
		send({ type: 'CANDIDATE', dst: lena.peer_id, payload: { candidate: 'cross-room candidate' } });
		send({ type: 'OFFER', dst: marco.peer_id, payload: { sdp: 'queued for room Y' } });
		// Types a client may not send, to a peer of its own room, and frames that are not messages.
		send({ type: 'LEAVE', dst: ines.peer_id });
		send({ type: 'EXPIRE', dst: ines.peer_id });
		send({ type: 'OPEN' });
		samSocket.ws.send('not json at all');
		send({ type: 'OFFER', dst: 'neverissuedpeerid1234567890abcd', payload: { sdp: 'nobody' } });
		// Within the room: to a connected peer, and to one still connecting (PeerJS keeps it for them).
		send({ type: 'OFFER', dst: ines.peer_id, payload: { sdp: 'same-room offer' } });
		send({ type: 'CANDIDATE', dst: ines.peer_id, payload: { candidate: 'same-room candidate' } });
		send({ type: 'OFFER', dst: admin.peer_id, payload: { sdp: 'for the observer' } });
		send({ type: 'HEARTBEAT' });

		await eventually(() => toInes.length >= 2, 3_000);
		const marcoSocket = await openListening(app, marco.peer_id, marco.peer_secret);
		const toMarco = marcoSocket.inbox;
		const adminSocket = await openListening(app, admin.peer_id, admin.peer_secret);
		const toAdmin = adminSocket.inbox;
		await eventually(() => toAdmin.length >= 1, 3_000);
		await new Promise((r) => setTimeout(r, 300));

		expect(toInes.map((m) => [m.type, m.src, m.payload])).toEqual([
			['OFFER', sam.peer_id, { sdp: 'same-room offer' }],
			['CANDIDATE', sam.peer_id, { candidate: 'same-room candidate' }]
		]);
		expect(toAdmin.map((m) => [m.type, m.src, m.payload])).toEqual([
			['OFFER', sam.peer_id, { sdp: 'for the observer' }]
		]);
		expect(toLena).toEqual([]);
		expect(toMarco).toEqual([]);
		const after = app.runtime.peer!.stats();
		expect(after.relayed - before.relayed).toBe(3);
		expect(after.dropped - before.dropped).toBe(8);
		expect(after.droppedBy.room - before.droppedBy.room).toBe(4);
		expect(after.droppedBy.type - before.droppedBy.type).toBe(3);
		expect(after.droppedBy.malformed - before.droppedBy.malformed).toBe(1);
		// The same counts are on /api/health, and the sockets that only sent garbage are still open.
		const health = await app.api('GET', '/api/health');
		expect(health.body.signaling).toMatchObject({ relayed: after.relayed, dropped: after.dropped });
		expect(health.body.signaling.dropped_by.room).toBe(after.droppedBy.room);
		expect(samSocket.ws.readyState).toBe(WebSocket.OPEN);
		for (const s of [samSocket, inesSocket, lenaSocket, marcoSocket, adminSocket]) s.ws.close();
	});

	it('answers 422 to a peer_id with a NUL character when leaving, and deletes nothing', async () => {
		const id = await book(app, SAM, [INES], 12);
		const joined = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[SAM]);
		const res = await app.api('DELETE', `/api/v1/interviews/${id}/join?peer_id=%00`, cookies[SAM]);
		expect(res.status).toBe(422);
		expect(res.body.error).toMatchObject({
			code: 'validation_failed',
			details: { fields: { peer_id: expect.any(String) } }
		});
		const mixed = await app.api(
			'DELETE',
			`/api/v1/interviews/${id}/join?peer_id=${joined.body.peer_id}%00`,
			cookies[SAM]
		);
		expect(mixed.status).toBe(422);
		expect(await app.runtime.db.sql`select 1 from room_peers where peer_id = ${joined.body.peer_id}`).toHaveLength(1);
		// Somebody else's id is not theirs to give back.
		const ines = await app.api('POST', `/api/v1/interviews/${id}/join`, cookies[INES]);
		expect(
			(await app.api('DELETE', `/api/v1/interviews/${id}/join?peer_id=${ines.body.peer_id}`, cookies[SAM])).status
		).toBe(204);
		expect(await app.runtime.db.sql`select 1 from room_peers where peer_id = ${ines.body.peer_id}`).toHaveLength(1);
		expect(
			(await app.api('DELETE', `/api/v1/interviews/${id}/join?peer_id=${joined.body.peer_id}`, cookies[SAM])).status
		).toBe(204);
		expect(await app.runtime.db.sql`select 1 from room_peers where peer_id = ${joined.body.peer_id}`).toHaveLength(0);
	});
	it("keeps every seat's copy of its interview's time and status equal after these flows (migration 037)", async () => {
		expect(await seatCount(app.runtime.db.sql)).toBeGreaterThan(0);
		expect(await panelCopyDrift(app.runtime.db.sql)).toEqual([]);
	});
});
