import { describe, expect, it } from 'vitest';
import { ConflictIndex } from './conflicts';
import {
	isAllowed,
	judgeBooking,
	judgeMove,
	judgePerson,
	judgeStatus,
	MOMENT_RULES,
	refusalMessage,
	rejudgedBy,
	type JudgeFacts
} from './judge';
import { resolvePolicy } from './policy';
import type { ApplicationFacts, Interview, InterviewProposal } from './types';
import { CANDIDATE_HOURS } from './working-hours';

const NOW = new Date('2026-11-24T08:00:00.000Z'); // a Tuesday
const APP = 'a0000000-0000-4000-8000-000000000001';
const CANDIDATE = 'c0000000-0000-4000-8000-000000000001';
const ALICE = 'u0000000-0000-4000-8000-00000000000a';
const BOB = 'u0000000-0000-4000-8000-00000000000b';

const application: ApplicationFacts = {
	id: APP,
	candidateId: CANDIDATE,
	cycleId: 'cy1',
	status: 'selected',
	interviewEnabled: true,
	onlineInterviewEnabled: true
};

function proposal(over: Partial<InterviewProposal> = {}): InterviewProposal {
	return {
		start: '2026-11-25T10:00:00.000Z',
		durationMin: 60,
		timezone: 'Europe/Berlin',
		type: 'technical',
		mode: 'online',
		location: '',
		round: 1,
		panel: [ALICE],
		applicationId: APP,
		...over
	};
}

function stored(over: Partial<Interview> = {}): Interview {
	return {
		id: 'i0000000-0000-4000-8000-000000000001',
		candidateId: CANDIDATE,
		cycleId: 'cy1',
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: NOW.toISOString(),
		...proposal(),
		...over
	};
}

function facts(over: Partial<JudgeFacts> = {}, interviews: Interview[] = []): JudgeFacts {
	return {
		now: NOW,
		policy: resolvePolicy(),
		application,
		interviewerIds: new Set([ALICE, BOB]),
		calendar: { interviews },
		...over
	};
}

const codes = (v: { problems: { code: string }[] }) => v.problems.map((p) => p.code);

describe('judgeBooking', () => {
	it('allows a well-formed booking and finds nothing to say', () => {
		const verdict = judgeBooking({ proposal: proposal() }, facts());
		expect(verdict).toEqual({ problems: [], conflicts: [], warnings: [] });
		expect(isAllowed(verdict)).toBe(true);
		expect(refusalMessage(verdict)).toBeNull();
	});

	it('judges a booking whole: timing, eligibility and the round', () => {
		const taken = stored({ id: 'i0000000-0000-4000-8000-000000000002', start: '2026-12-01T10:00:00.000Z' });
		const verdict = judgeBooking(
			{ proposal: proposal({ start: '2026-11-24T09:00:00Z' }) },
			facts({ application: { ...application, status: 'pending' } }, [taken])
		);
		expect(codes(verdict)).toEqual(['min_notice', 'application_not_eligible', 'round_taken']);
	});

	it('refuses a double booking of the candidate or a panel member, in the API’s words', () => {
		const other = stored({ id: 'i0000000-0000-4000-8000-000000000002', round: 2, panel: [BOB] });
		const verdict = judgeBooking({ proposal: proposal({ panel: [BOB], round: 3 }) }, facts({}, [other]));
		expect(verdict.problems).toEqual([]);
		expect(verdict.conflicts.map((c) => [c.personId, c.role])).toEqual([
			[CANDIDATE, 'candidate'],
			[BOB, 'interviewer']
		]);
		expect(refusalMessage(verdict)).toBe('This would double-book 2 people: they already have an interview then.');
	});

	it('asks for a reason when a cancelled or no-show interview is booked again, and talks of the new start', () => {
		const source = stored({ status: 'no_show' });
		const again = judgeBooking(
			{ proposal: proposal({ start: '2026-11-24T07:00:00Z' }), again: { from: source.id, reason: ' ' } },
			facts({}, [source])
		);
		expect(again.problems).toEqual([
			{
				code: 'start_in_past',
				field: 'start',
				params: { reschedule: 1 },
				message: 'The new start must be in the future.'
			},
			{
				code: 'reason_required',
				field: 'reason',
				params: { for: 'again' },
				message: 'Give a reason for booking the interview again.'
			}
		]);
	});

	it('does not judge the timing or eligibility of an entry that arrives already settled', () => {
		const settled = stored({ status: 'completed', start: '2026-11-01T10:00:00.000Z' });
		const verdict = judgeBooking(
			{ proposal: settled },
			facts({ application: { ...application, status: 'approved' } }, [settled])
		);
		expect(verdict.problems).toEqual([]);
	});

	it('warns, and never refuses, when someone would be booked outside their hours', () => {
		const hours = {
			interviewers: new Map([
				[
					ALICE,
					{
						timezone: 'Europe/Berlin',
						workingHours: { startTime: '09:00', endTime: '17:00', weekdays: [1, 2, 3, 4, 5] }
					}
				]
			]),
			candidateZone: 'Asia/Tokyo'
		};
		// 10:00Z: 11:00 in Berlin (working), 19:00 in Tokyo (inside the candidate's 08:00–20:00).
		expect(judgeBooking({ proposal: proposal() }, facts({ hours })).warnings).toEqual([]);
		// 12:00Z: 13:00 in Berlin, 21:00 in Tokyo: the candidate's evening.
		const late = judgeBooking({ proposal: proposal({ start: '2026-11-25T12:00:00Z' }) }, facts({ hours }));
		expect(late.warnings.map((w) => [w.personId, w.role])).toEqual([[CANDIDATE, 'candidate']]);
		expect(late.warnings[0]!.message).toContain(`${CANDIDATE_HOURS.startTime}–${CANDIDATE_HOURS.endTime}`);
		expect(isAllowed(late)).toBe(true);
		// 17:00Z: 18:00 in Berlin.
		const evening = judgeBooking({ proposal: proposal({ start: '2026-11-25T17:00:00Z' }) }, facts({ hours }));
		expect(evening.warnings.map((w) => w.personId)).toContain(ALICE);
	});
});

