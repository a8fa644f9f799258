/** The notes document `interview:<id>:notes`: who may open it, persistence across restarts, revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { notesDocName } from '../../src/lib/collab/calendar';
import { hashPassword } from '../../src/lib/server/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { collabTokenFor, connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers;
/** The field TipTap's Collaboration extension binds (src/lib/collab/notes.ts). */
const FIELD = 'notes';

/** Appends a paragraph the way TipTap stores one. */
function addParagraph(doc: Y.Doc, text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	const fragment = doc.getXmlFragment(FIELD);
	fragment.insert(fragment.length, [p]);
}
const notesOf = (doc: Y.Doc) => doc.getXmlFragment(FIELD).toString();

describe.each(kinds)('interview notes against the %s database', (kind) => {
	let app: TestApp;
	let cookies: Record<'admin' | 'ines' | 'marco' | 'priya' | 'other', string>;
	let oliverId: string;
	let docName: string;
	const clients: CollabClient[] = [];
	const connect = (auth: { cookie?: string; token?: string }, name = docName) => {
		const c = connectDoc(app, name, auth);
		clients.push(c);
		return c;
	};
	const closeAll = () => {
		for (const c of clients.splice(0)) c.close();
	};

	beforeAll(async () => {
		app = await startTestApp(kind);
		const sql = app.runtime.db.sql;
		const [org] = await sql<{ id: string }[]>`
			insert into organizations (slug, name, timezone) values ('other-school', 'Other School', 'Europe/Paris') returning id`;
		const [u] = await sql<{ id: string }[]>`
			insert into users (email, name, password_hash) values ('head@other.test', 'Other Head', ${await hashPassword('other-head-pw')}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${org!.id}, 'admin')`;
		const [admin, ines, marco, priya, other] = await Promise.all([
			app.login(DEMO_ACCOUNTS.admin.email),
			app.login(INES!.email),
			app.login(MARCO!.email),
			app.login(PRIYA!.email),
			app.login('head@other.test', 'other-head-pw')
		]);
		cookies = { admin: admin!, ines: ines!, marco: marco!, priya: priya!, other: other! };
		oliverId = (await app.api('GET', '/api/v1/interviews?q=Oliver', admin)).body.data[0].id;
		docName = notesDocName(oliverId);
	});
	afterAll(async () => {
		closeAll();
		await app?.close();
	});

	it('lets the panel and the org’s admin open and co-edit the notes', async () => {
		const ines = connect({ cookie: cookies.ines });
		const marco = connect({ cookie: cookies.marco });
		const admin = connect({ cookie: cookies.admin });
		await Promise.all([ines.ready, marco.ready, admin.ready]);
		addParagraph(ines.doc, 'Ines: strong motivation letter');
		addParagraph(marco.doc, 'Marco: asked about the lab');
		await eventually(() => [ines, marco, admin].every((c) => c.doc.getXmlFragment(FIELD).length === 2), 3_000);
		expect(notesOf(admin.doc)).toBe(notesOf(ines.doc));
		expect(notesOf(marco.doc)).toBe(notesOf(ines.doc));
		expect(notesOf(admin.doc)).toContain('Ines: strong motivation letter');
		// The admin writes too (read-write, unlike an interviewer on the calendar).
		addParagraph(admin.doc, 'Admin: transcript received');
		await eventually(() => notesOf(ines.doc).includes('Admin: transcript received'), 3_000);
		closeAll();
	});

	it('refuses an interviewer off the panel, a candidate, another organization and a made-up name', async () => {
		const priya = connect({ cookie: cookies.priya });
		await expect(priya.ready).rejects.toThrow(/forbidden/);
		// A candidate gets no collab token from the API …
		const candidate = await app.login('oliver@student.test');
		expect((await app.api('GET', '/api/v1/collab/token', candidate)).status).toBe(403);
		const noToken = connect({ cookie: candidate });
		await expect(noToken.ready).rejects.toThrow(/invalid-or-expired-token/);
		// … and even with a valid token of theirs the collab-server refuses the notes.
		const [oliver] = await app.runtime.db.sql<
			{ id: string }[]
		>`select id from users where email = 'oliver@student.test'`;
		const { token } = await collabTokenFor(app.runtime.db.sql, oliver!.id);
		const withToken = connect({ token });
		await expect(withToken.ready).rejects.toThrow(/forbidden/);
		const otherOrg = connect({ cookie: cookies.other });
		await expect(otherOrg.ready).rejects.toThrow(/forbidden/);
		const unknown = connect({ cookie: cookies.admin }, notesDocName(crypto.randomUUID()));
		await expect(unknown.ready).rejects.toThrow(/forbidden/);
		const malformed = connect({ cookie: cookies.admin }, `interview:${oliverId.toUpperCase()}:notes`);
		await expect(malformed.ready).rejects.toThrow(/unknown-document/);
		// Nothing any of them did reached the document.
		const ines = connect({ cookie: cookies.ines });
		await ines.ready;
		expect(ines.doc.getXmlFragment(FIELD).length).toBe(3);
		closeAll();
	});

	it('keeps the notes across a restart of the collab-server', async () => {
		const marco = connect({ cookie: cookies.marco });
		await marco.ready;
		addParagraph(marco.doc, 'Marco: written just before the restart');
		await eventually(() => marco.provider.unsyncedChanges === 0, 3_000);
		closeAll();
		await app.restart();
		const [row] = await app.runtime.db.sql<{ n: number }[]>`
			select length(state)::int as n from yjs_documents where name = ${docName}`;
		expect(row?.n).toBeGreaterThan(0);
		const ines = connect({ cookie: cookies.ines });
		await ines.ready;
		const text = notesOf(ines.doc);
		expect(text).toContain('Marco: written just before the restart');
		expect(text).toContain('Ines: strong motivation letter');
		expect(ines.doc.getXmlFragment(FIELD).length).toBe(4);
		closeAll();
	});

	it('closes an open connection when the admin takes the interviewer off the panel', async () => {
		const ines = connect({ cookie: cookies.ines });
		const marco = connect({ cookie: cookies.marco });
		await Promise.all([ines.ready, marco.ready]);
		const reasons: string[] = [];
		ines.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
		const marcoClosed: string[] = [];
		marco.provider.on('close', ({ event }: { event: { reason: string } }) => marcoClosed.push(event.reason));

		const [marcoUser] = await app.runtime.db.sql<{ id: string }[]>`select id from users where email = ${MARCO!.email}`;
		const patch = await app.api('PATCH', `/api/v1/interviews/${oliverId}`, cookies.admin, { panel: [marcoUser!.id] });
		expect(patch.status).toBe(200);
		expect(patch.body.panel.map((p: { name: string }) => p.name)).toEqual([MARCO!.name]);

		await eventually(() => reasons.includes('access-revoked'), 5_000);
		// Ines no longer receives Marco's writing; Marco, still on the panel, stays connected.
		addParagraph(marco.doc, 'Marco: after Ines left the panel');
		await eventually(() => marco.provider.unsyncedChanges === 0, 3_000);
		await new Promise((r) => setTimeout(r, 300));
		expect(notesOf(ines.doc)).not.toContain('after Ines left the panel');
		expect(marcoClosed).toEqual([]);
		// A new connection is refused.
		const again = connect({ cookie: cookies.ines });
		await expect(again.ready).rejects.toThrow(/forbidden/);
		// And the admin still sees everything Marco wrote.
		const admin = connect({ cookie: cookies.admin });
		await admin.ready;
		expect(notesOf(admin.doc)).toContain('after Ines left the panel');
		closeAll();
	});
});
