/**
 * The full demo, written on top of the core one inside the same seeding transaction: the extra
 * interviewers and applicants in a few bulk statements (one password hash for all, computed by the
 * caller), and their interviews into the same calendar document, through the calendar's own write
 * helpers, at the times `planFullDemo` finds relative to `now`. The projection turns the document into
 * table rows when it is first loaded; `completeDemo` (complete.ts) then adds what hangs on those rows.
 */
import type * as Y from 'yjs';
import { createInterview, setStatus } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import type { Sql } from '../client';
import { EXTRA_APPLICANTS, EXTRA_INTERVIEWERS, OWN_HOURS } from './applicants';
import { allInterviewers, modeOf, planFullDemo, roomOf, roundsOf, wishKey, type FullDemoInput } from './plan';

/** What the core seed made that the full demo builds on. */
export interface CoreDemo extends FullDemoInput {
	orgId: string;
	cycleId: string;
	adminId: string;
	passwordHash: string;
	/** User ids of the core people by email. */
	ids: ReadonlyMap<string, string>;
	/** The calendar document the core interviews are in. */
	doc: Y.Doc;
}

/** Adds the full demo's people, applications and interviews (see the module comment). */
export async function addFullDemo(tx: Sql, core: CoreDemo): Promise<void> {
	const { orgId, now } = core;
	const newcomers = [...EXTRA_INTERVIEWERS, ...EXTRA_APPLICANTS].map((p) => ({
		email: p.email,
		name: p.name,
		password_hash: core.passwordHash,
		timezone: p.timezone
	}));
	const users = await tx<{ id: string; email: string }[]>`
		insert into users ${tx(newcomers, 'email', 'name', 'password_hash', 'timezone')} returning id, email`;
	const idOf = new Map([...core.ids, ...users.map((u) => [u.email, u.id] as const)]);
	const interviewerEmails = new Set<string>(EXTRA_INTERVIEWERS.map((i) => i.email));
	const members = users.map((u) => ({
		user_id: u.id,
		org_id: orgId,
		role: interviewerEmails.has(u.email) ? 'interviewer' : 'candidate'
	}));
	await tx`insert into memberships ${tx(members, 'user_id', 'org_id', 'role')}`;
	for (const i of allInterviewers(core.coreInterviewers)) {
		const hours = OWN_HOURS[i.key];
		if (hours) {
			const value = { startTime: hours.startTime, endTime: hours.endTime, weekdays: [...hours.weekdays] };
			await tx`update users set working_hours = ${tx.json(value)} where id = ${idOf.get(i.email)!}`;
		}
	}
	const applications = EXTRA_APPLICANTS.map((a) => ({
		org_id: orgId,
		cycle_id: core.cycleId,
		candidate_id: idOf.get(a.email)!,
		status: a.status,
		interview_enabled: a.interview,
		online_interview_enabled: a.online
	}));
	const apps = await tx<{ id: string; candidate_id: string }[]>`
		insert into applications ${tx(
			applications,
			'org_id',
			'cycle_id',
			'candidate_id',
			'status',
			'interview_enabled',
			'online_interview_enabled'
		)} returning id, candidate_id`;
	const appOf = new Map(apps.map((a) => [a.candidate_id, a.id]));
	const emailOfKey = new Map(allInterviewers(core.coreInterviewers).map((i) => [i.key, i.email]));

	const starts = planFullDemo(core);
	for (const a of EXTRA_APPLICANTS) {
		const candidateId = idOf.get(a.email)!;
		const times = a.interviews.map((_, n) => starts.get(wishKey(a.email, n))!);
		const rounds = roundsOf(a.interviews, times);
		a.interviews.forEach((i, n) => {
			const mode = modeOf(i, a);
			const interview: Interview = {
				id: crypto.randomUUID(),
				applicationId: appOf.get(candidateId)!,
				candidateId,
				cycleId: core.cycleId,
				start: times[n]!,
				durationMin: i.durationMin,
				timezone: core.orgZone,
				type: i.type,
				mode,
				location: mode === 'online' ? '' : roomOf(i.type),
				round: rounds[n]!,
				panel: i.panel.map((k) => idOf.get(emailOfKey.get(k)!)!),
				// A cancelled one is booked, then cancelled with its reason, as the product records it.
				status: i.status === 'cancelled' ? 'scheduled' : i.status,
				rescheduledFrom: null,
				updatedBy: core.adminId,
				updatedAt: now.toISOString()
			};
			const written = createInterview(core.doc, interview);
			if (!written.ok) throw new Error(`demo interview of ${a.email}: ${written.problem.message}`);
			if (i.status !== 'cancelled') return;
			const cancelled = setStatus(core.doc, interview.id, 'cancelled', {
				actor: core.adminId,
				now,
				reason: i.reason ?? null
			});
			if (!cancelled.ok) throw new Error(`demo interview of ${a.email}: ${cancelled.problem.message}`);
		});
	}
}
