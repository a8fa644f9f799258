import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createInterview, getInterview, interviewsMap, updateInterview } from '../../src/lib/collab/calendar';
import { resolvePolicy } from '../../src/lib/domain/policy';
import type { ApplicationFacts, Interview } from '../../src/lib/domain/types';
import { planProjection, type ChangeFact, type PlanInput, type RowWrite, type StoredRow } from './plan';
import { coverageOf, entryVersion } from './version';
import { auditView } from './views';

const NOW = Date.parse('2030-03-01T12:00:00.000Z');
const ORG = '00000000-0000-4000-8000-000000000001';
const APP = '00000000-0000-4000-8000-000000000002';
const CANDIDATE = '00000000-0000-4000-8000-000000000003';
const INES = '00000000-0000-4000-8000-000000000004';
const ADMIN = '00000000-0000-4000-8000-000000000005';
const application: ApplicationFacts = {
	id: APP,
	candidateId: CANDIDATE,
	cycleId: '00000000-0000-4000-8000-000000000006',
	status: 'selected',
	interviewEnabled: true,
	onlineInterviewEnabled: true
};

function interview(extra: Partial<Interview> = {}): Interview {
	return {
		id: '00000000-0000-4000-8000-0000000000a1',
		applicationId: APP,
		candidateId: CANDIDATE,
		cycleId: application.cycleId,
		start: new Date(NOW + 3 * 86400_000).toISOString(),
		durationMin: 45,
		timezone: 'Europe/Berlin',
		type: 'video',
		mode: 'online',
		location: '',
		round: 1,
		panel: [INES],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: ADMIN,
		updatedAt: new Date(NOW - 60_000).toISOString(),
		...extra
	};
}

/** The row a write leaves, as the store would read it back. */
function rowOf(w: RowWrite): StoredRow {
	return {
		id: w.id,
		orgId: ORG,
		candidateId: w.candidate_id,
		view: auditView({ ...w, start: w.start_at, durationMin: w.duration_min, panel: w.panel }),
		rescheduledFrom: w.rescheduled_from,
		conflicts: w.conflicts,
		problems: w.problems,
		removed: false,
		updatedBy: w.updated_by,
		updatedAtMs: Date.parse(w.updated_at),
		version: w.version
	};
}

function input(doc: Y.Doc, id: string, rows: StoredRow[], change: Partial<ChangeFact> = {}): PlanInput {
	const entry = getInterview(doc, id);
	return {
		orgId: ORG,
		orgZone: 'America/New_York',
		policy: resolvePolicy(null),
		nowMs: NOW,
		interviewerIds: new Set([INES]),
		applications: new Map([[APP, application]]),
		calendar: entry ? [entry] : [],
		changes: [
			{
				id,
				entry,
				malformed: null,
				version: entryVersion(doc, id),
				reason: null,
				actor: ADMIN,
				notBeforeMs: NOW - 5_000,
				awaitRemote: null,
				...change
			}
		],
		rows: new Map(rows.map((r) => [r.id, r])),
		conflicts: new Map(),
		neighbours: [],
		coverage: coverageOf(doc)
	};
}

function booked(extra: Partial<Interview> = {}): { doc: Y.Doc; iv: Interview; row: StoredRow } {
	const doc = new Y.Doc();
	const iv = interview(extra);
	createInterview(doc, iv);
	const plan = planProjection(input(doc, iv.id, []));
	return { doc, iv, row: rowOf(plan.writes[0]!) };
}