describe('judgeMove', () => {
	const current = stored({ start: '2026-11-24T09:30:00.000Z' }); // 1 h 30 from now: inside the notice, booked earlier

	it('judges a new start by the notice, and asks why it moves', () => {
		const later = { ...current, start: '2026-11-24T09:45:00.000Z' };
		const verdict = judgeMove({ before: current, after: later, reason: '' }, facts({}, [current]));
		expect(verdict.problems).toEqual([
			{ code: 'reason_required', field: 'reason', params: { for: 'move' }, message: 'Give a reason for the new time.' },
			{
				code: 'min_notice',
				field: 'start',
				params: { minutes: 120, reschedule: 1 },
				message: 'The new start must be at least 2 hours from now.'
			}
		]);
	});

	it('does not ask for a reason when nobody can be asked (a drag before its prompt, an edit already made)', () => {
		const later = { ...current, start: '2026-11-26T09:45:00.000Z' };
		expect(judgeMove({ before: current, after: later }, facts({}, [current])).problems).toEqual([]);
	});

	it('lets a longer interview keep its start without a reason or a new look at the notice', () => {
		// The copies disagreed: the projection judged the timing of a resize, the API and the drag did not.
		const longer = { ...current, durationMin: 90 };
		expect(judgeMove({ before: current, after: longer, reason: '' }, facts({}, [current])).problems).toEqual([]);
	});

	it('asks the application again only when the interview turns online', () => {
		// The copies disagreed: the API and the form never asked, the projection asked everything.
		const offlineOnly = { ...application, status: 'approved' as const, onlineInterviewEnabled: false };
		const inPerson = { ...current, mode: 'offline' as const, location: 'Hall A' };
		const online = { ...inPerson, mode: 'online' as const, location: '' };
		expect(codes(judgeMove({ before: inPerson, after: online }, facts({ application: offlineOnly })))).toEqual([
			'online_disabled'
		]);
		const moved = { ...inPerson, location: 'Hall B' };
		expect(codes(judgeMove({ before: inPerson, after: moved }, facts({ application: offlineOnly })))).toEqual([]);
	});

	it('does not let the interview clash with itself', () => {
		const later = { ...current, start: '2026-11-26T09:45:00.000Z', durationMin: 30 };
		const verdict = judgeMove({ before: current, after: later, reason: 'Asked' }, facts({}, [current]));
		expect(verdict).toEqual({ problems: [], conflicts: [], warnings: [] });
	});

	it('uses the index it is given for double bookings', () => {
		const other = stored({ id: 'i0000000-0000-4000-8000-000000000002', round: 2, panel: [BOB], start: current.start });
		const index = new ConflictIndex([current, other]);
		const onto = { ...current, panel: [ALICE, BOB] };
		const verdict = judgeMove({ before: current, after: onto }, facts({}, [current, other]));
		const viaIndex = judgeMove(
			{ before: current, after: onto },
			facts({ calendar: { interviews: [current, other], index } })
		);
		expect(viaIndex.conflicts).toEqual(verdict.conflicts);
		expect(verdict.conflicts.map((c) => c.personId)).toEqual([CANDIDATE, BOB]);
	});

	it('names the moment rules each change judges again', () => {
		const online = { ...current, mode: 'online' as const };
		expect([...rejudgedBy({ before: current, after: { ...current, start: '2026-11-26T10:00:00Z' } })]).toEqual([
			'start_in_past',
			'min_notice',
			'too_far_ahead',
			'holiday',
			'over_load_limit',
			'round_out_of_order'
		]);
		expect([...rejudgedBy({ before: { ...current, mode: 'offline' }, after: online })]).toEqual(['online_disabled']);
		expect([
			...rejudgedBy({ before: current, after: { ...current, panel: [...current.panel, 'someone-new'] } })
		]).toEqual(['over_load_limit']);
		expect([...rejudgedBy({ before: current, after: { ...current, durationMin: 90 } })]).toEqual([]);
		for (const code of rejudgedBy({ before: { ...current, mode: 'offline' }, after: online }))
			expect(MOMENT_RULES.has(code)).toBe(true);
	});
});

