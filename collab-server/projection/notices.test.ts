import { describe, expect, it } from 'vitest';
import { noticesFor, type NoticeFacts } from './notices';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const at = (h: number) => new Date(NOW + h * 3600_000).toISOString();
const state = (startH: number, panel: string[], status = 'scheduled') => ({
	start: at(startH),
	end: at(startH + 1),
	status,
	panel
});
const change = (over: Partial<NoticeFacts>): NoticeFacts => ({
	interviewId: 'i1',
	action: 'scheduled',
	actorId: 'admin',
	reason: null,
	candidateId: 'cand',
	before: null,
	after: state(48, ['ines', 'marco']),
	...over
});
const who = (notices: ReturnType<typeof noticesFor>) => notices.map((n) => `${n.kind}:${n.recipientId}:${n.as}`).sort();

describe('notices of projected changes', () => {
	it('tells the candidate and the panel about a booking', () => {
		expect(who(noticesFor([change({})], NOW))).toEqual([
			'interview_scheduled:cand:candidate',
			'interview_scheduled:ines:interviewer',
			'interview_scheduled:marco:interviewer'
		]);
	});

	it('says nothing about an interview booked in the past, or one not scheduled', () => {
		expect(noticesFor([change({ after: state(-5, ['ines']) })], NOW)).toEqual([]);
		expect(noticesFor([change({ after: state(-5, ['ines'], 'completed') })], NOW)).toEqual([]);
	});

	it('tells who stays about a move with the old time, and who joins or leaves with it as added or removed', () => {
		const notices = noticesFor(
			[
				change({
					action: 'rescheduled',
					reason: 'Room taken',
					before: state(24, ['ines', 'marco']),
					after: state(48, ['ines', 'priya'])
				})
			],
			NOW
		);
		expect(who(notices)).toEqual([
			'interview_rescheduled:cand:candidate',
			'interview_rescheduled:ines:interviewer',
			'panel_added:priya:interviewer',
			'panel_removed:marco:interviewer'
		]);
		const moved = notices.find((n) => n.recipientId === 'ines')!;
		expect(moved.extra).toEqual({ previous: { start: at(24), end: at(25) }, reason: 'Room taken' });
		// The reason is the panel's: the candidate gets the old time only.
		expect(notices.find((n) => n.recipientId === 'cand')!.extra).toEqual({ previous: { start: at(24), end: at(25) } });
	});

	it('tells the candidate and the panel it had about a cancel, and about a removal of an interview still to happen', () => {
		for (const action of ['cancelled', 'removed']) {
			const notices = noticesFor(
				[change({ action, before: state(24, ['ines']), after: state(24, ['ines'], 'cancelled') })],
				NOW
			);
			expect(who(notices)).toEqual(['interview_cancelled:cand:candidate', 'interview_cancelled:ines:interviewer']);
		}
		// Removing an interview that already took place cancels nothing.
		expect(
			noticesFor(
				[
					change({
						action: 'removed',
						before: state(-3, ['ines'], 'completed'),
						after: state(-3, ['ines'], 'completed')
					})
				],
				NOW
			)
		).toEqual([]);
	});

	it('tells only those concerned when the panel changes alone', () => {
		const notices = noticesFor(
			[change({ action: 'updated', before: state(24, ['ines', 'marco']), after: state(24, ['ines', 'priya']) })],
			NOW
		);
		expect(who(notices)).toEqual(['panel_added:priya:interviewer', 'panel_removed:marco:interviewer']);
	});

	it('tells nobody about their own change, and nothing about a status that only moves on', () => {
		expect(who(noticesFor([change({ actorId: 'ines' })], NOW))).not.toContain('interview_scheduled:ines:interviewer');
		expect(
			noticesFor(
				[change({ action: 'started', before: state(0, ['ines']), after: state(0, ['ines'], 'in_progress') })],
				NOW
			)
		).toEqual([]);
		expect(
			noticesFor([change({ action: 'updated', before: state(24, ['ines']), after: { ...state(24, ['ines']) } })], NOW)
		).toEqual([]);
	});

	it('treats an interview put back after a cancel (an undo) as scheduled again', () => {
		const notices = noticesFor(
			[change({ action: 'updated', before: state(24, ['ines'], 'cancelled'), after: state(24, ['ines']) })],
			NOW
		);
		expect(who(notices)).toEqual(['interview_scheduled:cand:candidate', 'interview_scheduled:ines:interviewer']);
	});
});
