import { describe, expect, it } from 'vitest';
import { candidateChangeProblem } from '$lib/domain/candidate-changes';
import { statusLabel, typeLabel } from '$lib/format/status';
import { problemText } from './problems';

const facts = (over: Partial<Parameters<typeof candidateChangeProblem>[3]> = {}) => ({
	now: new Date('2026-12-01T10:00:00Z'),
	policy: { candidateCutoffHours: 24, candidateMaxReschedules: 2 },
	reschedulesUsed: 0,
	pending: false,
	...over
});
const soon = { status: 'scheduled' as const, start: '2026-12-01T20:00:00Z' };
const later = { status: 'scheduled' as const, start: '2026-12-09T20:00:00Z' };

describe('problemText', () => {
	it('says a candidate’s refusal in French with its numbers, the code unchanged', () => {
		const cutoff = candidateChangeProblem('cancel', soon, 'x', facts())!;
		expect(cutoff.code).toBe('change_cutoff');
		expect(problemText(cutoff, 'fr')).toBe(
			'Une modification peut être demandée jusqu’à 24\u00a0heures avant l’entretien. Veuillez contacter directement l’organisation.'
		);
		expect(problemText(cutoff, 'en')).toBe(cutoff.message);
		const limit = candidateChangeProblem('reschedule', later, 'x', facts({ reschedulesUsed: 2 }))!;
		expect(problemText(limit, 'fr')).toContain('déjà déplacé 2\u00a0fois');
		const none = candidateChangeProblem(
			'reschedule',
			later,
			'x',
			facts({ policy: { candidateCutoffHours: 24, candidateMaxReschedules: 0 } })
		)!;
		expect(problemText(none, 'fr')).toBe(
			'Les entretiens ne peuvent pas être déplacés sur demande ici. Vous pouvez encore demander une annulation.'
		);
		expect(problemText(candidateChangeProblem('cancel', later, ' ', facts())!, 'fr')).toBe(
			'Indiquez le motif à l’organisation, en quelques mots.'
		);
	});

	it('keeps the English sentence of a problem with no translation yet, never a blank', () => {
		expect(problemText({ code: 'holiday', message: 'The office is closed then.' }, 'fr')).toBe(
			'The office is closed then.'
		);
	});
});

describe('status and type words', () => {
	it('reads each code in the language asked for', () => {
		expect(statusLabel('interview', 'cancelled', 'staff', 'fr')).toBe('Annulé');
		expect(statusLabel('application', 'pending', 'candidate', 'fr')).toBe('En cours d’examen');
		expect(statusLabel('interview', 'cancelled')).toBe('Cancelled');
		expect(typeLabel('video', 'long', 'fr')).toBe('Entretien en visio');
		expect(typeLabel('something_new', 'long', 'fr')).toBe('Entretien');
	});
});
