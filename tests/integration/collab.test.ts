/** The collab-server with real `@hocuspocus/provider` clients: access, convergence, projection, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_ACCOUNTS } from '../../db/seed';
import {
	calendarDocName,
	createInterview,
	getInterview,
	listInterviews,
	updateInterview
} from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import { hashPassword } from '../../src/lib/server/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { collabTokenFor, connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const MAX_MESSAGE = 256 * 1024;

describe.each(kinds)('collab-server against the %s database', (kind) => {
	let app: TestApp;
	let admin: string;
	let admin2: string;
	let docName: string;
	const clients: CollabClient[] = [];
	const connect = (auth: { cookie?: string; token?: string }, name = docName) => {
		const c = connectDoc(app, name, auth);
		clients.push(c);
		return c;
	};

	beforeAll(async () => {
		app = await startTestApp(kind, { COLLAB_MAX_MESSAGE_BYTES: String(MAX_MESSAGE) });
		docName = calendarDocName(app.orgId);
		const sql = app.runtime.db.sql;
		const [u] = await sql<{ id: string }[]>`insert into users (email, name, password_hash)
			values ('second.admin@northfield.test', 'Blake Second', ${await hashPassword('second-admin-pw')}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
		admin = await app.login(DEMO_ACCOUNTS.admin.email);
		admin2 = await app.login('second.admin@northfield.test', 'second-admin-pw');
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		await app?.close();
	});

	/** A copy of a seeded interview moved to a fresh slot, as a browser would create it. */
	function newInterviewLike(doc: CollabClient['doc'], hoursAhead: number): Interview {
		const base = listInterviews(doc).find((i) => i.status === 'scheduled')!;
		return {
			...base,
			id: crypto.randomUUID(),
			round: 2 + Math.floor(Math.random() * 10),
			start: new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + hoursAhead * 3600_000).toISOString(),
			updatedAt: new Date().toISOString()
		};
	}

	it('lets two admins converge on the calendar document', async () => {
		const a = connect({ cookie: admin });
		const b = connect({ cookie: admin2 });
		await Promise.all([a.ready, b.ready]);
		expect(listInterviews(a.doc).length).toBeGreaterThanOrEqual(5);
		const created = newInterviewLike(a.doc, 24 * 20);
		expect(createInterview(a.doc, created).ok).toBe(true);
		await eventually(() => getInterview(b.doc, created.id) !== null, 2_000);
		const moved = new Date(Date.parse(created.start) + 3600_000).toISOString();
		expect(updateInterview(b.doc, created.id, { start: moved }, { actor: null, now: new Date() }).ok).toBe(true);
		await eventually(() => getInterview(a.doc, created.id)?.start === moved, 2_000);
		expect(listInterviews(a.doc)).toEqual(listInterviews(b.doc));
	});

	it('projects a live edit into the API with an audit row naming the editing user', async () => {
		const b = connect({ cookie: admin2 });
		await b.ready;
		const created = newInterviewLike(b.doc, 24 * 21);
		createInterview(b.doc, created);
		await eventually(
			async () => (await app.api('GET', `/api/v1/interviews/${created.id}`, admin)).status === 200,
			3_000
		);
		const moved = new Date(Date.parse(created.start) + 2 * 3600_000).toISOString();
		updateInterview(
			b.doc,
			created.id,
			{ start: moved },
			{ actor: null, now: new Date(), reason: 'Room double-booked' }
		);
		await eventually(
			async () => (await app.api('GET', `/api/v1/interviews/${created.id}`, admin)).body.start === moved,
			3_000
		);
		const logs = (await app.api('GET', `/api/v1/interviews/${created.id}/logs`, admin)).body.data;
		expect(logs.map((l: { action: string }) => l.action)).toEqual(['scheduled', 'rescheduled']);
		expect(logs[1]).toMatchObject({
			actor: { name: 'Blake Second' },
			reason: 'Room double-booked',
			new_values: { start: moved }
		});
	});

	it('delivers an API write to a connected client within a second', async () => {
		const a = connect({ cookie: admin });
		await a.ready;
		const target = listInterviews(a.doc).find(
			(i) => i.status === 'scheduled' && Date.parse(i.start) > Date.now() + 86400_000
		)!;
		const t0 = Date.now();
		const res = await app.api('PATCH', `/api/v1/interviews/${target.id}`, admin, { location: 'Library, room 3' });
		expect(res.status).toBe(200);
		await eventually(() => getInterview(a.doc, target.id)?.location === 'Library, room 3', 1_000, 5);
		expect(Date.now() - t0).toBeLessThan(1_000);
	});

	it('refuses an interviewer the calendar document: it holds every candidate’s interview (decision 50)', async () => {
		const interviewer = await app.login(DEMO_ACCOUNTS.interviewers[0]!.email);
		const i = connect({ cookie: interviewer });
		await expect(i.ready).rejects.toThrow(/forbidden/);
	});

	it('refuses a candidate, an unknown document name, another org and an expired token', async () => {
		const candidate = await app.login(DEMO_ACCOUNTS.candidates[0]!.email);
		expect((await app.api('GET', '/api/v1/collab/token', candidate)).status).toBe(403);
		const [cand] = await app.runtime.db.sql<
			{ id: string }[]
		>`select id from users where email = ${DEMO_ACCOUNTS.candidates[0]!.email}`;
		const { token } = await collabTokenFor(app.runtime.db.sql, cand!.id);
		const c = connect({ token });
		await expect(c.ready).rejects.toThrow(/forbidden/);
		const bogus = connect({ cookie: admin }, 'org:../../etc:calendar');
		await expect(bogus.ready).rejects.toThrow(/unknown-document/);
		const otherOrg = connect({ cookie: admin }, calendarDocName(crypto.randomUUID()));
		await expect(otherOrg.ready).rejects.toThrow(/forbidden/);
		const [adm] = await app.runtime.db.sql<
			{ id: string }[]
		>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		const expired = await collabTokenFor(app.runtime.db.sql, adm!.id);
		await app.runtime.db.sql`update collab_tokens set expires_at = now() - interval '1 second'`;
		const late = connect({ token: expired.token });
		await expect(late.ready).rejects.toThrow(/invalid-or-expired-token/);
	});

	it('opens only the organization an API token is bound to, even for an admin of two organizations', async () => {
		const sql = app.runtime.db.sql;
		const [adm] = await sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		const [other] = await sql<{ id: string }[]>`insert into organizations (slug, name, timezone)
			values (${`second-${crypto.randomUUID().slice(0, 8)}`}, 'Second office', 'Europe/Paris') returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${adm!.id}, ${other!.id}, 'admin')`;
		try {
			const created = await app.api('POST', '/api/v1/tokens', admin, { name: 'Sync script' });
			const res = await app.request('/api/v1/collab/token', {
				headers: { authorization: `Bearer ${created.body.token}` }
			});
			const { token, org_id } = (await res.json()) as { token: string; org_id: string };
			expect(org_id).toBe(app.orgId);
			await connect({ token }).ready;
			const refused = connect({ token }, calendarDocName(other!.id));
			await expect(refused.ready).rejects.toThrow(/forbidden/);
		} finally {
			await sql`delete from organizations where id = ${other!.id}`;
		}
	});

	it('closes only the connection that sends an oversized or malformed message', async () => {
		const a = connect({ cookie: admin });
		const b = connect({ cookie: admin2 });
		await Promise.all([a.ready, b.ready]);
		const url = app.url.replace('http', 'ws') + '/collab';
		for (const payload of [Buffer.alloc(MAX_MESSAGE + 1024, 7), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x99])]) {
			const raw = new WebSocket(url);
			await new Promise((r) => raw.once('open', r));
			const closed = new Promise<number>((r) => raw.once('close', (code) => r(code)));
			raw.send(payload);
			const code = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 3_000))]);
			expect(code).not.toBe(-1);
		}
		// A signed-in client that sends garbage down its own socket loses that socket, nobody else.
		const rogue = connect({ cookie: admin2 });
		await rogue.ready;
		const socket = rogue.provider.configuration.websocketProvider;
		socket.shouldConnect = false;
		const rogueClosed = new Promise<void>((r) => socket.on('close', () => r()));
		(socket.webSocket as unknown as { send(d: Uint8Array): void }).send(new Uint8Array([0xff, 0xff, 0xff, 0x0f, 0x01]));
		await Promise.race([rogueClosed, new Promise((_, rej) => setTimeout(() => rej(new Error('not closed')), 3_000))]);
		const created = newInterviewLike(a.doc, 24 * 22);
		createInterview(a.doc, created);
		await eventually(() => getInterview(b.doc, created.id) !== null, 2_000);
	});

	it('keeps every change across a restart of the servers', async () => {
		const a = connect({ cookie: admin });
		await a.ready;
		const created = newInterviewLike(a.doc, 24 * 23);
		createInterview(a.doc, created);
		await eventually(
			async () => (await app.api('GET', `/api/v1/interviews/${created.id}`, admin)).status === 200,
			3_000
		);
		const moved = new Date(Date.parse(created.start) + 3600_000).toISOString();
		updateInterview(a.doc, created.id, { start: moved }, { actor: null, now: new Date() });
		// Restart right away: the debounced store must still happen on shutdown.
		await new Promise((r) => setTimeout(r, 50));
		for (const c of clients.splice(0)) c.close();
		await app.restart();
		const fresh = connect({ cookie: admin });
		await fresh.ready;
		expect(getInterview(fresh.doc, created.id)?.start).toBe(moved);
		await eventually(
			async () => (await app.api('GET', `/api/v1/interviews/${created.id}`, admin)).body.start === moved,
			3_000
		);
	});
});