describe('judgeStatus', () => {
	const iv = stored({ start: '2026-11-24T10:00:00.000Z' });

	it('follows the status machine', () => {
		expect(judgeStatus({ interview: { ...iv, status: 'completed' }, to: 'scheduled' })).toEqual([
			{
				code: 'invalid_transition',
				field: 'status',
				params: { from: 'completed', to: 'scheduled' },
				message: 'An interview that is completed cannot be marked as scheduled.'
			}
		]);
	});

	it('records an outcome only once the interview has begun, when it knows the time', () => {
		expect(judgeStatus({ interview: iv, to: 'completed' }, { now: NOW }).map((p) => p.code)).toEqual(['not_started']);
		expect(judgeStatus({ interview: iv, to: 'completed' }, { now: new Date('2026-11-24T10:00:00Z') })).toEqual([]);
		// A move made apart (the projection's record) is judged by the machine alone.
		expect(judgeStatus({ interview: iv, to: 'completed' })).toEqual([]);
	});

	it('asks for a reason to cancel, once a reason is asked for', () => {
		expect(judgeStatus({ interview: iv, to: 'cancelled', reason: '  ' }, { now: NOW })).toEqual([
			{
				code: 'reason_required',
				field: 'reason',
				params: { for: 'cancel' },
				message: 'Give a reason for cancelling the interview.'
			}
		]);
		expect(judgeStatus({ interview: iv, to: 'cancelled' }, { now: NOW })).toEqual([]);
	});
});

describe('judgePerson', () => {
	it('says whom one interviewer would clash with and whether they work then', () => {
		const other = stored({ panel: [BOB] });
		const hours = {
			interviewers: new Map([
				[BOB, { timezone: 'UTC', workingHours: { startTime: '12:00', endTime: '18:00', weekdays: [3] } }]
			]),
			candidateZone: null
		};
		const at = { start: '2026-11-25T10:30:00.000Z', durationMin: 30 };
		const bob = judgePerson(BOB, at, { ...facts({ hours }, [other]) });
		expect(bob.conflicts.map((c) => c.interviewId)).toEqual([other.id]);
		expect(bob.outsideHours).toBe(true);
		expect(judgePerson(BOB, { ...at, id: other.id }, facts({ hours }, [other])).conflicts).toEqual([]);
		expect(judgePerson(ALICE, at, facts({ hours }, [other]))).toEqual({ conflicts: [], outsideHours: false });
	});
});
