import { describe, expect, it } from 'vitest';
import { resolvePolicy } from './policy';
import { humanizeMinutes, validateInterview, type ValidationContext } from './validation';
import type { ApplicationFacts, Interview, InterviewProposal } from './types';

const NOW = new Date('2026-11-24T08:00:00.000Z');
const APP = 'a0000000-0000-4000-8000-000000000001';
const ALICE = 'u0000000-0000-4000-8000-00000000000a';
const BOB = 'u0000000-0000-4000-8000-00000000000b';

const application: ApplicationFacts = {
	id: APP,
	candidateId: 'c1',
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

function ctx(over: Partial<ValidationContext> = {}): ValidationContext {
	return {
		now: NOW,
		policy: resolvePolicy(),
		application,
		orgInterviewerIds: new Set([ALICE, BOB]),
		otherInterviews: [],
		...over
	};
}

const codes = (p: InterviewProposal, c: ValidationContext = ctx()): string[] =>
	validateInterview(p, c).map((x) => x.code);

function stored(over: Partial<Interview> = {}): Interview {
	return {
		id: 'i-1',
		candidateId: 'c1',
		cycleId: 'cy1',
		status: 'scheduled',
		rescheduledFrom: null,
		updatedBy: null,
		updatedAt: NOW.toISOString(),
		...proposal(),
		...over
	};
}

describe('validateInterview', () => {
	it('accepts a well-formed booking', () => {
		expect(validateInterview(proposal(), ctx())).toEqual([]);
	});

	it('rejects a start in the past', () => {
		expect(validateInterview(proposal({ start: '2026-11-24T07:00:00Z' }), ctx())).toEqual([
			{ code: 'start_in_past', field: 'start', params: { reschedule: 0 }, message: 'The start must be in the future.' }
		]);
	});

	it('asks for two hours of notice and says so', () => {
		const [p] = validateInterview(proposal({ start: '2026-11-24T09:59:00Z' }), ctx());
		expect(p).toEqual({
			code: 'min_notice',
			field: 'start',
			params: { minutes: 120, reschedule: 0 },
			message: 'The start must be at least 2 hours from now.'
		});
		expect(codes(proposal({ start: '2026-11-24T10:00:00Z' }))).toEqual([]);
	});

	it('uses the organization notice in the message', () => {
		const c = ctx({ policy: resolvePolicy({ minNoticeMin: 90 }) });
		expect(validateInterview(proposal({ start: '2026-11-24T09:00:00Z' }), c)[0]?.message).toBe(
			'The start must be at least 1 hour 30 minutes from now.'
		);
	});

	it('refuses a start more than 90 days ahead', () => {
		const [p] = validateInterview(proposal({ start: '2027-02-22T08:00:01Z' }), ctx());
		expect(p).toMatchObject({ code: 'too_far_ahead', message: 'The start can be at most 90 days from now.' });
		expect(codes(proposal({ start: '2027-02-22T08:00:00Z' }))).toEqual([]);
	});

	it('talks about the new start when rescheduling', () => {
		expect(
			validateInterview(proposal({ start: '2026-11-24T07:00:00Z' }), ctx({ isReschedule: true }))[0]?.message
		).toBe('The new start must be in the future.');
	});

	it('rejects a start that is not an ISO-8601 UTC instant', () => {
		expect(codes(proposal({ start: '2026-11-25 10:00' }))).toEqual(['invalid_start']);
		expect(codes(proposal({ start: '2026-11-25T10:00:00+01:00' }))).toEqual(['invalid_start']);
	});

	it('keeps the duration between 15 and 480 whole minutes', () => {
		for (const d of [14, 481, 30.5, 0]) {
			expect(validateInterview(proposal({ durationMin: d }), ctx())).toEqual([
				{
					code: 'duration_range',
					field: 'duration_min',
					params: { min: 15, max: 480 },
					message: 'The duration must be a whole number of minutes from 15 to 480.'
				}
			]);
		}
		expect(codes(proposal({ durationMin: 15 }))).toEqual([]);
		expect(codes(proposal({ durationMin: 480 }))).toEqual([]);
	});

	it('rejects an unknown time zone', () => {
		expect(validateInterview(proposal({ timezone: 'Europe/Atlantis' }), ctx())[0]).toMatchObject({
			code: 'invalid_timezone',
			field: 'timezone'
		});
	});

	it('needs at least one panel member', () => {
		expect(validateInterview(proposal({ panel: [] }), ctx())[0]).toEqual({
			code: 'panel_empty',
			field: 'panel',
			message: 'Choose at least one interviewer for the panel.'
		});
	});

	it('accepts only the organization interviewers on the panel and names the others', () => {
		const [p] = validateInterview(proposal({ panel: [ALICE, 'stranger'] }), ctx());
		expect(p).toMatchObject({ code: 'panel_not_interviewer', field: 'panel', ids: ['stranger'] });
		expect(p?.message).toBe('One panel member is not an interviewer of this organization.');
	});

	it('flags a panel member listed twice', () => {
		expect(codes(proposal({ panel: [ALICE, BOB, ALICE] }))).toEqual(['panel_duplicate']);
	});

	it('needs a location for an in-person interview', () => {
		expect(validateInterview(proposal({ mode: 'offline', location: '  ' }), ctx())[0]).toEqual({
			code: 'location_required',
			field: 'location',
			message: 'An in-person (offline) interview needs a location.'
		});
		expect(codes(proposal({ mode: 'offline', location: 'Room 4.12' }))).toEqual([]);
	});

	it('books only selected applications with interviews enabled', () => {
		expect(codes(proposal(), ctx({ application: { ...application, status: 'pending' } }))).toEqual([
			'application_not_eligible'
		]);
		expect(
			validateInterview(proposal(), ctx({ application: { ...application, status: 'rejected' } }))[0]?.message
		).toBe('Only a selected application can get an interview; this one is rejected.');
		expect(codes(proposal(), ctx({ application: { ...application, status: 'interview_scheduled' } }))).toEqual([]);
		expect(codes(proposal(), ctx({ application: { ...application, interviewEnabled: false } }))).toEqual([
			'interview_disabled'
		]);
	});

	it('refuses an unknown application', () => {
		expect(validateInterview(proposal(), ctx({ application: null }))[0]).toMatchObject({
			code: 'application_not_eligible',
			field: 'application_id'
		});
		expect(codes(proposal({ applicationId: 'other' }))).toEqual(['application_not_eligible']);
	});

	it('needs online interviews enabled for an online interview only', () => {
		const c = ctx({ application: { ...application, onlineInterviewEnabled: false } });
		expect(validateInterview(proposal(), c)[0]).toMatchObject({ code: 'online_disabled', field: 'mode' });
		expect(codes(proposal({ mode: 'offline', location: 'Room 1' }), c)).toEqual([]);
	});

	it('allows one active interview per application and round', () => {
		const other = stored({ id: 'i-other' });
		const [p] = validateInterview(proposal(), ctx({ otherInterviews: [other] }));
		expect(p).toMatchObject({ code: 'round_taken', field: 'round', ids: ['i-other'] });
		expect(p?.message).toContain('Round 1');
		expect(codes(proposal({ round: 2 }), ctx({ otherInterviews: [other] }))).toEqual([]);
		expect(codes(proposal(), ctx({ otherInterviews: [stored({ id: 'x', status: 'cancelled' })] }))).toEqual([]);
		expect(codes(proposal(), ctx({ otherInterviews: [stored({ id: 'x', status: 'in_progress' })] }))).toEqual([
			'round_taken'
		]);
	});

	it('does not let an interview being edited collide with itself', () => {
		const self = stored({ id: 'i-1' });
		expect(codes(proposal(), ctx({ otherInterviews: [self], ignoreId: 'i-1' }))).toEqual([]);
	});

	it('rejects a round below 1 and unknown types or modes', () => {
		expect(codes(proposal({ round: 0 }))).toEqual(['invalid_round']);
		expect(codes({ ...proposal(), type: 'chat' as never })).toEqual(['invalid_type']);
		expect(codes({ ...proposal(), mode: 'hybrid' as never })).toEqual(['invalid_mode']);
	});

	it('re-checks a stored interview without calling its past start or its moved-on application a fault', () => {
		const past = proposal({ start: '2026-10-01T10:00:00Z' });
		const c = ctx({ checkTiming: false, checkEligibility: false, application: { ...application, status: 'approved' } });
		expect(codes(past, c)).toEqual([]);
		// Rules that do not depend on time still hold.
		expect(codes({ ...past, panel: [] }, c)).toEqual(['panel_empty']);
	});

	it('reports every broken rule at once', () => {
		expect(
			codes(
				proposal({ start: 'soon', durationMin: 5, panel: [], mode: 'offline', location: '' }),
				ctx({ application: null })
			)
		).toEqual(['invalid_start', 'duration_range', 'location_required', 'panel_empty', 'application_not_eligible']);
	});
});

describe('humanizeMinutes', () => {
	it('uses the units people use', () => {
		expect(humanizeMinutes(120)).toBe('2 hours');
		expect(humanizeMinutes(60)).toBe('1 hour');
		expect(humanizeMinutes(90)).toBe('1 hour 30 minutes');
		expect(humanizeMinutes(45)).toBe('45 minutes');
		expect(humanizeMinutes(1)).toBe('1 minute');
		expect(humanizeMinutes(2880)).toBe('2 days');
	});
});
