/**
 * A model test of the projection under interleaved instances, against each database: replicas of one
 * calendar take random edits, sync in random order, and random instances project what they hold, at
 * the same time. Whatever the order, the rows end equal to the merged document and each interview's
 * audit trail is one chain: booked once, every entry a real change that starts where the last ended.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storeBatch, type BatchFacts } from '../../collab-server/projection/store';
import { coverageOf, entryVersion } from '../../collab-server/projection/version';
import type { Database } from '../../db/client';
import { migrate } from '../../db/migrate';
import { DEMO_ACCOUNTS, seedDemo } from '../../db/seed';
import { createInterview, getInterview, readCalendar, updateInterview } from '../../src/lib/collab/calendar';
import { ConflictIndex } from '../../src/lib/domain/conflicts';
import type { Interview } from '../../src/lib/domain/types';
import { createTestDatabase, databaseKinds } from '../helpers/db';

const kinds = await databaseKinds();
const INSTANCES = 3;

describe.each(kinds)('the projection with interleaved instances on one %s database', (kind) => {
	let db: Database;
	let orgId: string;
	let adminId: string;
	let template: Omit<Interview, 'id'>;

	beforeAll(async () => {
		db = await createTestDatabase(kind);
		await migrate(db.sql);
		orgId = (await seedDemo(db.sql))!;
		const [admin] = await db.sql<{ id: string }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
		adminId = admin!.id;
		const [app] = await db.sql<{ id: string; candidate_id: string; cycle_id: string }[]>`
			select id, candidate_id, cycle_id from applications where org_id = ${orgId} order by id limit 1`;
		const [ines] = await db.sql<{ id: string }[]>`
			select user_id as id from memberships where org_id = ${orgId} and role = 'interviewer' limit 1`;
		template = {
			applicationId: app!.id,
			candidateId: app!.candidate_id,
			cycleId: app!.cycle_id,
			start: '',
			durationMin: 45,
			timezone: 'Europe/Berlin',
			type: 'video',
			mode: 'online',
			location: '',
			round: 1,
			panel: [ines!.id],
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: adminId,
			updatedAt: new Date().toISOString()
		};
	});
	afterAll(async () => {
		await db?.close();
	});

	/** What one instance brings to the store for the given ids (as the extension's capture does). */
	function facts(doc: Y.Doc, ids: Iterable<string>): BatchFacts {
		const { interviews } = readCalendar(doc);
		const index = new ConflictIndex(interviews);
		return {
			orgId,
			calendar: interviews,
			changes: [...ids].map((id) => ({
				id,
				entry: getInterview(doc, id),
				malformed: null,
				version: entryVersion(doc, id),
				reason: null,
				actor: adminId,
				notBeforeMs: -Infinity,
				awaitRemote: null
			})),
			conflicts: new Map(interviews.map((i) => [i.id, index.conflictsFor(i)])),
			neighbours: [],
			coverage: coverageOf(doc)
		};
	}

	const day = (n: number) => new Date(Math.ceil(Date.now() / 86400_000) * 86400_000 + n * 86400_000).toISOString();
	const step = fc.record({
		replica: fc.nat(INSTANCES - 1),
		edit: fc.oneof(
			fc.record({ kind: fc.constant('location' as const), value: fc.constantFrom('Hall A', 'Hall B', 'Room 3') }),
			fc.record({ kind: fc.constant('start' as const), value: fc.integer({ min: 10, max: 40 }) })
		),
		syncTo: fc.option(fc.nat(INSTANCES - 1), { nil: null }),
		project: fc.subarray([0, 1, 2], { minLength: 0 })
	});

	it('ends with rows equal to the document and each change audited exactly once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
				const replicas = Array.from({ length: INSTANCES }, () => new Y.Doc());
				const id = crypto.randomUUID();
				createInterview(replicas[0]!, { ...template, id, round: 1 + Math.floor(Math.random() * 900), start: day(20) });
				const dirty = replicas.map((_, i) => new Set<string>(i === 0 ? [id] : []));
				const project = async (i: number) => {
					if (dirty[i]!.size === 0) return;
					const plan = await storeBatch(db.sql, facts(replicas[i]!, dirty[i]!));
					// What the document did not yet know stays for later, as the extension's waiting queue.
					dirty[i] = new Set(plan.deferred);
				};
				for (const s of steps) {
					const doc = replicas[s.replica]!;
					if (getInterview(doc, id)) {
						const patch = s.edit.kind === 'location' ? { location: s.edit.value } : { start: day(s.edit.value) };
						const r = updateInterview(doc, id, patch, { actor: adminId, now: new Date() });
						if (r.ok && r.changed.length) dirty[s.replica]!.add(id);
					}
					if (s.syncTo !== null && s.syncTo !== s.replica) {
						const other = replicas[s.syncTo]!;
						Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
					}
					// Several instances project at once: the database must serialize them.
					await Promise.all(s.project.map(project));
				}
				for (const a of replicas) for (const b of replicas) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
				await Promise.all(replicas.map((_, i) => project(i)));
				await storeBatch(db.sql, facts(replicas[0]!, [id]));

				const final = getInterview(replicas[0]!, id)!;
				const [row] = await db.sql<{ start_at: Date; location: string }[]>`
					select start_at, location from interviews where id = ${id}`;
				expect({ start: row!.start_at.toISOString(), location: row!.location }).toEqual({
					start: final.start,
					location: final.location
				});
				const logs = await db.sql<
					{ action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> }[]
				>`
					select action, old_values, new_values from interview_logs where interview_id = ${id} order by id`;
				expect(logs.filter((l) => l.action === 'scheduled')).toHaveLength(1);
				expect(logs[0]!.action).toBe('scheduled');
				let state = { ...logs[0]!.new_values };
				for (const log of logs.slice(1)) {
					// Each entry starts where the previous one ended, and changes something.
					for (const [k, v] of Object.entries(log.old_values ?? {})) expect(state[k]).toEqual(v);
					expect(log.old_values).not.toEqual(log.new_values);
					state = { ...state, ...log.new_values };
				}
				expect({ start: state.start, location: state.location }).toEqual({
					start: final.start,
					location: final.location
				});
			}),
			{ numRuns: kind === 'embedded' ? 12 : 20 }
		);
	});
});
