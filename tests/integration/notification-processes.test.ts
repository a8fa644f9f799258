/**
 * Reminders exactly once, with real processes on one Postgres (`node --import tsx server/index.ts`,
 * what `npm start` runs), delivered to a real SMTP server:
 *  - two instances whose job runners and outbox workers all run at once send each reminder once;
 *  - an instance killed with SIGKILL while the mail server still holds its message (the send in
 *    flight) loses nothing: another instance takes the message over when its lease runs out and
 *    the server accepts it once, with the Message-ID of the attempt that died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { migrate } from '../../db/migrate';
import { DEMO_ACCOUNTS, seedDemo } from '../../db/seed';
import { loadConfig } from '../../server/config';
import { startParley } from '../../server/http';
import type { TestApp } from '../helpers/app';
import { bookDirect } from '../helpers/calendar';
import { eventually } from '../helpers/collab';
import { createTestDatabase, databaseKinds } from '../helpers/db';
import { startSmtpSink, type Delivered, type SmtpSink } from '../helpers/smtp';

const ROOT = resolve(import.meta.dirname, '../..');
const multi = (await databaseKinds()).includes('postgres');
const C = DEMO_ACCOUNTS.candidates.map((c) => c.email);
const [INES, MARCO, PRIYA] = DEMO_ACCOUNTS.interviewers.map((i) => i.email) as [string, string, string];

interface Instance {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

/** Starts `server/index.ts` in its own process and waits until it serves. */
async function launch(env: Record<string, string>): Promise<Instance> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PARLEY_AUTO_BUILD: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
	await new Promise<void>((res, rej) => {
		const timer = setTimeout(() => rej(new Error(`no URL within 60 s:\n${out}`)), 60_000);
		child.stdout!.on('data', () => {
			if (/running at http/.test(out)) {
				clearTimeout(timer);
				res();
			}
		});
		void exited.then((code) => rej(new Error(`exited with ${code} before serving:\n${out}`)));
	});
	return { child, output: () => out, exited };
}

async function stop(i: Instance) {
	if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
	await i.exited;
}

const addresses = (d: Delivered) =>
	(Array.isArray(d.mail.to) ? d.mail.to : [d.mail.to]).flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []);

