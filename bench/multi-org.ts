/**
 * Many organizations on one instance: 100 organizations with 3 live admins each, every admin moving
 * their own interview every 5 s, against one organization with the same 300 admins, in the same run.
 * Reports the p99 edit-to-seen (until each other admin of the same calendar has the move), the
 * process's RSS and the event-loop lag (p99 of `monitorEventLoopDelay`) while editing. Clients and
 * server share this process in both runs alike, through Parley's full collab-server (tokens,
 * journal, projection into Postgres with its audit). A third run has one organization storm (its
 * admins move every 50 ms) and reports what the 99 others see.
 *
 *   npm run bench -- multi-org      (BENCH_ORGS, BENCH_ADMINS, BENCH_SECONDS, BENCH_EDIT_MS tune it)
 */
import { pathToFileURL } from 'node:url';
import type { Sql } from '../db/client';
import { calendarDocName, createInterview, getInterview } from '../src/lib/collab/calendar';
import type { Interview } from '../src/lib/domain/types';
import { startTestApp } from '../tests/helpers/app';
import { collabTokenFor, connectTo, eventually } from '../tests/helpers/collab';
import { measureEdits, type EditFigures, type Editor } from './edit-latency';

const ORGS = Number(process.env.BENCH_ORGS ?? 100);
const ADMINS = Number(process.env.BENCH_ADMINS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const EDIT_EVERY_MS = Number(process.env.BENCH_EDIT_MS ?? 5_000);
const WARMUP_MS = 3_000;
const DRAIN_MS = 3_000;
const STORM_EDIT_MS = 50;

/** One organization of the bench: its admins (each with the interview they move) and its calendar. */
interface Org {
	id: string;
	/** How often each of its admins moves their interview; a storm is much faster. */
	editEveryMs: number;
	admins: { id: string; interview: Interview }[];
}

/** Creates an organization with `admins` admins, one interviewer, and one bookable application per admin. */
export async function createOrg(sql: Sql, tag: string, admins: number, editEveryMs = EDIT_EVERY_MS): Promise<Org> {
	return sql.begin(async (tx) => {
		const [org] = await tx<{ id: string }[]>`insert into organizations (slug, name, timezone)
			values (${`bench-${tag}`}, ${`Bench ${tag}`}, 'Europe/Paris') returning id`;
		const orgId = org!.id;
		const [cycle] = await tx<{ id: string }[]>`insert into cycles (org_id, name, starts_on, ends_on)
			values (${orgId}, 'Bench', now() - interval '1 day', now() + interval '200 days') returning id`;
		const user = async (email: string, role: string) => {
			const [u] = await tx<{ id: string }[]>`insert into users (email, name) values (${email}, ${email}) returning id`;
			await tx`insert into memberships (user_id, org_id, role) values (${u!.id}, ${orgId}, ${role})`;
			return u!.id;
		};
		const interviewer = await user(`ivr-${tag}@bench.test`, 'interviewer');
		const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 9);
		const list: Org['admins'] = [];
		for (let i = 0; i < admins; i++) {
			const adminId = await user(`admin-${i}-${tag}@bench.test`, 'admin');
			const candidateId = await user(`cand-${i}-${tag}@bench.test`, 'candidate');
			const [app] = await tx<{ id: string }[]>`insert into applications
				(org_id, cycle_id, candidate_id, status, interview_enabled, online_interview_enabled)
				values (${orgId}, ${cycle!.id}, ${candidateId}, 'selected', true, true) returning id`;
			list.push({
				id: adminId,
				interview: {
					id: crypto.randomUUID(),
					applicationId: app!.id,
					candidateId,
					cycleId: cycle!.id,
					// A day apart: nobody's move ever overlaps another's.
					start: new Date(base + i * 86_400_000).toISOString(),
					durationMin: 45,
					timezone: 'Europe/Paris',
					type: 'video',
					mode: 'online',
					location: '',
					round: 1,
					panel: [interviewer],
					status: 'scheduled',
					rescheduledFrom: null,
					updatedBy: adminId,
					updatedAt: new Date().toISOString()
				}
			});
		}
		return { id: orgId, editEveryMs, admins: list };
	});
}

