/**
 * 1,000 reminders falling due at once, delivered to a local SMTP sink: the notifications job queues
 * them (inbox rows and outbox rows, one transaction), then the outbox worker sends them (claim with
 * `for update skip locked`, render HTML + text, SMTP, mark sent). The baseline, in the same run and to
 * the same sink, is a bare nodemailer loop over the same 1,000 messages already rendered, with the
 * same pool of connections: what sending alone costs.
 *
 *   npm run bench -- outbox          (embedded database; and a real Postgres when one answers)
 *
 * The last line of each database is machine-readable.
 */
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { openDatabase, type Database } from '../db/client';
import { migrate } from '../db/migrate';
import { seedDemo } from '../db/seed';
import { renderMail } from '../src/lib/server/mail/render';
import { createMailTransport } from '../src/lib/server/mail/transport';
import { queueDueNotifications } from '../src/lib/server/notifications/due';
import { readPayload, type OutboxRow } from '../src/lib/server/notifications/outbox';
import { createOutboxWorker, OUTBOX_DEFAULTS } from '../src/lib/server/notifications/worker';

const INTERVIEWS = 250;
/** Each interview: its candidate and three interviewers. */
const PER_INTERVIEW = 4;
const MESSAGES = INTERVIEWS * PER_INTERVIEW;
const CONCURRENCY = OUTBOX_DEFAULTS.concurrency;
const FROM = 'Parley <no-reply@parley.local>';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An SMTP server that accepts everything and counts it (reads each message to its end, parses nothing). */
async function startSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
	let received = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		size: 10 * 1024 * 1024,
		onData(stream, _session, callback) {
			stream.on('data', () => {});
			stream.on('end', () => {
				received++;
				callback();
			});
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		received: () => received,
		close: () => new Promise((r) => server.close(() => r()))
	};
}

/** Interviews starting in 50 minutes, booked two days ago (their hour-before reminder is due now). */
async function bookInterviews(db: Database, start: Date): Promise<void> {
	const sql = db.sql;
	const [org] = await sql<{ id: string }[]>`select id from organizations`;
	const apps = await sql<{ id: string; cycle_id: string; candidate_id: string }[]>`
		select id, cycle_id, candidate_id from applications where org_id = ${org!.id} order by id`;
	const panel = (
		await sql<{ user_id: string }[]>`
		select user_id from memberships where org_id = ${org!.id} and role = 'interviewer' order by user_id`
	).map((r) => r.user_id);
	const rows = Array.from({ length: INTERVIEWS }, (_, k) => {
		const a = apps[k % apps.length]!;
		return {
			id: crypto.randomUUID(),
			application_id: a.id,
			cycle_id: a.cycle_id,
			candidate_id: a.candidate_id,
			// Rounds keep the same application's interviews apart.
			round: 100 + k
		};
	});
	const end = new Date(start.getTime() + 30 * 60_000);
	await sql`insert into interviews (id, org_id, application_id, cycle_id, candidate_id, start_at, end_at, duration_min,
			timezone, type, mode, location, round, status)
		select r.id, ${org!.id}, r.application_id, r.cycle_id, r.candidate_id, ${start}, ${end}, 30,
			'America/New_York', 'video', 'online', '', r.round, 'scheduled'
		from jsonb_to_recordset(${sql.json(rows as never)}) as r(id uuid, application_id uuid, cycle_id uuid,
			candidate_id uuid, round int)`;
	const pairs = rows.flatMap((r) => panel.slice(0, PER_INTERVIEW - 1).map((u) => ({ interview_id: r.id, user_id: u })));
	await sql`insert into interview_panel (interview_id, user_id)
		select p.interview_id, p.user_id from jsonb_to_recordset(${sql.json(pairs as never)}) as p(interview_id uuid, user_id uuid)`;
	await sql`insert into interview_logs (org_id, interview_id, action, created_at)
		select ${org!.id}, r.id, 'scheduled', now() - interval '2 days'
		from jsonb_to_recordset(${sql.json(rows as never)}) as r(id uuid)`;
}

interface Run {
	queueMs: number;
	drainMs: number;
	sent: number;
}