describe.skipIf(!multi)('reminders exactly once with real processes on Postgres', () => {
	let db: Database;
	let sink: SmtpSink;
	const running: Instance[] = [];

	beforeAll(async () => {
		db = await createTestDatabase('postgres');
		await migrate(db.sql);
		await seedDemo(db.sql);
		sink = await startSmtpSink();
	}, 120_000);
	afterAll(async () => {
		for (const r of running) await stop(r);
		await sink?.stop();
		await db?.close();
	});

	/**
	 * Books interviews starting in 50 minutes, as if booked two days ago (their audit rows are moved
	 * back), so the hour-before reminder is due as soon as a job runner looks. Returns their ids.
	 */
	async function bookSoon(candidates: string[], panel: string[]): Promise<string[]> {
		const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: '0', PARLEY_JOBS: '0' });
		const booking = await startParley({ config, db, log: () => {} });
		const [org] = await db.sql<{ id: string }[]>`select id from organizations`;
		try {
			const ids = await bookDirect(
				{ runtime: booking.runtime, orgId: org!.id } as TestApp,
				candidates.map((candidate, k) => ({
					candidate,
					startInMin: 50 + k,
					durationMin: 30,
					mode: 'online',
					panel,
					round: 5
				}))
			);
			await db.sql`update interview_logs set created_at = created_at - interval '2 days' where interview_id = any(${ids}::uuid[])`;
			// What the booking itself queued (the schedule emails) is not what these tests count: send it away.
			await booking.runtime.outbox.drain();
			return ids;
		} finally {
			await booking.close();
		}
	}

	/** What the mail server accepted of these outbox rows (a Message-ID is `<row id@sender domain>`). */
	function delivered(rows: { id: string }[]) {
		const wanted = new Set(rows.map((r) => `<${r.id}@parley.local>`));
		return sink.delivered.filter((d) => wanted.has(d.mail.messageId ?? ''));
	}

	async function reminderRows(ids: string[]) {
		return db.sql<{ id: string; status: string; to_address: string }[]>`
			select id, status, to_address from outbox where interview_id = any(${ids}::uuid[]) and kind = 'reminder_1h'`;
	}

	it('sends each reminder once while two instances run their jobs and workers at the same time', async () => {
		const ids = await bookSoon([C[0]!, C[1]!, C[2]!], [INES, MARCO]);
		const env = { DATABASE_URL: db.url, SMTP_URL: sink.url, PARLEY_JOBS: '1', OUTBOX_POLL_MS: '200' };
		const pair = await Promise.all([launch(env), launch(env)]);
		running.push(...pair);
		try {
			// Each interview: its candidate and two interviewers.
			await eventually(
				async () => {
					const rows = await reminderRows(ids);
					return rows.length === 9 && rows.every((r) => r.status === 'sent');
				},
				60_000,
				250
			);
			// Let any second pass or second worker finish before counting.
			await new Promise((r) => setTimeout(r, 1_500));
			expect(await reminderRows(ids)).toHaveLength(9);
			const got = delivered(await reminderRows(ids));
			expect(got).toHaveLength(9);
			expect(new Set(got.map((d) => d.mail.messageId)).size).toBe(9);
			for (const email of [C[0]!, C[1]!, C[2]!])
				expect(got.filter((d) => addresses(d).includes(email))).toHaveLength(1);
			for (const email of [INES, MARCO]) expect(got.filter((d) => addresses(d).includes(email))).toHaveLength(3);
		} finally {
			// Stopped here, so that the next test meets no worker holding a message.
			for (const r of pair) await stop(r);
		}
	}, 120_000);

	it('re-sends a message whose instance was killed mid-send, once, with the same Message-ID', async () => {
		const ids = await bookSoon([C[3]!], [PRIYA]);
		sink.mode = 'stall';
		const arrivedBefore = sink.arrived;
		const env = {
			DATABASE_URL: db.url,
			SMTP_URL: sink.url,
			PARLEY_JOBS: '1',
			OUTBOX_POLL_MS: '200',
			OUTBOX_LEASE_MS: '4000'
		};
		const doomed = await launch(env);
		running.push(doomed);
		// The mail server has the message and has not answered: the send is in flight.
		await eventually(async () => sink.arrived > arrivedBefore, 60_000, 100).catch((err: unknown) => {
			throw new Error(`${String(err)}\n${doomed.output()}`);
		});
		const inFlight = (await reminderRows(ids)).filter((r) => r.status === 'sending');
		expect(inFlight.length).toBeGreaterThan(0);
		doomed.child.kill('SIGKILL');
		expect(await doomed.exited).toBeNull();
		// The server never answered the dead sender, so it did not deliver.
		sink.mode = 'accept';
		expect(delivered(await reminderRows(ids))).toHaveLength(0);

		const heir = await launch(env);
		running.push(heir);
		await eventually(
			async () => {
				const rows = await reminderRows(ids);
				return rows.length === 2 && rows.every((r) => r.status === 'sent');
			},
			60_000,
			250
		).catch(async (err: unknown) => {
			throw new Error(
				`${String(err)}\n${JSON.stringify(await db.sql`select id, status, attempts, last_error, lease_until from outbox where interview_id = any(${ids}::uuid[])`)}\n${heir.output()}`
			);
		});
		await new Promise((r) => setTimeout(r, 1_000));
		const got = delivered(await reminderRows(ids));
		expect(got.map(addresses).flat().sort()).toEqual([C[3]!, PRIYA].sort());
		// The message that was in flight went out under the Message-ID its first attempt had.
		for (const row of inFlight) expect(got.map((d) => d.mail.messageId)).toContain(`<${row.id}@parley.local>`);
		await stop(heir);
	}, 120_000);
});