describe('collab-server persistence', () => {
	it('keeps a document whose store failed in memory and stores it once the database recovers', async () => {
		const app = await startTestApp('embedded');
		try {
			const admin = await app.login(DEMO_ACCOUNTS.admin.email);
			const name = calendarDocName(app.orgId);
			const a = connectDoc(app, name, { cookie: admin });
			await a.ready;
			const sql = app.runtime.db.sql;
			await sql`alter table yjs_documents rename to yjs_documents_away`;
			const target = listInterviews(a.doc).find((i) => i.status === 'scheduled')!;
			updateInterview(a.doc, target.id, { location: 'Stored after the outage' }, { actor: null, now: new Date() });
			// The last client leaves while the store fails: the document must stay loaded.
			await new Promise((r) => setTimeout(r, 300));
			a.close();
			await new Promise((r) => setTimeout(r, 500));
			expect(app.runtime.collab.hocuspocus.documents.has(name)).toBe(true);
			await sql`alter table yjs_documents_away rename to yjs_documents`;
			await eventually(
				async () => {
					const [row] = await sql<{ state: Uint8Array }[]>`select state from yjs_documents where name = ${name}`;
					const Y = await import('yjs');
					const doc = new Y.Doc();
					Y.applyUpdate(doc, new Uint8Array(row!.state));
					return getInterview(doc, target.id)?.location === 'Stored after the outage';
				},
				10_000,
				200
			);
		} finally {
			await app.close();
		}
	});
});
