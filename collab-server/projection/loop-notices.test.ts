import { describe, expect, it } from 'vitest';
import { groupLoopNotices } from './loop-notices';

const n = (interviewId: string, kind: 'interview_scheduled' | 'panel_added', recipientId: string) => ({
	interviewId,
	kind,
	recipientId,
	key: `${kind}:log-${interviewId}`
});

describe('one notice per loop and person', () => {
	it('folds the sessions of one loop into one notice per person and kind, in the loop’s order', () => {
		const loops = [{ id: 'L', interviewIds: ['s1', 's2', 's3'] }];
		const out = groupLoopNotices(
			[
				n('s3', 'interview_scheduled', 'cand'),
				n('s1', 'interview_scheduled', 'cand'),
				n('s2', 'interview_scheduled', 'cand'),
				n('s1', 'interview_scheduled', 'ines'),
				n('s3', 'interview_scheduled', 'ines'),
				n('s2', 'interview_scheduled', 'marco'),
				n('x', 'interview_scheduled', 'cand'),
				n('s2', 'panel_added', 'priya')
			],
			loops
		);
		expect(out).toEqual([
			{ ...n('s1', 'interview_scheduled', 'cand'), loop: { id: 'L', sessionIds: ['s1', 's2', 's3'] } },
			{ ...n('s1', 'interview_scheduled', 'ines'), loop: { id: 'L', sessionIds: ['s1', 's3'] } },
			// One session for a person stays an ordinary notice, as does a kind a loop does not fold.
			n('s2', 'interview_scheduled', 'marco'),
			n('x', 'interview_scheduled', 'cand'),
			n('s2', 'panel_added', 'priya')
		]);
		expect(groupLoopNotices([n('s1', 'interview_scheduled', 'cand')], [])).toEqual([
			n('s1', 'interview_scheduled', 'cand')
		]);
	});
});
