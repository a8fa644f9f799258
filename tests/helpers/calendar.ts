/** Booking straight into an organization's calendar document (in the past, or inside a join window), as the server does. */
import type * as Y from 'yjs';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { createInterview, updateInterview } from '../../src/lib/collab/calendar';
import type { Interview } from '../../src/lib/domain/types';
import type { TestApp } from './app';

/** A start `days` ahead at a round UTC hour (well past the two-hour minimum notice). */
export function futureStart(days: number, hourUtc = 15): string {
	const d = new Date(Date.now() + days * 86400_000);
	d.setUTCHours(hourUtc, 0, 0, 0);
	return d.toISOString();
}

/** Whole minutes from now until `iso` (for `DirectBooking.startInMin`). */
export function minutesUntil(iso: string): number {
	return Math.ceil((Date.parse(iso) - Date.now()) / 60_000);
}

export interface DirectBooking {
	/** The candidate's email (their application in the demo cycle is used). */
	candidate: string;
	/** Minutes from now to the start, rounded down to the minute; negative for the past. */
	startInMin: number;
	mode: 'online' | 'offline';
	/** Panel members' emails; the first demo interviewer by default. */
	panel?: string[];
	durationMin?: number;
	round?: number;
	/** The interview's zone (Europe/Berlin by default). */
	timezone?: string;
	/** Email of the admin named as the writer (the system by default). */
	actor?: string;
	/** Any other field, as written. */
	extra?: Partial<Interview>;
}

/** Writes the interviews through a direct connection as the system, waits for the projection, returns their ids. */
export async function bookDirect(app: TestApp, specs: DirectBooking[]): Promise<string[]> {
	const sql = app.runtime.db.sql;
	const interviews: Interview[] = [];
	const actors = new Map<string, string>();
	for (const s of specs) {
		if (s.actor && !actors.has(s.actor)) {
			const [u] = await sql<{ id: string }[]>`select id from users where email = ${s.actor}`;
			actors.set(s.actor, u!.id);
		}
		const [a] = await sql<{ id: string; cycle_id: string; candidate_id: string }[]>`
			select a.id, a.cycle_id, a.candidate_id from applications a join users u on u.id = a.candidate_id
			where u.email = ${s.candidate} and a.org_id = ${app.orgId}`;
		const emails = s.panel ?? [DEMO_ACCOUNTS.interviewers[0].email];
		const panel = await sql<{ id: string }[]>`select id from users where email = any(${emails}::text[])`;
		interviews.push({
			id: crypto.randomUUID(),
			applicationId: a!.id,
			candidateId: a!.candidate_id,
			cycleId: a!.cycle_id,
			start: new Date(Math.floor((Date.now() + s.startInMin * 60_000) / 60_000) * 60_000).toISOString(),
			durationMin: s.durationMin ?? 30,
			timezone: s.timezone ?? 'Europe/Berlin',
			type: s.mode === 'online' ? 'video' : 'in_person',
			mode: s.mode,
			location: s.mode === 'online' ? '' : 'Room 1',
			round: s.round ?? 1,
			panel: panel.map((p) => p.id),
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: s.actor ? actors.get(s.actor)! : null,
			updatedAt: new Date().toISOString(),
			...s.extra
		});
	}
	const { collab } = app.runtime;
	const connection = await collab.hocuspocus.openDirectConnection(
		await app.runtime.collab.calendarDoc(app.orgId),
		collab.systemContext(app.orgId, (specs[0]?.actor && actors.get(specs[0].actor)) || null)
	);
	try {
		await connection.transact((doc) => {
			for (const i of interviews) {
				const result = createInterview(doc as unknown as Y.Doc, i);
				if (!result.ok) throw new Error(result.problem.message);
			}
		});
		await collab.projection.flush(
			app.orgId,
			interviews.map((i) => i.id)
		);
	} finally {
		await connection.disconnect();
	}
	return interviews.map((i) => i.id);
}

/**
 * Lets time pass for one booked interview: moves its start `minutesAgo` into the past through the
 * document, as the server writes (a scorecard opens only once the interview has started).
 */
export async function startedAgo(app: TestApp, id: string, minutesAgo = 10): Promise<void> {
	const { collab } = app.runtime;
	const connection = await collab.hocuspocus.openDirectConnection(
		await app.runtime.collab.calendarDoc(app.orgId),
		collab.systemContext(app.orgId, null)
	);
	try {
		const start = new Date(Math.floor((Date.now() - minutesAgo * 60_000) / 60_000) * 60_000).toISOString();
		await connection.transact((doc) => {
			const result = updateInterview(doc as unknown as Y.Doc, id, { start }, { actor: null, now: new Date() });
			if (!result.ok) throw new Error(result.problem.message);
		});
		await collab.projection.flush(app.orgId, [id]);
	} finally {
		await connection.disconnect();
	}
	const [row] = await app.runtime.db.sql<{ start_at: Date }[]>`select start_at from interviews where id = ${id}`;
	if (!row || row.start_at.getTime() > Date.now()) throw new Error(`interview ${id} did not move into the past`);
}
