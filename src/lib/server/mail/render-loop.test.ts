import { describe, expect, it } from 'vitest';
import type { InterviewFacts, Payload } from '../notifications/payload';
import { parseStrict } from '../../../../tests/helpers/ical-strict';
import { renderInbox, renderMail } from './render';

const SAM = { id: 'c1', name: 'Sam Carter', email: 'sam@student.test' };
const INES = { id: 'p1', name: 'Ines Okafor', email: 'ines@northfield.test' };
const MARCO = { id: 'p2', name: 'Marco Bianchi', email: 'marco@northfield.test' };

function session(n: number, panel: (typeof INES)[]): InterviewFacts {
	const start = Date.parse('2026-12-01T14:00:00.000Z') + n * 60 * 60_000;
	return {
		id: `0b7c1f8e-4a52-4f2b-9a1e-3f6d2c9b8a1${n}`,
		start: new Date(start).toISOString(),
		end: new Date(start + 45 * 60_000).toISOString(),
		duration_min: 45,
		timezone: 'America/New_York',
		org_timezone: 'America/New_York',
		type: n === 1 ? 'technical' : 'video',
		mode: 'online',
		location: '',
		round: n + 1,
		status: 'scheduled',
		sequence: 2 + n,
		updated_at: '2026-11-20T10:00:00.000Z',
		org_name: 'Northfield University Admissions',
		candidate: SAM,
		panel
	};
}
const SESSIONS = [session(0, [INES]), session(1, [MARCO]), session(2, [INES, MARCO])];

function payload(kind: Payload['kind'], role: 'candidate' | 'interviewer', sessions = SESSIONS): Payload {
	const who = role === 'candidate' ? SAM : INES;
	return {
		kind,
		recipient: { ...who, role, timezone: 'America/New_York' },
		interview: sessions[0],
		loop: { id: 'loop-1', sessions }
	};
}
const opts = { origin: 'https://parley.example.edu', organizerEmail: 'no-reply@parley.example.edu' };

describe('one message for a loop', () => {
	it('lists every session for the candidate in one message, with an invitation per session', () => {
		const mail = renderMail(payload('interview_scheduled', 'candidate'), opts);
		expect(mail.subject).toBe(
			'Your interviews with Northfield University Admissions: Tuesday, 1 December 2026, 09:00–09:45'
		);
		expect(mail.text).toContain('Northfield University Admissions has booked 3 interviews, one after another.');
		for (const n of [1, 2, 3]) expect(mail.text).toContain(`Session ${n}`);
		expect(mail.text).toContain('technical interview with Marco Bianchi');
		// One invitation per session (iTIP: one UID per REQUEST), each read strictly.
		const cals = [mail.calendar!, ...mail.moreCalendars].map((c) => parseStrict(c.content));
		expect(cals.map((c) => c.method)).toEqual(['REQUEST', 'REQUEST', 'REQUEST']);
		expect(cals.map((c) => [c.events[0]!.uid, c.events[0]!.sequence])).toEqual(SESSIONS.map((s) => [s.id, s.sequence]));
		// Each names the candidate and its own panel.
		expect(cals.map((c) => c.events[0]!.attendees)).toEqual([
			['ines@northfield.test', 'sam@student.test'],
			['marco@northfield.test', 'sam@student.test'],
			['ines@northfield.test', 'marco@northfield.test', 'sam@student.test']
		]);
		expect(renderInbox(payload('interview_scheduled', 'candidate')).title).toBe(mail.subject);
	});

	it('tells a panel member about their sessions, and withdraws them all with one CANCEL', () => {
		const mine = [SESSIONS[0]!, SESSIONS[2]!];
		const moved = renderMail({ ...payload('interview_rescheduled', 'interviewer', mine), reason: 'Travel' }, opts);
		expect(moved.subject).toBe('Moved: interviews with Sam Carter, now Tuesday, 1 December 2026, 09:00–09:45');
		expect(moved.text).toContain('The 2 interviews with Sam Carter that you are on have moved.');
		expect(moved.text).toContain('Travel');
		const files = [moved.calendar!, ...moved.moreCalendars].map((c) => parseStrict(c.content));
		expect(files.map((c) => c.events[0]!.uid)).toEqual(mine.map((s) => s.id));
		const gone = renderMail(payload('interview_cancelled', 'candidate'), opts);
		const cals = [gone.calendar!, ...gone.moreCalendars].map((c) => parseStrict(c.content));
		expect(cals.map((c) => [c.method, c.events[0]!.status])).toEqual([
			['CANCEL', 'CANCELLED'],
			['CANCEL', 'CANCELLED'],
			['CANCEL', 'CANCELLED']
		]);
		expect(gone.subject).toMatch(/^Cancelled: your interviews with Northfield University Admissions on /);
	});
});