/**
 * Connects every admin of every organization, then lets each move their interview for SECONDS;
 * the figures count the organizations `measured` accepts (all by default).
 */
async function run(
	url: string,
	sql: Sql,
	orgs: Org[],
	measured: (org: Org) => boolean = () => true
): Promise<EditFigures> {
	const editors: Editor[] = [];
	for (const org of orgs) {
		for (const admin of org.admins) {
			const { token } = await collabTokenFor(sql, admin.id, org.id);
			editors.push({
				client: connectTo(url, calendarDocName(org.id), async () => token),
				interview: admin.interview,
				actor: admin.id,
				everyMs: org.editEveryMs,
				peers: org.admins.length - 1,
				measured: measured(org)
			});
		}
	}
	try {
		await Promise.all(editors.map((e) => e.client.ready));
		for (const { client, interview } of editors) createInterview(client.doc, interview);
		const byOrg = orgs.map((org) => ({
			org,
			clients: editors.filter((e) => org.admins.some((a) => a.id === e.actor))
		}));
		await eventually(
			() =>
				byOrg.every(({ org, clients }) =>
					clients.every((c) => org.admins.every((a) => getInterview(c.client.doc, a.interview.id)))
				),
			120_000,
			100
		);
		return await measureEdits(editors, { warmupMs: WARMUP_MS, seconds: SECONDS, drainMs: DRAIN_MS });
	} finally {
		for (const { client } of editors) client.close();
	}
}

function line(label: string, f: EditFigures): string {
	return `${label}: ${f.seen}/${f.expected} deliveries seen, edit→seen p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, RSS ${f.rssMb.toFixed(0)} MB, event-loop lag p99 ${f.lagP99Ms.toFixed(1)} ms`;
}

export async function main(): Promise<void> {
	const total = ORGS * ADMINS;
	const app = await startTestApp(process.env.BENCH_DB === 'postgres' ? 'postgres' : 'embedded', {
		COLLAB_MAX_PENDING_PER_ADDRESS: String(total + 10)
	});
	try {
		const sql = app.runtime.db.sql;
		const url = app.url.replace('http', 'ws') + '/collab';
		console.log(
			`${ORGS} organizations × ${ADMINS} admins against 1 organization × ${total} admins; each admin moves an interview every ${EDIT_EVERY_MS} ms for ${SECONDS} s`
		);
		const single = await run(url, sql, [await createOrg(sql, 'single', total)]);
		console.log(line(`1 organization, ${total} admins`, single));
		const many: Org[] = [];
		for (let i = 0; i < ORGS; i++) many.push(await createOrg(sql, `org${i}`, ADMINS));
		const spread = await run(url, sql, many);
		console.log(line(`${ORGS} organizations, ${ADMINS} admins each`, spread));
		// One organization storms (its admins move every 50 ms): what do the others see?
		const storm = await createOrg(sql, 'storm', ADMINS, STORM_EDIT_MS);
		const stormed = await run(url, sql, [...many.slice(1), storm], (org) => org !== storm);
		console.log(line(`the other ${ORGS - 1} while one organization storms`, stormed));
		console.log(
			`bench multi-org: p99_ms=${spread.p99.toFixed(1)} single_p99_ms=${single.p99.toFixed(1)} p99_ratio=${(spread.p99 / single.p99).toFixed(2)} rss_ratio=${(spread.rssMb / single.rssMb).toFixed(2)} lag_ratio=${(spread.lagP99Ms / single.lagP99Ms).toFixed(2)} storm_p99_ratio=${(stormed.p99 / spread.p99).toFixed(2)}`
		);
	} finally {
		await app.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main()
		.catch((err: unknown) => {
			console.error(err);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
