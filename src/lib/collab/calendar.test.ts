import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Interview } from '$lib/domain/types';
import {
	CalendarError,
	createInterview,
	deleteInterview,
	getInterview,
	getLastChange,
	inspectEntry,
	interviewsMap,
	listDamaged,
	listInterviews,
	observeInterviews,
	readCalendar,
	readInterview,
	rescheduleInterview,
	restoreInterview,
	setStatus,
	updateInterview,
	type InterviewsChange
} from './calendar';

const ID = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-11-24T08:00:00.000Z');
const ADMIN = 'admin-1';

function interview(over: Partial<Interview> = {}): Interview {
	return {
		id: ID,
		applicationId: 'app-1',
		candidateId: 'cand-1',
		cycleId: 'cycle-1',
		start: '2026-11-25T10:00:00.000Z',
		durationMin: 60,
		timezone: 'Europe/Berlin',
		type: 'technical',
		mode: 'online',
		location: '',
		round: 1,
		panel: ['alice', 'bob'],
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: ADMIN,
		updatedAt: '2026-11-24T07:00:00.000Z',
		...over
	};
}

function docWith(...interviews: Interview[]): Y.Doc {
	const doc = new Y.Doc();
	for (const iv of interviews) expect(createInterview(doc, iv).ok).toBe(true);
	return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

describe('reading and writing interviews', () => {
	it('round-trips an interview through the document, panel as a Y.Array', () => {
		const doc = docWith(interview());
		expect(getInterview(doc, ID)).toEqual(interview());
		expect(interviewsMap(doc).get(ID)).toBeInstanceOf(Y.Map);
		expect((interviewsMap(doc).get(ID) as Y.Map<unknown>).get('panel')).toBeInstanceOf(Y.Array);
		expect(getLastChange(doc, ID)).toEqual({
			action: 'create',
			reason: null,
			actor: ADMIN,
			at: '2026-11-24T07:00:00.000Z'
		});
	});

	it('round-trips through an encoded update into another replica', () => {
		const a = docWith(interview(), interview({ id: ID2, start: '2026-11-25T08:00:00.000Z' }));
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(listInterviews(b)).toEqual([interview({ id: ID2, start: '2026-11-25T08:00:00.000Z' }), interview()]);
	});

	it('refuses to create an interview whose id exists', () => {
		const doc = docWith(interview());
		const result = createInterview(doc, interview({ location: 'x' }));
		expect(result).toMatchObject({ ok: false, problem: { code: 'already_exists' } });
		expect(getInterview(doc, ID)?.location).toBe('');
	});

	it('throws on malformed data and writes nothing', () => {
		const doc = new Y.Doc();
		expect(() => createInterview(doc, interview({ start: '25.11.2026 10:00' }))).toThrow(CalendarError);
		expect(() => createInterview(doc, { ...interview(), status: 'done' as never })).toThrow(/status/);
		expect(interviewsMap(doc).size).toBe(0);
		const ok = docWith(interview());
		expect(() => updateInterview(ok, ID, { durationMin: -5 }, { actor: ADMIN, now: NOW })).toThrow(CalendarError);
		expect(() => updateInterview(ok, ID, { status: 'cancelled' } as never, { actor: ADMIN, now: NOW })).toThrow(
			CalendarError
		);
	});

	it('reads malformed entries as null without throwing, and lists the rest', () => {
		const doc = docWith(interview());
		const map = interviewsMap(doc);
		doc.transact(() => {
			map.set('plain-object', { id: 'plain-object' });
			map.set('number', 42);
			const wrongKey = new Y.Map<unknown>();
			map.set('wrong-key', wrongKey);
			for (const [k, v] of Object.entries(interview({ id: 'other' })))
				wrongKey.set(k, k === 'panel' ? Y.Array.from(v as string[]) : v);
			const plainPanel = new Y.Map<unknown>();
			map.set('plain-panel', plainPanel);
			for (const [k, v] of Object.entries(interview({ id: 'plain-panel' }))) plainPanel.set(k, v);
			const badDuration = new Y.Map<unknown>();
			map.set('bad-duration', badDuration);
			for (const [k, v] of Object.entries(interview({ id: 'bad-duration' })))
				badDuration.set(k, k === 'panel' ? Y.Array.from(v as string[]) : v);
			badDuration.set('durationMin', '60');
		});
		expect(readInterview(undefined)).toBeNull();
		expect(readInterview(map.get('plain-object'))).toBeNull();
		expect(getInterview(doc, 'wrong-key')).toBeNull();
		expect(getInterview(doc, 'plain-panel')).toBeNull();
		expect(getInterview(doc, 'bad-duration')).toBeNull();
		expect(readCalendar(doc)).toEqual({
			interviews: [interview()],
			malformedIds: ['bad-duration', 'number', 'plain-object', 'plain-panel', 'wrong-key']
		});
	});

	it('stores every instant in one spelling, so the same time is never a change', () => {
		const doc = docWith(interview({ start: '2026-11-25T10:00Z', updatedAt: '2026-11-24T07:00:00Z' }));
		expect(getInterview(doc, ID)).toMatchObject({
			start: '2026-11-25T10:00:00.000Z',
			updatedAt: '2026-11-24T07:00:00.000Z'
		});
		expect(updateInterview(doc, ID, { start: '2026-11-25T10:00:00Z' }, { actor: ADMIN, now: NOW })).toEqual({
			ok: true,
			id: ID,
			changed: []
		});
		expect(getInterview(doc, ID)?.updatedAt).toBe('2026-11-24T07:00:00.000Z');
		updateInterview(doc, ID, { start: '2026-11-25T11:00:00Z' }, { actor: ADMIN, now: NOW });
		expect(getInterview(doc, ID)?.start).toBe('2026-11-25T11:00:00.000Z');
	});

	it('reads missing optional fields as their empty value', () => {
		const doc = docWith(interview());
		const m = interviewsMap(doc).get(ID) as Y.Map<unknown>;
		m.delete('rescheduledFrom');
		m.delete('location');
		expect(getInterview(doc, ID)).toMatchObject({ rescheduledFrom: null, location: '' });
	});

	it('reads a panel member added twice by two replicas once', () => {
		const a = docWith(interview({ panel: ['alice'] }));
		const b = new Y.Doc();
		sync(a, b);
		updateInterview(a, ID, { panel: ['alice', 'carol'] }, { actor: ADMIN, now: NOW });
		updateInterview(b, ID, { panel: ['alice', 'carol'] }, { actor: 'admin-2', now: NOW });
		sync(a, b);
		expect(getInterview(a, ID)?.panel).toEqual(['alice', 'carol']);
		expect(getInterview(b, ID)).toEqual(getInterview(a, ID));
	});
});

describe('updateInterview', () => {
	it('writes only the fields that change and stamps who and when', () => {
		const doc = docWith(interview());
		const m = interviewsMap(doc).get(ID) as Y.Map<unknown>;
		const keys: string[][] = [];
		m.observe((e) => keys.push([...e.keysChanged].sort()));
		const result = updateInterview(
			doc,
			ID,
			{ location: 'Room 4', durationMin: 60, mode: 'offline' },
			{ actor: 'admin-2', now: NOW }
		);
		expect(result).toEqual({ ok: true, id: ID, changed: ['mode', 'location', 'updatedBy', 'updatedAt'] });
		expect(keys).toEqual([['lastChange', 'location', 'mode', 'updatedAt', 'updatedBy']]);
		expect(getInterview(doc, ID)).toMatchObject({
			mode: 'offline',
			location: 'Room 4',
			updatedBy: 'admin-2',
			updatedAt: NOW.toISOString()
		});
	});

	it('writes nothing at all when nothing changes', () => {
		const doc = docWith(interview());
		let updates = 0;
		doc.on('update', () => updates++);
		expect(
			updateInterview(doc, ID, { start: interview().start, panel: ['alice', 'bob'] }, { actor: ADMIN, now: NOW })
		).toEqual({
			ok: true,
			id: ID,
			changed: []
		});
		expect(updates).toBe(0);
	});

	it('edits the panel element by element, so concurrent edits of both replicas survive', () => {
		const a = docWith(interview({ panel: ['alice', 'bob', 'carol'] }));
		const b = new Y.Doc();
		sync(a, b);
		updateInterview(a, ID, { panel: ['alice', 'bob', 'carol', 'dave'] }, { actor: ADMIN, now: NOW });
		updateInterview(b, ID, { panel: ['alice', 'carol'] }, { actor: 'admin-2', now: NOW });
		sync(a, b);
		expect(getInterview(a, ID)?.panel).toEqual(['alice', 'carol', 'dave']);
		expect(getInterview(b, ID)?.panel).toEqual(['alice', 'carol', 'dave']);
	});

	it('reports an unknown interview', () => {
		expect(updateInterview(new Y.Doc(), ID, { location: 'x' }, { actor: ADMIN, now: NOW })).toMatchObject({
			ok: false,
			problem: { code: 'not_found' }
		});
	});

	it('does not edit an interview that is no longer scheduled', () => {
		const doc = docWith(interview({ status: 'completed' }));
		expect(updateInterview(doc, ID, { location: 'x' }, { actor: ADMIN, now: NOW })).toMatchObject({
			ok: false,
			problem: { code: 'not_editable', message: 'Only a scheduled interview can be changed; this one is completed.' }
		});
	});
});

describe('status and reschedule', () => {
	it('cancels with a reason and keeps the reason for the audit log', () => {
		const doc = docWith(interview());
		expect(setStatus(doc, ID, 'cancelled', { actor: ADMIN, now: NOW })).toMatchObject({
			ok: false,
			problem: { code: 'reason_required' }
		});
		expect(getInterview(doc, ID)?.status).toBe('scheduled');
		expect(setStatus(doc, ID, 'cancelled', { actor: ADMIN, now: NOW, reason: 'Candidate withdrew' }).ok).toBe(true);
		expect(getInterview(doc, ID)).toMatchObject({
			status: 'cancelled',
			updatedBy: ADMIN,
			updatedAt: NOW.toISOString()
		});
		expect(getLastChange(doc, ID)).toEqual({
			action: 'status',
			reason: 'Candidate withdrew',
			actor: ADMIN,
			at: NOW.toISOString()
		});
	});

	it('refuses a move the status machine forbids', () => {
		const doc = docWith(interview({ status: 'completed' }));
		expect(setStatus(doc, ID, 'in_progress', { actor: ADMIN, now: NOW })).toMatchObject({
			ok: false,
			problem: { code: 'invalid_transition' }
		});
	});

	it('reschedules into a new interview linked to the cancelled original', () => {
		const doc = docWith(interview());
		const result = rescheduleInterview(
			doc,
			ID,
			{ start: '2026-11-26T09:00:00.000Z', panel: ['alice'] },
			{ actor: 'admin-2', now: NOW, reason: 'Interviewer ill', newId: ID2 }
		);
		expect(result).toMatchObject({ ok: true, id: ID2 });
		expect(getInterview(doc, ID)).toMatchObject({ status: 'cancelled', start: '2026-11-25T10:00:00.000Z' });
		expect(getInterview(doc, ID2)).toEqual(
			interview({
				id: ID2,
				start: '2026-11-26T09:00:00.000Z',
				panel: ['alice'],
				rescheduledFrom: ID,
				updatedBy: 'admin-2',
				updatedAt: NOW.toISOString()
			})
		);
		expect(getLastChange(doc, ID)).toEqual({
			action: 'reschedule',
			reason: 'Interviewer ill',
			actor: 'admin-2',
			at: NOW.toISOString(),
			replacedBy: ID2
		});
		expect(getLastChange(doc, ID2)).toMatchObject({ action: 'reschedule', reason: 'Interviewer ill' });
	});

	it('re-books a no-show without changing its status', () => {
		const doc = docWith(interview({ status: 'no_show' }));
		const result = rescheduleInterview(doc, ID, { start: '2026-11-26T09:00:00.000Z' }, { actor: ADMIN, now: NOW });
		expect(result.ok).toBe(true);
		expect(getInterview(doc, ID)?.status).toBe('no_show');
		if (result.ok) expect(getInterview(doc, result.id)).toMatchObject({ status: 'scheduled', rescheduledFrom: ID });
	});

	it('does not reschedule a completed interview', () => {
		const doc = docWith(interview({ status: 'completed' }));
		expect(rescheduleInterview(doc, ID, { start: '2026-11-26T09:00:00.000Z' }, { actor: ADMIN, now: NOW }).ok).toBe(
			false
		);
		expect(listInterviews(doc)).toHaveLength(1);
	});
});

describe('observeInterviews', () => {
	it('reports the ids each transaction changed, nested panel edits included', () => {
		const doc = docWith(interview());
		const seen: InterviewsChange[] = [];
		const stop = observeInterviews(doc, (c) => seen.push(c));
		createInterview(doc, interview({ id: ID2 }), 'api');
		updateInterview(doc, ID, { panel: ['alice'] }, { actor: ADMIN, now: NOW, origin: 'drag' });
		doc.transact(() => {
			((interviewsMap(doc).get(ID) as Y.Map<unknown>).get('panel') as Y.Array<string>).push(['zoe']);
			setStatus(doc, ID2, 'in_progress', { actor: ADMIN, now: NOW });
		}, 'batch');
		deleteInterview(doc, ID2);
		stop();
		updateInterview(doc, ID, { location: 'after stop' }, { actor: ADMIN, now: NOW });
		expect(seen.map((c) => [[...c.ids].sort(), c.origin, c.local])).toEqual([
			[[ID2], 'api', true],
			[[ID], 'drag', true],
			[[ID, ID2], 'batch', true],
			[[ID2], null, true]
		]);
	});

	it('tells remote changes from local ones', () => {
		const a = docWith(interview());
		const b = new Y.Doc();
		const seen: InterviewsChange[] = [];
		observeInterviews(b, (c) => seen.push(c));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'provider');
		expect(seen).toEqual([{ ids: new Set([ID]), origin: 'provider', local: false }]);
	});
});