describe('the projection planner', () => {
	it('books a new interview: one row, one "scheduled" audit naming the actor', () => {
		const doc = new Y.Doc();
		const iv = interview();
		createInterview(doc, iv);
		const plan = planProjection(input(doc, iv.id, []));
		expect(plan.writes).toHaveLength(1);
		expect(plan.audit).toEqual([expect.objectContaining({ action: 'scheduled', actor_id: ADMIN })]);
	});

	it('writes nothing when the document equals the row', () => {
		const { doc, iv, row } = booked();
		const plan = planProjection(input(doc, iv.id, [row]));
		expect(plan.writes).toEqual([]);
		expect(plan.audit).toEqual([]);
	});

	it('writes nothing when the row equals the document but Postgres gave its JSON keys in its own order', () => {
		const doc = new Y.Doc();
		const iv = interview({ start: new Date(NOW + 3600_000).toISOString() });
		createInterview(doc, iv);
		const other = { interviewId: '00000000-0000-4000-8000-0000000000b2', personId: INES, role: 'interviewer' as const };
		const clash = { ...other, start: iv.start, end: new Date(NOW + 5400_000).toISOString() };
		const withClash = (i: PlanInput): PlanInput => ({ ...i, conflicts: new Map([[iv.id, [clash]]]) });
		const written = planProjection(withClash(input(doc, iv.id, []))).writes[0]!;
		expect(written.conflicts).toHaveLength(1);
		expect(written.problems.length).toBeGreaterThan(0);
		// jsonb keeps an object's keys shortest first, then bytewise: not the order they were written in.
		const jsonb = (v: unknown): unknown =>
			Array.isArray(v)
				? v.map(jsonb)
				: v && typeof v === 'object'
					? Object.fromEntries(
							Object.entries(v)
								.sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))
								.map(([k, x]) => [k, jsonb(x)])
						)
					: v;
		const row = rowOf(written);
		const stored = { ...row, conflicts: jsonb(row.conflicts), problems: jsonb(row.problems) as StoredRow['problems'] };
		const reload = planProjection(withClash(input(doc, iv.id, [stored], { actor: null, notBeforeMs: null })));
		expect(reload.writes).toEqual([]);
		expect(reload.audit).toEqual([]);
	});

	it('defers, writing nothing, when the document is older than the row', () => {
		const { doc, iv, row } = booked();
		const newer = new Y.Doc();
		Y.applyUpdate(newer, Y.encodeStateAsUpdate(doc));
		updateInterview(newer, iv.id, { location: 'Hall B' }, { actor: ADMIN, now: new Date(NOW) });
		const newRow = rowOf(planProjection(input(newer, iv.id, [row])).writes[0]!);
		const plan = planProjection(input(doc, iv.id, [newRow], { actor: null, notBeforeMs: null }));
		expect(plan.deferred).toEqual([iv.id]);
		expect(plan.writes).toEqual([]);
		expect(plan.audit).toEqual([]);
	});

	it('judges timing by the server bound, not the updatedAt the client chose', () => {
		const doc = new Y.Doc();
		const iv = interview({
			start: new Date(NOW + 3600_000).toISOString(),
			updatedAt: new Date(NOW - 3 * 3600_000).toISOString()
		});
		createInterview(doc, iv);
		const plan = planProjection(input(doc, iv.id, []));
		expect(plan.writes[0]!.problems.map((p) => p.code)).toContain('min_notice');
		expect(Date.parse(plan.writes[0]!.updated_at)).toBeGreaterThanOrEqual(NOW - 5_000);
	});

	it('judges a resize by the judge: no new look at the notice while the start stays', () => {
		// The copies disagreed: the projection judged the timing of a longer interview, the API and the drag did not.
		const { doc, iv, row } = booked({ start: new Date(NOW + 4 * 3600_000).toISOString() });
		expect(row.problems).toEqual([]);
		// An hour before its start, a longer interview is no booking inside the notice.
		const later = NOW + 3 * 3600_000;
		updateInterview(doc, iv.id, { durationMin: 90 }, { actor: ADMIN, now: new Date(later) });
		const plan = planProjection({ ...input(doc, iv.id, [row], { notBeforeMs: later - 5_000 }), nowMs: later });
		expect(plan.audit).toEqual([expect.objectContaining({ action: 'rescheduled' })]);
		expect(plan.writes[0]!.problems).toEqual([]);
		// A new start is judged: moved ten minutes later, it is inside the notice.
		const moved = rowOf(plan.writes[0]!);
		updateInterview(
			doc,
			iv.id,
			{ start: new Date(NOW + 4 * 3600_000 + 600_000).toISOString() },
			{ actor: ADMIN, now: new Date(later) }
		);
		const again = planProjection({ ...input(doc, iv.id, [moved], { notBeforeMs: later - 5_000 }), nowMs: later });
		expect(again.writes[0]!.problems.map((p) => p.code)).toEqual(['min_notice']);
	});

	it('flags an interview turned online for an application that allows only in-person ones, and nothing more', () => {
		const inPerson = { ...application, status: 'approved' as const, onlineInterviewEnabled: false };
		const { doc, iv, row } = booked({ mode: 'offline', type: 'in_person', location: 'Hall A' });
		updateInterview(doc, iv.id, { mode: 'online', type: 'video', location: '' }, { actor: ADMIN, now: new Date(NOW) });
		const plan = planProjection({ ...input(doc, iv.id, [row]), applications: new Map([[APP, inPerson]]) });
		// The application moved on since the booking: that is no fault of this change.
		expect(plan.writes[0]!.problems.map((p) => p.code)).toEqual(['online_disabled']);
	});

	it('keeps an illegal status move out of the row and asks for it to be put back', () => {
		const { doc, iv, row } = booked();
		const done = { ...row, view: { ...row.view, status: 'completed' as const } };
		(interviewsMap(doc).get(iv.id) as Y.Map<unknown>).set('status', 'scheduled');
		const plan = planProjection(input(doc, iv.id, [done]));
		expect(plan.reverts).toEqual([{ id: iv.id, status: 'completed' }]);
		expect(plan.audit).toEqual([]);
	});

	it("stores only the organization's interviewers on the panel and an unknown zone as the organization's", () => {
		const doc = new Y.Doc();
		const iv = interview({ panel: [INES, CANDIDATE], timezone: 'Nowhere/Else' });
		createInterview(doc, iv);
		const w = planProjection(input(doc, iv.id, [])).writes[0]!;
		expect(w.panel).toEqual([INES]);
		expect(w.timezone).toBe('America/New_York');
		expect(w.problems.map((p) => p.code)).toEqual(
			expect.arrayContaining(['panel_not_interviewer', 'invalid_timezone'])
		);
	});

	it('flags a row whose entry became unreadable, naming the fields, and keeps its values', () => {
		const { doc, iv, row } = booked();
		const plan = planProjection(input(doc, iv.id, [row], { entry: null, malformed: ['duration_min'] }));
		expect(plan.writes).toEqual([]);
		expect(plan.flags).toEqual([
			{ id: iv.id, problems: [expect.objectContaining({ code: 'malformed', fields: ['duration_min'] })] }
		]);
	});

	it('audits every state a row goes through exactly once, whatever order replicas project in (property)', () => {
		const edit = fc.oneof(
			fc.record({ kind: fc.constant('location' as const), value: fc.constantFrom('A', 'B', 'C') }),
			fc.record({ kind: fc.constant('start' as const), value: fc.integer({ min: 3, max: 9 }) })
		);
		const step = fc.record({ replica: fc.nat(2), edit, sync: fc.boolean(), project: fc.nat(2) });
		fc.assert(
			fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
				const replicas = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
				const iv = interview();
				createInterview(replicas[0]!, iv);
				for (const r of replicas.slice(1)) Y.applyUpdate(r, Y.encodeStateAsUpdate(replicas[0]!));
				let row: StoredRow | null = null;
				const states: string[] = [];
				const project = (doc: Y.Doc) => {
					const plan = planProjection(input(doc, iv.id, row ? [row] : []));
					if (plan.writes[0]) row = rowOf(plan.writes[0]);
					for (const a of plan.audit) {
						expect(a.old_values ?? {}).not.toEqual(a.new_values);
						states.push(JSON.stringify(row!.view));
					}
				};
				for (const s of steps) {
					const doc = replicas[s.replica]!;
					const patch =
						s.edit.kind === 'location'
							? { location: s.edit.value }
							: { start: new Date(NOW + s.edit.value * 86400_000).toISOString() };
					updateInterview(doc, iv.id, patch, { actor: ADMIN, now: new Date(NOW) });
					if (s.sync) {
						const other = replicas[(s.replica + 1) % 3]!;
						Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
					}
					project(replicas[s.project]!);
				}
				for (const a of replicas) for (const b of replicas) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
				for (const r of replicas) project(r);
				const final = auditView({ ...getInterview(replicas[0]!, iv.id)!, timezone: 'Europe/Berlin' });
				expect(row!.view).toEqual(final);
				// Each audit moved the row to a new state: no state is audited twice in a row.
				for (let i = 1; i < states.length; i++) expect(states[i]).not.toBe(states[i - 1]);
			}),
			{ numRuns: 150 }
		);
	});
});
