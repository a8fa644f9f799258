/**
 * Demo data: one admissions office, one active cycle, an admin, three interviewers and twelve
 * candidates whose applications are spread over the pipeline. Idempotent: it does nothing when the
 * demo organization exists.
 */
import { hash } from '@node-rs/argon2';
import * as Y from 'yjs';
import { calendarDocName, createInterview } from '../src/lib/collab/calendar';
import { addDaysToYmd, isoWeekdayOfYmd, zonedDate, zonedWallTimeToUtc } from '../src/lib/domain/time';
import type { Interview } from '../src/lib/domain/types';
import type { Sql } from './client';

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

const ORG_TZ = 'America/New_York';

/** The n-th business day from today in the org's zone (negative: back in time). */
function businessDay(now: Date, n: number): string {
	let ymd = zonedDate(now, ORG_TZ);
	const step = n >= 0 ? 1 : -1;
	for (let left = Math.abs(n); left > 0;) {
		ymd = addDaysToYmd(ymd, step);
		if (isoWeekdayOfYmd(ymd) <= 5) left--;
	}
	return ymd;
}

/**
 * Seeds the demo organization unless it exists; returns its id when it seeded (else null). The
 * interviews go into the calendar document's stored state; the projection fills the tables when the
 * document is first loaded (the runtime loads it right after seeding).
 */
export async function seedDemo(sql: Sql, now = new Date()): Promise<string | null> {
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
		const interviewerIds: string[] = [];
		for (const i of DEMO_ACCOUNTS.interviewers)
			interviewerIds.push(await addUser(i.email, i.name, 'interviewer', i.timezone));
		const doc = new Y.Doc();
		for (const c of DEMO_ACCOUNTS.candidates) {
			const id = await addUser(c.email, c.name, 'candidate', null);
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
				start: zonedWallTimeToUtc(businessDay(now, b.days), b.at, ORG_TZ).toISOString(),
				durationMin: 45,
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
		await tx`insert into yjs_documents (name, state) values (${calendarDocName(orgId)}, ${Y.encodeStateAsUpdate(doc)})`;
		return orgId;
	});
}