describe('strings read from the document', () => {
	it('reads a lone surrogate as U+FFFD, in fields, the panel and the change record', () => {
		const doc = docWith(interview());
		const m = interviewsMap(doc).get(ID) as Y.Map<unknown>;
		m.set('location', 'Room \ud800');
		(m.get('panel') as Y.Array<string>).push(['x\udc00']);
		m.set('lastChange', { action: 'update', reason: 'moved \udbff', actor: ADMIN, at: NOW.toISOString() });
		const iv = getInterview(doc, ID)!;
		expect(iv.location).toBe('Room \ufffd');
		expect(iv.panel).toContain('x\ufffd');
		expect(getLastChange(doc, ID)!.reason).toBe('moved \ufffd');
		// A well-formed pair is kept as it is.
		m.set('location', 'Room 😀');
		expect(getInterview(doc, ID)!.location).toBe('Room 😀');
	});
});

describe('damaged entries (needs repair)', () => {
	it('names the fields that cannot be read and keeps the readable ones', () => {
		const doc = docWith(interview(), interview({ id: ID2 }));
		const m = interviewsMap(doc).get(ID) as Y.Map<unknown>;
		m.set('durationMin', 'long');
		m.delete('start');
		m.set('panel', 'alice');
		expect(getInterview(doc, ID)).toBeNull();
		const entry = inspectEntry(doc, ID)!;
		expect(entry.broken.sort()).toEqual(['durationMin', 'panel', 'start']);
		expect(entry.readable).toMatchObject({
			id: ID,
			applicationId: 'app-1',
			timezone: 'Europe/Berlin',
			status: 'scheduled'
		});
		expect(inspectEntry(doc, ID2)).toBeNull();
		expect(listDamaged(doc).map((e) => e.id)).toEqual([ID]);
	});

	it('names an entry that is not a map at all, or that claims another id', () => {
		const doc = docWith(interview());
		interviewsMap(doc).set(ID2, 'garbage');
		expect(inspectEntry(doc, ID2)!.broken).toHaveLength(16);
		(interviewsMap(doc).get(ID) as Y.Map<unknown>).set('id', ID2);
		expect(inspectEntry(doc, ID)!.broken).toEqual(['id']);
	});

	it('restores a damaged entry as a whole interview, stamped, readable again on every replica', () => {
		const a = docWith(interview());
		const b = new Y.Doc();
		sync(a, b);
		const m = interviewsMap(a).get(ID) as Y.Map<unknown>;
		m.set('durationMin', -3);
		m.set('panel', 42);
		sync(a, b);
		expect(getInterview(b, ID)).toBeNull();
		const repaired = interview({ durationMin: 45, panel: ['bob'] });
		const result = restoreInterview(a, repaired, { actor: ADMIN, now: NOW, reason: 'Repaired' });
		expect(result).toMatchObject({ ok: true, id: ID });
		sync(a, b);
		expect(getInterview(b, ID)).toEqual({ ...repaired, updatedAt: NOW.toISOString() });
		expect(getLastChange(b, ID)).toMatchObject({ action: 'update', reason: 'Repaired', actor: ADMIN });
	});

	it('replaces an entry that is not even a map, and refuses to "repair" a healthy one', () => {
		const doc = new Y.Doc();
		interviewsMap(doc).set(ID, 'garbage');
		expect(
			restoreInterview(doc, interview({ status: 'cancelled' }), { actor: ADMIN, now: NOW, action: 'status' }).ok
		).toBe(true);
		expect(getInterview(doc, ID)!.status).toBe('cancelled');
		const again = restoreInterview(doc, interview(), { actor: ADMIN, now: NOW });
		expect(again).toMatchObject({ ok: false, problem: { code: 'not_damaged' } });
		expect(restoreInterview(doc, interview({ id: ID2 }), { actor: ADMIN, now: NOW })).toMatchObject({
			ok: false,
			problem: { code: 'not_found' }
		});
	});
});
