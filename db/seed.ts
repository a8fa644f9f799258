/**
 * Demo data. The core: one admissions office, one active cycle, an admin, three interviewers and
 * twelve candidates whose applications are spread over the pipeline, with five interviews; the tests
 * rely on exactly these. The full demo (`npm start`, `npm run db:seed`) adds on top of them what shows
 * the calendar at work (db/demo/): six interviewers in three zones, about forty-five applicants, about
 * sixty interviews over the past week and the next three, two conflicts, and scorecards
 * (`completeDemo`, once the projection has made the rows). Idempotent: it does nothing when the demo
 * organization exists.
 */
import { hash } from '@node-rs/argon2';
import * as Y from 'yjs';
import { calendarDocName, createInterview } from '../src/lib/collab/calendar';
import { zonedWallTimeToUtc } from '../src/lib/domain/time';
import type { Interview } from '../src/lib/domain/types';
import type { Sql } from './client';
import { addFullDemo } from './demo/full';
export { completeDemo } from './demo/complete';
import type { DemoInterviewer } from './demo/plan';
import { businessDay, type FixedInterview } from './demo/schedule';

export const DEMO_PASSWORD = 'parley-demo';
export const DEMO_ORG_SLUG = 'northfield-admissions';

interface DemoCandidate {
	email: string;
	name: string;
	status: string;
	interview: boolean;
	online: boolean;
	booked?: { days: number; at: string; panel: number[]; status: 'scheduled' | 'completed' };
}

export const DEMO_ACCOUNTS = {
	admin: { email: 'admin@northfield.test', name: 'Avery Admin' },
	interviewers: [
		{ email: 'ines@northfield.test', name: 'Ines Okafor', timezone: 'America/New_York' },
		{ email: 'marco@northfield.test', name: 'Marco Bianchi', timezone: 'Europe/Rome' },
		{ email: 'priya@northfield.test', name: 'Priya Raman', timezone: 'America/Los_Angeles' }
	],
	// `booked`: days from today (org zone, business days for the future) and hour of the seeded interview.
	candidates: [
		{ email: 'sam@student.test', name: 'Sam Carter', status: 'selected', interview: true, online: true },
		{ email: 'lena@student.test', name: 'Lena Fischer', status: 'selected', interview: true, online: true },
		{ email: 'tomas@student.test', name: 'Tomás Herrera', status: 'selected', interview: true, online: false },
		{ email: 'aiko@student.test', name: 'Aiko Tanaka', status: 'selected', interview: false, online: false },
		{ email: 'noah@student.test', name: 'Noah Williams', status: 'pending', interview: false, online: false },
		{ email: 'fatima@student.test', name: 'Fatima Zahra', status: 'pending', interview: false, online: false },
		{
			email: 'oliver@student.test',
			name: 'Oliver Brown',
			status: 'interview_scheduled',
			interview: true,
			online: true,
			booked: { days: 1, at: '10:00', panel: [0, 1], status: 'scheduled' }
		},
		{
			email: 'mei@student.test',
			name: 'Mei Chen',
			status: 'interview_scheduled',
			interview: true,
			online: true,
			booked: { days: 2, at: '14:00', panel: [2], status: 'scheduled' }
		},
		{
			email: 'jonas@student.test',
			name: 'Jonas Berg',
			status: 'interview_scheduled',
			interview: true,
			online: false,
			booked: { days: 3, at: '11:30', panel: [0, 2], status: 'scheduled' }
		},
		{
			email: 'grace@student.test',
			name: 'Grace Adeyemi',
			status: 'approved',
			interview: true,
			online: true,
			booked: { days: -6, at: '15:00', panel: [1], status: 'completed' }
		},
		{
			email: 'diego@student.test',
			name: 'Diego Santos',
			status: 'rejected',
			interview: true,
			online: false,
			booked: { days: -9, at: '09:30', panel: [0], status: 'completed' }
		},
		{ email: 'hana@student.test', name: 'Hana Kim', status: 'rejected', interview: false, online: false }
	]
} as const;

