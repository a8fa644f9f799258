import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../../db/client';
import { calendarApplications } from '../../src/lib/server/calendar-page';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * The calendar page brings the applications it can book or that have a live interview, not every
 * application the organization ever had (issue 15): years of decided ones would grow every page.
 */
describe.each<DbKind>(['embedded', 'postgres'])('the calendar’s applications (%s)', (kind) => {
	let app: TestApp;

	beforeAll(async () => {
		app = await startTestApp(kind);
	}, 120_000);
	afterAll(async () => {
		await app?.close();
	});

	it('leaves out a decided application with no live interview, keeps one with a live interview, and reads any by id', async () => {
		const { sql } = app.runtime.db;
		const orgId = app.orgId;
		const all = await sql<{ id: string; status: string; live: number }[]>`
			select a.id, a.status, (select count(*)::int from interviews i
				where i.application_id = a.id and i.archived_at is null and i.removed_at is null) as live
			from applications a where a.org_id = ${orgId}`;
		const bookable = all.find((a) => a.status === 'selected' && a.live === 0)!;
		const withLive = all.find((a) => a.live > 0)!;
		expect(bookable && withLive).toBeTruthy();
		await sql`update applications set status = 'rejected' where id in ${sql([bookable.id, withLive.id])}`;

		const ids = (await calendarApplications(sql, orgId, 'UTC', null)).map((a) => a.id);
		expect(ids).not.toContain(bookable.id);
		expect(ids).toContain(withLive.id);
		for (const a of all.filter((a) => ['selected', 'interview_scheduled'].includes(a.status) && a !== bookable))
			expect(ids).toContain(a.id);
		expect(new Set(ids).size).toBe(ids.length);

		const named = await calendarApplications(sql, orgId, 'UTC', [bookable.id]);
		expect(named).toEqual([expect.objectContaining({ id: bookable.id, status: 'rejected' })]);
		expect(await calendarApplications(sql, orgId, 'UTC', [])).toEqual([]);
	});
});
