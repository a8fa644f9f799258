import { describe, expect, it } from 'vitest';
import { closureProblem } from '$lib/domain/closures';
import type { Blocker, BlockerSay } from '$lib/domain/explain';
import { judgeLoad } from '$lib/domain/load';
import { resolvePolicy } from '$lib/domain/policy';
import { roundOrderProblem } from '$lib/domain/rounds';
import { transitionProblem, outcomeTimingProblem } from '$lib/domain/status';
import { validateInterview } from '$lib/domain/validation';
import { blockerText } from './blockers';
import { problemText, warningText } from './problems';

const NB = '\u00a0';
const NOW = new Date('2026-11-24T08:00:00Z');
const proposal = (over: Record<string, unknown> = {}) => ({
	applicationId: 'a1',
	start: '2026-11-26T10:00:00Z',
	durationMin: 45,
	timezone: 'Europe/Paris',
	type: 'video',
	mode: 'online',
	location: null,
	round: 1,
	panel: ['i1'],
	...over
});
const ctx = (over: Record<string, unknown> = {}) => ({
	policy: resolvePolicy({}),
	now: NOW,
	orgInterviewerIds: new Set(['i1']),
	application: {
		id: 'a1',
		status: 'selected' as const,
		interviewEnabled: true,
		onlineInterviewEnabled: true
	},
	otherInterviews: [],
	...over
});
const first = (p: Record<string, unknown>, c: Record<string, unknown> = {}) =>
	validateInterview(proposal(p) as never, ctx(c) as never)[0]!;

describe('the judge’s sentences with numbers, in French', () => {
	it('says the minimum notice and the horizon with their numbers, for a booking and a new time', () => {
		const notice = first({ start: '2026-11-24T09:00:00Z' });
		expect(notice.code).toBe('min_notice');
		expect(problemText(notice, 'en')).toBe('The start must be at least 2 hours from now.');
		expect(problemText(notice, 'fr')).toBe(`L’entretien doit commencer dans 2${NB}heures au moins.`);
		const odd = first(
			{ start: '2026-11-24T09:00:00Z' },
			{ policy: resolvePolicy({ minNoticeMin: 90 }), isReschedule: true }
		);
		expect(problemText(odd, 'fr')).toBe(`Le nouvel horaire doit être dans 1${NB}heure 30${NB}minutes au moins.`);
		const far = first({ start: '2027-03-01T10:00:00Z' });
		expect(far.code).toBe('too_far_ahead');
		expect(problemText(far, 'fr')).toBe(`L’entretien ne peut pas commencer plus de 90${NB}jours à l’avance.`);
	});

	it('says a holiday with its days in the French date format', () => {
		const one = closureProblem({ kind: 'holiday', name: 'Noël', startDate: '2026-12-25', endDate: '2026-12-25' });
		expect(problemText(one, 'fr')).toBe(
			`Noël (25 déc. 2026) est un jour férié${NB}: aucun entretien n’a lieu ce jour-là.`
		);
		const span = closureProblem({ kind: 'blackout', name: 'Jury', startDate: '2026-12-24', endDate: '2026-12-26' });
		expect(problemText(span, 'fr')).toMatch(/^Jury \(24–26 déc\. 2026\) sont des dates bloquées/);
		expect(problemText(span, 'en')).toBe(span.message);
	});

	it('says a load limit and its warning with the count, the limit and the day', () => {
		const limits = new Map([['i1', { timezone: 'Europe/Paris', limit: { perDay: 2, perWeek: 5 } }]]);
		const booked = (id: string, start: string) => ({ id, start, panel: ['i1'], status: 'scheduled' as const });
		const one = [booked('x1', '2026-11-30T09:00:00Z')];
		const near = judgeLoad({ start: '2026-11-30T13:00:00Z', panel: ['i1'] }, one, limits, 80);
		expect(near.warnings).toHaveLength(1);
		expect(warningText(near.warnings[0]!, 'fr')).toBe('C’est l’entretien 2 sur 2 autorisés le lun. 30 nov.');
		const over = judgeLoad(
			{ start: '2026-11-30T15:00:00Z', panel: ['i1'] },
			[...one, booked('x2', '2026-11-30T11:00:00Z')],
			limits,
			80
		);
		expect(problemText(over.problems[0]!, 'fr')).toBe(
			`Un membre du jury a déjà 2${NB}entretiens le lun. 30 nov., sa limite quotidienne.`
		);
	});

	it('says round order and a round taken with their rounds', () => {
		const r1 = { id: 'r1', applicationId: 'a1', round: 1, status: 'scheduled' as const, start: '2026-12-10T09:00:00Z' };
		const problem = roundOrderProblem({ applicationId: 'a1', round: 2, start: '2026-12-01T09:00:00Z' }, [r1])!;
		expect(problemText(problem, 'fr')).toBe(
			'Le tour 2 aurait lieu avant le tour 1 de cette candidature\u202f; les tours suivent leurs dates. Choisissez un horaire après le tour 1.'
		);
		const taken = first({}, { otherInterviews: [{ ...r1, id: 'r9', start: '2026-12-20T09:00:00Z' }] });
		expect(taken.code).toBe('round_taken');
		expect(problemText(taken, 'fr')).toMatch(/^Le tour 1 de cette candidature a déjà un entretien actif/);
	});

	it('says a refused status move with the French status words', () => {
		expect(problemText(transitionProblem('completed', 'scheduled')!, 'fr')).toBe(
			'Un entretien «\u00a0terminé\u00a0» ne peut pas être marqué «\u00a0programmé\u00a0».'
		);
		expect(problemText(transitionProblem('cancelled', 'cancelled')!, 'fr')).toBe(
			'L’entretien est déjà «\u00a0annulé\u00a0».'
		);
		expect(problemText(outcomeTimingProblem('completed', '2026-12-01T09:00:00Z', NOW)!, 'fr')).toMatch(
			/^L’entretien n’a pas encore commencé/
		);
	});
});