/** Whether the database holds no organization at all (a fresh embedded database). */
export async function isEmpty(sql: Sql): Promise<boolean> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from organizations`;
	return (row?.n ?? 0) === 0;
}

export const ORG_TZ = 'America/New_York';

/** The core interviewers as the full demo's plans name them (ines, marco, priya). */
export const CORE_INTERVIEWERS: readonly DemoInterviewer[] = DEMO_ACCOUNTS.interviewers.map((i) => ({
	key: i.email.split('@')[0] as DemoInterviewer['key'],
	email: i.email,
	timezone: i.timezone
}));

/** The start of a core demo interview: its business day from today and its time, in the org's zone. */
function coreStart(now: Date, booked: { days: number; at: string }): string {
	return zonedWallTimeToUtc(businessDay(now, booked.days, ORG_TZ), booked.at, ORG_TZ).toISOString();
}

/** The core demo's interviews for `now`, people by email (what the full demo keeps clear of). */
export function coreFixed(now: Date): FixedInterview[] {
	return DEMO_ACCOUNTS.candidates.flatMap((c) => {
		const b = (c as DemoCandidate).booked;
		if (!b) return [];
		const panel = b.panel.map((i) => DEMO_ACCOUNTS.interviewers[i]!.email);
		return [{ start: coreStart(now, b), durationMin: CORE_DURATION_MIN, people: [...panel, c.email] }];
	});
}

const CORE_DURATION_MIN = 45;

export interface SeedOptions {
	/** Today, as far as the demo's dates go. */
	now?: Date;
	/** `core`: the people and interviews the tests rely on; `full`: the core and the rest of the demo. */
	demo?: 'core' | 'full';
}

/**
 * Seeds the demo organization unless it exists; returns its id when it seeded (else null). The
 * interviews go into the calendar document's stored state, written in this one transaction; the
 * projection fills the tables when the document is first loaded (the runtime loads it right after
 * seeding, then calls `completeDemo` for the full demo).
 */
export async function seedDemo(sql: Sql, opts: SeedOptions = {}): Promise<string | null> {
	const now = opts.now ?? new Date();
	// One hash for every demo account: argon2 is slow on purpose, and they share the password.
	const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
	return sql.begin(async (tx) => {
		const [existing] = await tx`select id from organizations where slug = ${DEMO_ORG_SLUG}`;
		if (existing) return null;
		const [org] = await tx<{ id: string }[]>`insert into organizations (slug, name, timezone)
			values (${DEMO_ORG_SLUG}, 'Northfield University Admissions', ${ORG_TZ}) returning id`;
		const orgId = org!.id;
		const year = now.getUTCFullYear();
		const [cycle] = await tx<{ id: string }[]>`insert into cycles (org_id, name, starts_on, ends_on, status)
			values (${orgId}, ${`Fall ${year + 1} Graduate Admissions`}, ${new Date(now.getTime() - 30 * 86400_000)},
				${new Date(now.getTime() + 150 * 86400_000)}, 'active') returning id`;
		const addUser = async (email: string, name: string, role: string, timezone: string | null, withPassword = true) => {
			const [u] = await tx<{ id: string }[]>`insert into users (email, name, password_hash, timezone)
				values (${email}, ${name}, ${withPassword ? passwordHash : null}, ${timezone}) returning id`;
			await tx`insert into memberships (user_id, org_id, role) values (${u!.id}, ${orgId}, ${role})`;
			return u!.id;
		};
		const adminId = await addUser(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.name, 'admin', ORG_TZ);
		const ids = new Map<string, string>();
		const interviewerIds: string[] = [];
		for (const i of DEMO_ACCOUNTS.interviewers) {
			interviewerIds.push(await addUser(i.email, i.name, 'interviewer', i.timezone));
			ids.set(i.email, interviewerIds.at(-1)!);
		}
		const doc = new Y.Doc();
		for (const c of DEMO_ACCOUNTS.candidates) {
			const id = await addUser(c.email, c.name, 'candidate', null);
			ids.set(c.email, id);
			const [app] = await tx<
				{ id: string }[]
			>`insert into applications (org_id, cycle_id, candidate_id, status, interview_enabled, online_interview_enabled)
				values (${orgId}, ${cycle!.id}, ${id}, ${c.status}, ${c.interview}, ${c.online}) returning id`;
			const b = (c as DemoCandidate).booked;
			if (!b) continue;
			const interview: Interview = {
				id: crypto.randomUUID(),
				applicationId: app!.id,
				candidateId: id,
				cycleId: cycle!.id,
				start: coreStart(now, b),
				durationMin: CORE_DURATION_MIN,
				timezone: ORG_TZ,
				type: c.online ? 'video' : 'in_person',
				mode: c.online ? 'online' : 'offline',
				location: c.online ? '' : 'Admissions Office, Hall B, room 204',
				round: 1,
				panel: b.panel.map((i) => interviewerIds[i]!),
				status: b.status,
				rescheduledFrom: null,
				updatedBy: adminId,
				updatedAt: now.toISOString()
			};
			createInterview(doc, interview);
		}
		if (opts.demo === 'full') {
			await addFullDemo(tx as unknown as Sql, {
				now,
				orgZone: ORG_TZ,
				orgId,
				cycleId: cycle!.id,
				adminId,
				passwordHash,
				ids,
				doc,
				coreInterviewers: CORE_INTERVIEWERS,
				fixed: coreFixed(now)
			});
		}
		await tx`insert into yjs_documents (name, state) values (${calendarDocName(orgId)}, ${Y.encodeStateAsUpdate(doc)})`;
		return orgId;
	});
}
