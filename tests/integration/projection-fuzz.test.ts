/**
 * Seeded random edits from two admins, each going offline and back at random, must converge, and the
 * projection must then hold exactly what the document says, conflicts included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed';
import {
	calendarDocName,
	createInterview,
	listInterviews,
	setStatus,
	updateInterview
} from '../../src/lib/collab/calendar';
import { ConflictIndex } from '../../src/lib/domain/conflicts';
import type { Interview } from '../../src/lib/domain/types';
import { hashPassword } from '../../src/lib/server/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { connectDoc, eventually, type CollabClient } from '../helpers/collab';
import { databaseKinds } from '../helpers/db';
import { prng } from '../helpers/prng';

const kinds = await databaseKinds();
const SEEDS = [7, 1234];
const STEPS = 40;

describe.each(kinds)('projection under random concurrent and offline edits (%s)', (kind) => {
	let app: TestApp;
	let cookies: string[];
	beforeAll(async () => {
		app = await startTestApp(kind);
		const sql = app.runtime.db.sql;
		const [u] = await sql<{ id: string }[]>`insert into users (email, name, password_hash)
			values ('fuzz.admin@northfield.test', 'Fuzz Admin', ${await hashPassword('fuzz-admin-pw')}) returning id`;
		await sql`insert into memberships (user_id, org_id, role) values (${u!.id}, ${app.orgId}, 'admin')`;
		cookies = [
			await app.login(DEMO_ACCOUNTS.admin.email),
			await app.login('fuzz.admin@northfield.test', 'fuzz-admin-pw')
		];
	});
	afterAll(async () => {
		await app?.close();
	});

	it.each(SEEDS)('converges and projects exactly the document (seed %i)', async (seed) => {
		const rnd = prng(seed);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
		const clients: CollabClient[] = cookies.map((cookie) => connectDoc(app, calendarDocName(app.orgId), { cookie }));
		try {
			await Promise.all(clients.map((c) => c.ready));
			const template = listInterviews(clients[0]!.doc).find((i) => i.status === 'scheduled')!;
			const panelPool = [...new Set(listInterviews(clients[0]!.doc).flatMap((i) => i.panel))];
			const base = Math.ceil(Date.now() / 3600_000) * 3600_000 + 40 * 86400_000 + seed * 3600_000;
			const offline = [false, false];
			for (let step = 0; step < STEPS; step++) {
				const who = rnd() < 0.5 ? 0 : 1;
				const c = clients[who]!;
				const roll = rnd();
				if (roll < 0.1) {
					// Go offline or come back.
					offline[who] = !offline[who];
					if (offline[who]) c.provider.disconnect();
					else await c.provider.connect();
					continue;
				}
				const mine = listInterviews(c.doc).filter((i) => Date.parse(i.start) >= base - 86400_000);
				const opts = { actor: null, now: new Date() };
				if (roll < 0.45 || mine.length === 0) {
					const fresh: Interview = {
						...template,
						id: crypto.randomUUID(),
						round: 2 + Math.floor(rnd() * 50),
						start: new Date(base + Math.floor(rnd() * 12) * 30 * 60_000).toISOString(),
						panel: [pick(panelPool)],
						updatedAt: new Date().toISOString()
					};
					createInterview(c.doc, fresh);
				} else if (roll < 0.75) {
					const target = pick(mine);
					updateInterview(
						c.doc,
						target.id,
						{ start: new Date(base + Math.floor(rnd() * 12) * 30 * 60_000).toISOString() },
						opts
					);
				} else if (roll < 0.9) {
					const target = pick(mine);
					updateInterview(c.doc, target.id, { panel: [pick(panelPool), pick(panelPool)] }, opts);
				} else {
					const target = pick(mine);
					setStatus(c.doc, target.id, 'cancelled', { ...opts, reason: `fuzz ${seed}/${step}` });
				}
				if (rnd() < 0.3) await new Promise((r) => setTimeout(r, 5));
			}
			await Promise.all(clients.map((c, i) => (offline[i] ? c.provider.connect() : Promise.resolve())));
			await eventually(
				() => JSON.stringify(listInterviews(clients[0]!.doc)) === JSON.stringify(listInterviews(clients[1]!.doc)),
				5_000
			);
			const doc = listInterviews(clients[0]!.doc);
			const index = new ConflictIndex(doc);
			let mismatch = '';
			await eventually(
				async () => {
					const rows = (await app.api('GET', '/api/v1/interviews?page_size=200', cookies[0])).body.data as {
						id: string;
						start: string;
						status: string;
						panel: { id: string }[];
						conflicts: { interview_id: string; person_id: string }[];
					}[];
					if (rows.length !== doc.length) {
						mismatch = `rows ${rows.length} vs doc ${doc.length}`;
						return false;
					}
					const byId = new Map(rows.map((r) => [r.id, r]));
					return doc.every((i) => {
						const r = byId.get(i.id);
						const expected = index
							.conflictsFor(i)
							.map((c) => `${c.interviewId}/${c.personId}`)
							.sort();
						const stored = (r?.conflicts ?? []).map((c) => `${c.interview_id}/${c.person_id}`).sort();
						const ok =
							r !== undefined &&
							r.start === i.start &&
							r.status === i.status &&
							JSON.stringify(r.panel.map((p) => p.id).sort()) === JSON.stringify([...i.panel].sort()) &&
							JSON.stringify(stored) === JSON.stringify(expected);
						if (!ok) mismatch = JSON.stringify({ doc: i, row: r, expected });
						return ok;
					});
				},
				8_000,
				100
			).catch((err: Error) => {
				throw new Error(`${err.message}: ${mismatch}`);
			});
			// Every change the projection saw is audited once per interview it created.
			const [logs] = await app.runtime.db.sql<{ n: number }[]>`
				select count(*)::int as n from interview_logs where action = 'scheduled'`;
			expect(logs!.n).toBe(doc.length);
		} finally {
			for (const c of clients) c.close();
		}
	});
});
