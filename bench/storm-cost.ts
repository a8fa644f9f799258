/**
 * What one storming organization costs the embedded database, whose queries run in the app's own
 * thread (decision 83): three admins each move their interview every 50 ms for SECONDS, and the bench
 * counts, per move, the time PGlite spent executing, the statements sent, the audit rows written and
 * the process's CPU, with the projection paced (the default) and unpaced
 * (`COLLAB_PROJECTION_SPACING_MS=0`: each batch as soon as the previous one ends), in the same run.
 * It also lists where PGlite's time went, by statement.
 *
 *   npm run bench -- storm-cost      (BENCH_SECONDS tunes it; embedded database only)
 */
import { PGlite } from '@electric-sql/pglite';
import { pathToFileURL } from 'node:url';
import { calendarDocName, createInterview, getInterview, updateInterview } from '../src/lib/collab/calendar';
import { startTestApp } from '../tests/helpers/app';
import { collabTokenFor, connectTo, eventually } from '../tests/helpers/collab';
import { createOrg } from './multi-org';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORM_EDIT_MS = 50;
const ADMINS = 3;

/** PGlite time by statement: the socket hands it one wire message at a time, so a Bind names the statement that follows. */
class PgliteMeter {
	totalMs = 0;
	readonly byStatement = new Map<string, number>();
	counting = false;
	private readonly names = new Map<string, string>();
	private current = 'other';

	install(): void {
		const proto = PGlite.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
		const original = proto.execProtocolRawStream!;
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const meter = this;
		proto.execProtocolRawStream = async function (this: unknown, ...args: unknown[]) {
			meter.note(args[0] as Uint8Array);
			const started = performance.now();
			try {
				return await original.apply(this, args);
			} finally {
				if (meter.counting) meter.add(performance.now() - started);
			}
		};
	}

	reset(): void {
		this.totalMs = 0;
		this.byStatement.clear();
	}

	private add(ms: number): void {
		this.totalMs += ms;
		this.byStatement.set(this.current, (this.byStatement.get(this.current) ?? 0) + ms);
	}

	/** Remembers which statement the messages that follow belong to (Parse names it, Bind uses it). */
	private note(bytes: Uint8Array): void {
		const text = (from: number) => {
			let end = from;
			while (bytes[end] !== 0 && end < bytes.length) end++;
			return [Buffer.from(bytes.subarray(from, end)).toString(), end + 1] as const;
		};
		const type = String.fromCharCode(bytes[0] ?? 0);
		if (type === 'P') {
			const [name, at] = text(5);
			this.names.set(name, short(text(at)[0]));
			this.current = this.names.get(name)!;
		} else if (type === 'B') {
			const [, at] = text(5);
			this.current = this.names.get(text(at)[0]) ?? 'other';
		} else if (type === 'Q') this.current = short(text(5)[0]);
	}
}

const short = (statement: string) => statement.replace(/\s+/g, ' ').trim().slice(0, 56);

interface StormFigures {
	edits: number;
	pgliteMs: number;
	statements: number;
	auditRows: number;
	cpuMs: number;
	top: [string, number][];
}

/** One app with the given spacing; one organization storms for SECONDS. */
async function stormOnce(meter: PgliteMeter, spacingMs: string): Promise<StormFigures> {
	const app = await startTestApp('embedded', { COLLAB_PROJECTION_SPACING_MS: spacingMs });
	try {
		const sql = app.runtime.db.sql;
		let statements = 0;
		(sql as unknown as { options: { debug?: unknown } }).options.debug = () => {
			if (meter.counting) statements++;
		};
		const org = await createOrg(sql, 'storm', ADMINS, STORM_EDIT_MS);
		const url = app.url.replace('http', 'ws') + '/collab';
		const admins = await Promise.all(
			org.admins.map(async (admin) => {
				const { token } = await collabTokenFor(sql, admin.id, org.id);
				return { admin, client: connectTo(url, calendarDocName(org.id), async () => token) };
			})
		);
		await Promise.all(admins.map((a) => a.client.ready));
		for (const { admin, client } of admins) createInterview(client.doc, admin.interview);
		await eventually(
			() => admins.every(({ client }) => org.admins.every((a) => getInterview(client.doc, a.interview.id))),
			60_000,
			100
		);
		await new Promise((r) => setTimeout(r, 2_000));
		const audited = async () =>
			(await sql<{ n: number }[]>`select count(*)::int as n from interview_logs where org_id = ${org.id}`)[0]!.n;
		const auditBefore = await audited();
		let edits = 0;
		meter.reset();
		meter.counting = true;
		const cpu = process.cpuUsage();
		const timers: NodeJS.Timeout[] = [];
		admins.forEach(({ admin, client }, i) => {
			const move = () => {
				const iv = admin.interview;
				const later = new Date(Date.parse(iv.start) + 30 * 60_000).toISOString();
				const start = getInterview(client.doc, iv.id)?.start === later ? iv.start : later;
				updateInterview(client.doc, iv.id, { start }, { actor: admin.id, now: new Date() });
				edits++;
			};
			timers.push(setTimeout(() => timers.push(setInterval(move, STORM_EDIT_MS)), (i * STORM_EDIT_MS) / ADMINS));
		});
		await new Promise((r) => setTimeout(r, SECONDS * 1_000));
		for (const t of timers) clearInterval(t);
		// The last moves' journal and projection belong to the storm too.
		await app.runtime.collab.projection.flush(org.id);
		meter.counting = false;
		const used = process.cpuUsage(cpu);
		const auditAfter = await audited();
		for (const { client } of admins) client.close();
		return {
			edits,
			pgliteMs: meter.totalMs,
			statements,
			auditRows: auditAfter - auditBefore,
			cpuMs: (used.user + used.system) / 1_000,
			top: [...meter.byStatement].sort((a, b) => b[1] - a[1]).slice(0, 8)
		};
	} finally {
		await app.close();
	}
}

function report(label: string, f: StormFigures): void {
	const per = (n: number) => (n / f.edits).toFixed(2);
	console.log(
		`${label}: ${f.edits} moves; per move PGlite ${per(f.pgliteMs)} ms, ${per(f.statements)} statements, ${per(f.auditRows)} audit rows, process CPU ${per(f.cpuMs)} ms`
	);
	for (const [statement, ms] of f.top)
		console.log(`  ${((100 * ms) / f.pgliteMs).toFixed(0).padStart(3)}%  ${statement}`);
}

export async function main(): Promise<void> {
	const meter = new PgliteMeter();
	meter.install();
	console.log(`one organization, ${ADMINS} admins each moving an interview every ${STORM_EDIT_MS} ms for ${SECONDS} s`);
	const unpaced = await stormOnce(meter, '0');
	report('unpaced (each batch when the previous one ends)', unpaced);
	const paced = await stormOnce(meter, process.env.COLLAB_PROJECTION_SPACING_MS ?? '250');
	report('paced (the default)', paced);
	const ratio = (a: number, b: number) => (a / paced.edits / (b / unpaced.edits)).toFixed(2);
	console.log(
		`bench storm-cost: pglite_ms_per_move=${(paced.pgliteMs / paced.edits).toFixed(2)} unpaced_pglite_ms_per_move=${(unpaced.pgliteMs / unpaced.edits).toFixed(2)} pglite_ratio=${ratio(paced.pgliteMs, unpaced.pgliteMs)} statements_ratio=${ratio(paced.statements, unpaced.statements)} audit_ratio=${ratio(paced.auditRows, unpaced.auditRows)} cpu_ratio=${ratio(paced.cpuMs, unpaced.cpuMs)}`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
