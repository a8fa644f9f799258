import { describe, expect, it } from 'vitest';
import {
	FEEDBACK_MAX_CHARS,
	redactScorecardEntry,
	scorecardAccess,
	scorecardBlocker,
	scorecardEntryVisible,
	summarizeScorecards,
	validateScorecard
} from './scorecards';

describe('validateScorecard', () => {
	it('accepts a rating from 1 to 5, a known recommendation and feedback, trimming the feedback', () => {
		for (const rating of [1, 2, 3, 4, 5]) {
			expect(validateScorecard({ rating, recommendation: 'hire', feedback: '  Strong.  ' })).toEqual({
				ok: true,
				value: { rating, recommendation: 'hire', feedback: 'Strong.' }
			});
		}
	});

	it('takes a numeric string rating as a form posts it, and missing feedback as empty', () => {
		expect(validateScorecard({ rating: '4', recommendation: 'maybe' })).toEqual({
			ok: true,
			value: { rating: 4, recommendation: 'maybe', feedback: '' }
		});
	});

	it.each([0, 6, -1, 3.5, '3.5', 'five', true, Number.NaN])('refuses the rating %s, naming the field', (rating) => {
		const result = validateScorecard({ rating, recommendation: 'proceed', feedback: '' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.fields.rating).toBe('must be a whole number from 1 to 5');
			expect(Object.keys(result.fields)).toEqual(['rating']);
		}
	});

	it('says a missing rating and recommendation are required', () => {
		expect(validateScorecard({ feedback: 'x' })).toEqual({
			ok: false,
			fields: { rating: 'is required', recommendation: 'is required' }
		});
	});

	it.each(['strong_hire', 'HIRE', 1, 'yes'])('refuses the unknown recommendation %s', (recommendation) => {
		const result = validateScorecard({ rating: 3, recommendation, feedback: '' });
		expect(result).toEqual({ ok: false, fields: { recommendation: 'must be one of hire, proceed, maybe, reject' } });
	});

	it('accepts feedback of exactly 20,000 characters and refuses one more', () => {
		expect(validateScorecard({ rating: 3, recommendation: 'maybe', feedback: 'a'.repeat(FEEDBACK_MAX_CHARS) }).ok).toBe(
			true
		);
		const result = validateScorecard({
			rating: 3,
			recommendation: 'maybe',
			feedback: 'a'.repeat(FEEDBACK_MAX_CHARS + 1)
		});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fields.feedback).toMatch(/^must be at most 20,000 characters/);
	});

	it('refuses feedback that is not text and a body that is not an object', () => {
		expect(validateScorecard({ rating: 3, recommendation: 'maybe', feedback: 42 })).toEqual({
			ok: false,
			fields: { feedback: 'must be text' }
		});
		expect(validateScorecard(null).ok).toBe(false);
		expect(validateScorecard([1, 'hire']).ok).toBe(false);
	});
});

describe('scorecardAccess', () => {
	const me = 'u-me';
	it('shows an admin every scorecard', () => {
		expect(scorecardAccess({ userId: me, role: 'admin', onPanel: false }, [])).toBe('all');
	});
	it('shows a panel interviewer only their own until they submit, then all', () => {
		const viewer = { userId: me, role: 'interviewer', onPanel: true } as const;
		expect(scorecardAccess(viewer, ['u-other'])).toBe('own_only');
		expect(scorecardAccess(viewer, ['u-other', me])).toBe('all');
	});
	it('shows an interviewer off the panel nothing', () => {
		expect(scorecardAccess({ userId: me, role: 'interviewer', onPanel: false }, [me])).toBe('none');
	});
});

describe('summarizeScorecards', () => {
	it('averages the ratings to one decimal and counts the recommendations', () => {
		expect(
			summarizeScorecards([
				{ rating: 4, recommendation: 'hire' },
				{ rating: 3, recommendation: 'proceed' },
				{ rating: 4, recommendation: 'hire' }
			])
		).toEqual({ count: 3, averageRating: 3.7, recommendations: { hire: 2, proceed: 1, maybe: 0, reject: 0 } });
	});
	it('has no average without scorecards', () => {
		expect(summarizeScorecards([]).averageRating).toBeNull();
	});
});

describe('scorecardBlocker', () => {
	const now = new Date('2026-11-25T10:00:00Z');
	it('refuses before the start, naming when it opens', () => {
		expect(scorecardBlocker({ status: 'scheduled', start: '2026-11-30T10:00:00Z' }, now)).toMatchObject({
			rule: 'interview_not_started',
			opensAt: '2026-11-30T10:00:00Z'
		});
	});
	it('opens at the start, and for one in progress or completed', () => {
		expect(scorecardBlocker({ status: 'scheduled', start: '2026-11-25T10:00:00Z' }, now)).toBeNull();
		expect(scorecardBlocker({ status: 'in_progress', start: '2026-11-25T10:05:00Z' }, now)).toBeNull();
	});
	it('refuses one cancelled or missed, whenever', () => {
		expect(scorecardBlocker({ status: 'cancelled', start: '2026-11-20T10:00:00Z' }, now)?.rule).toBe(
			'interview_not_held'
		);
		expect(scorecardBlocker({ status: 'no_show', start: '2026-11-20T10:00:00Z' }, now)?.rule).toBe(
			'interview_not_held'
		);
	});
});

describe('scorecard entries in the audit log', () => {
	const entry = { action: 'scorecard', old_values: null, new_values: { rating: 4, recommendation: 'proceed' } };
	const priya = { userId: 'p', role: 'interviewer' as const, onPanel: true };
	it('withholds a colleague’s values until the viewer has submitted', () => {
		expect(scorecardEntryVisible(priya, 'i', false)).toBe(false);
		expect(redactScorecardEntry(entry, false)).toEqual({ ...entry, new_values: { hidden: true } });
		expect(scorecardEntryVisible(priya, 'i', true)).toBe(true);
		expect(scorecardEntryVisible({ ...priya, role: 'admin', onPanel: false }, 'i', false)).toBe(true);
		expect(scorecardEntryVisible({ ...priya, onPanel: false }, 'i', true)).toBe(false);
	});
	it('keeps a finalization and other actions as they are', () => {
		const fin = { action: 'scorecard', old_values: null, new_values: { finalized: true, scorecards: 2 } };
		expect(redactScorecardEntry(fin, false)).toBe(fin);
		const moved = { action: 'rescheduled', old_values: { start: 'a' }, new_values: { start: 'b' } };
		expect(redactScorecardEntry(moved, false)).toBe(moved);
	});
});