/** The path under test: the job queues the reminders, the worker drains them to the sink. */
async function outboxRun(
	db: Database,
	smtpUrl: string,
	now: Date
): Promise<{ run: Run; rendered: ReturnType<typeof renderMail>[]; to: string[] }> {
	const t0 = performance.now();
	const due = await queueDueNotifications({ sql: db.sql }, now);
	const queueMs = performance.now() - t0;
	if (due.queued < MESSAGES) throw new Error(`expected ${MESSAGES} reminders queued, got ${due.queued}`);
	// The same messages, rendered, for the baseline.
	const rows = await db.sql<OutboxRow[]>`select * from outbox where kind = 'reminder_1h' and status = 'queued'`;
	const rendered = rows.map((r) =>
		renderMail(readPayload(r)!, { origin: 'http://localhost:3000', organizerEmail: 'no-reply@parley.local' })
	);
	const transport = createMailTransport({ smtpUrl, from: FROM, maxConnections: CONCURRENCY, log: () => {} });
	const worker = createOutboxWorker({
		sql: db.sql,
		transport,
		from: FROM,
		origin: () => 'http://localhost:3000',
		embedded: db.kind === 'embedded',
		concurrency: CONCURRENCY,
		log: () => {}
	});
	const t1 = performance.now();
	let sent = 0;
	for (;;) {
		const r = await worker.drain();
		sent += r.sent;
		if (r.sent === 0) break;
	}
	const drainMs = performance.now() - t1;
	transport.close();
	return { run: { queueMs, drainMs, sent }, rendered, to: rows.map((r) => r.to_address) };
}

/** The baseline: nodemailer alone, the same pool, the same messages. */
async function bareRun(smtpUrl: string, rendered: ReturnType<typeof renderMail>[], to: string[]): Promise<number> {
	const transport = createTransport({ url: smtpUrl, pool: true, maxConnections: CONCURRENCY, maxMessages: 500 });
	const queue = rendered.map((m, i) => ({ m, to: to[i]! }));
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			for (let job = queue.shift(); job; job = queue.shift()) {
				await transport.sendMail({
					from: FROM,
					to: job.to,
					subject: job.m.subject,
					text: job.m.text,
					html: job.m.html
				});
			}
		})
	);
	const ms = performance.now() - t0;
	transport.close();
	return ms;
}

async function realPostgres(): Promise<string | null> {
	const probe = postgres(PG_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
	try {
		await probe`select 1`;
		const name = `parley_bench_${Date.now()}`;
		await probe.unsafe(`create database ${name}`);
		const url = new URL(PG_URL);
		url.pathname = `/${name}`;
		return url.toString();
	} catch {
		return null;
	} finally {
		await probe.end({ timeout: 1 }).catch(() => {});
	}
}

async function benchOn(kind: 'embedded' | 'postgres', url?: string) {
	const db = await openDatabase(url ? { url, maxConnections: 10 } : { dataDir: 'memory://' });
	const sink = await startSink();
	try {
		await migrate(db.sql);
		await seedDemo(db.sql);
		const now = new Date();
		await bookInterviews(db, new Date(now.getTime() + 50 * 60_000));
		const { run, rendered, to } = await outboxRun(db, sink.url, now);
		const bareMs = await bareRun(sink.url, rendered, to);
		const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
		console.log(
			`${kind}: ${MESSAGES} reminders queued by the job in ${run.queueMs.toFixed(0)} ms; the outbox worker drained ${run.sent} in ${run.drainMs.toFixed(0)} ms (${rate(run.sent, run.drainMs)} msg/s); a bare nodemailer loop sent the same ${rendered.length} in ${bareMs.toFixed(0)} ms (${rate(rendered.length, bareMs)} msg/s); the sink received ${sink.received()}`
		);
		console.log(
			`bench outbox ${kind}: messages=${MESSAGES} queue_ms=${run.queueMs.toFixed(0)} drain_ms=${run.drainMs.toFixed(0)} outbox_msgs_per_s=${rate(run.sent, run.drainMs)} bare_ms=${bareMs.toFixed(0)} bare_msgs_per_s=${rate(rendered.length, bareMs)} ratio=${(run.drainMs / bareMs).toFixed(2)}`
		);
		if (run.sent !== MESSAGES) throw new Error(`the worker sent ${run.sent} of ${MESSAGES}`);
	} finally {
		await sink.close();
		await db.close();
		if (url) {
			const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
			await admin.end({ timeout: 2 });
		}
	}
}

export async function main(): Promise<void> {
	console.log(
		`${MESSAGES} hour-before reminders (${INTERVIEWS} interviews × candidate + 3 interviewers), ${CONCURRENCY} SMTP connections`
	);
	await benchOn('embedded');
	const pg = await realPostgres();
	if (pg) await benchOn('postgres', pg);
	else console.log('postgres: not reachable, skipped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((err: unknown) => {
		console.error(err);
		process.exitCode = 1;
	});
}