describe('“why no free times?” in French', () => {
	// Every sentence the explanation says, so a new one cannot go untranslated (the record is exhaustive).
	const ALL: Record<BlockerSay, Omit<Blocker, 'reason'>> = {
		too_soon: { params: { minutes: 120 }, message: 'Too soon: bookings need 2 hours’ notice.' },
		too_far: { params: { days: 90 }, message: 'Too far ahead: bookings can be at most 90 days ahead.' },
		earlier_too_soon: { params: { minutes: 120 }, message: 'Earlier in the day is too soon' },
		later_too_far: { params: { days: 90 }, message: 'Later in the day is too far ahead' },
		closure: { params: { name: 'Noël', kind: 'holiday' }, message: 'Noël is a holiday' },
		candidate_hours: { message: 'Outside the candidate’s hours.' },
		no_work_day: { message: 'Does not work on this day.' },
		hours_too_short: { params: { minutes: 45 }, message: 'Their working hours leave no 45 minutes then.' },
		daily_limit: { message: 'At their daily limit of interviews.' },
		weekly_limit: { params: { week: '2026-11-30' }, message: 'At their weekly limit' },
		busy: { params: { count: 2, minutes: 60 }, message: 'Busy: 2 interviews leave no 1 hour free' },
		no_common_time: { message: 'Everyone has free time' },
		loop_past_range: { message: 'The loop would end after the last day searched.' },
		loop_busy: { message: 'Busy: another interview at the time of this session.' },
		loop_outside_hours: { message: 'Outside their working hours at the time of this session.' },
		pool_not_together: { message: 'Free this day, but never at the same time' },
		pool_too_few: { params: { free: 1, count: 2 }, message: 'Only 1 of the pool' },
		pool_never_together: { params: { free: 3, count: 2 }, message: '3 of the pool' },
		problem: {
			problem: { code: 'min_notice', params: { minutes: 120, reschedule: 0 }, message: 'The start must be…' },
			message: 'The start must be…'
		}
	};

	it('says every sentence of the explanation in French, and the domain’s English in English', () => {
		for (const [say, b] of Object.entries(ALL)) {
			const blocker = { ...b, say: say as BlockerSay };
			const fr = blockerText(blocker, 'fr');
			expect(fr, say).not.toBe(b.message);
			expect(fr, say).not.toMatch(/\b(the|their|interviews?|bookings?|day)\b/i);
			expect(blockerText(blocker, 'en')).toBe(b.message);
		}
		expect(blockerText({ say: 'busy', params: { count: 2, minutes: 60 }, message: '' }, 'fr')).toBe(
			`Occupé·e${NB}: 2${NB}entretiens ne laissent pas 1${NB}heure de libre dans ses horaires.`
		);
		expect(blockerText({ say: 'weekly_limit', params: { week: '2026-11-30' }, message: '' }, 'fr')).toBe(
			'A atteint sa limite hebdomadaire d’entretiens (semaine du lun. 30 nov.).'
		);
	});
});
