import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryInterviews } from '../../src/lib/server/interviews';
import { loadFirstView } from '../../src/lib/server/calendar-first-view';
import { summarize } from '../../src/lib/components/calendar/filters';
import { ConflictIndex, type Interview } from '../../src/lib/domain';
import { DEMO_ACCOUNTS } from '../../db/seed';
import { bookDirect } from '../helpers/calendar';
import { startTestApp, type TestApp } from '../helpers/app';

const ZONE = 'America/New_York';

describe('the calendar’s first view from Postgres', () => {
	let app: TestApp;

	beforeAll(async () => {
		app = await startTestApp('embedded', { demo: 'full' });
		// Two interviews of one interviewer at the same time, in two days: a double booking made through the document.
		const candidates = DEMO_ACCOUNTS.candidates.map((c) => c.email);
		await bookDirect(app, [
			{ candidate: candidates[0]!, startInMin: 2 * 24 * 60, mode: 'online' },
			{ candidate: candidates[1]!, startInMin: 2 * 24 * 60, mode: 'online' }
		]);
	});
	afterAll(async () => {
		await app?.close();
	});

	it('counts the summary cards as the live calendar does, and carries only the interviews of the week opened', async () => {
		const sql = app.runtime.db.sql;
		const now = new Date();
		const first = await loadFirstView(sql, app.orgId, ZONE, { view: 'timeGridWeek', date: null, now });
		const { rows } = await queryInterviews(sql, { orgId: app.orgId, limit: 100_000 });
		// The interviews as the document holds them, with what the count and the conflict index read.
		const all = rows.map((r) => ({
			id: r.id,
			start: r.start_at.toISOString(),
			durationMin: r.duration_min,
			panel: r.panel.map((p) => p.id),
			candidateId: r.candidate_id,
			status: r.status as Interview['status']
		})) as Interview[];
		expect(first.summary).toEqual(summarize(all, ZONE, now));
		expect(first.summary.week).toBeGreaterThan(0);
		// In conflict as the browser's conflict index finds it in the whole calendar.
		const index = new ConflictIndex(all);
		expect(first.conflicts).toBe(index.allConflicts().size);
		expect(first.conflicts).toBeGreaterThan(0);
		const [from, to] = [Date.parse(first.from), Date.parse(first.to)];
		expect(to - from).toBeLessThanOrEqual(10 * 86_400_000);
		expect(first.interviews.length).toBeGreaterThan(0);
		expect(first.interviews.length).toBeLessThan(rows.length);
		for (const iv of first.interviews) {
			expect(Date.parse(iv.start)).toBeLessThan(to);
			expect(Date.parse(iv.start) + iv.durationMin * 60_000).toBeGreaterThan(from);
		}
		expect(first.conflictIds.every((id) => first.interviews.some((iv) => iv.id === id))).toBe(true);
	});

	it('finds an interview that began before the range and ends inside it, reading only a day before the range', async () => {
		const sql = app.runtime.db.sql;
		const { rows } = await queryInterviews(sql, { orgId: app.orgId, limit: 100_000 });
		const longest = rows.reduce((a, b) => (b.duration_min > a.duration_min ? b : a));
		// A range that opens a minute before the interview ends: it overlaps by that minute.
		const from = new Date(longest.end_at.getTime() - 60_000);
		const found = await queryInterviews(sql, { orgId: app.orgId, from, to: new Date(from.getTime() + 3_600_000) });
		expect(found.rows.map((r) => r.id)).toContain(longest.id);
		expect(found.total).toBe(found.rows.length);
		// One that ended as the range opens does not overlap it.
		const after = await queryInterviews(sql, {
			orgId: app.orgId,
			from: longest.end_at,
			to: new Date(longest.end_at.getTime() + 60_000)
		});
		expect(after.rows.map((r) => r.id)).not.toContain(longest.id);
	});
});
