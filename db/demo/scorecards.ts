/**
 * The full demo's scorecards and decisions, as plain data: each panel member's judgement of each
 * interview that took place, in keeping with what became of the application (an approved one was
 * rated well, a rejected one poorly), written some hours after the interview. The newest interview
 * of an undecided application with a panel of two or more still waits for its last scorecard, so the
 * demo shows "submit yours to see theirs" and the reminder to submit. Deterministic: the variation
 * comes from a hash of the candidate and author names, not from a random source.
 */
import { validateScorecard, type Recommendation } from '../../src/lib/domain/scorecards';
import type { ApplicationStatus } from '../../src/lib/domain/types';
import { zonedDate } from '../../src/lib/domain/time';
import { businessDay } from './schedule';

/** An interview that took place, as the demo reads it back from the projection. */
export interface HeldInterview {
	id: string;
	start: Date;
	end: Date;
	candidateName: string;
	applicationStatus: ApplicationStatus;
	/** Interviews of this application, this one included. */
	rounds: number;
	round: number;
	/** By name. */
	panel: { id: string; name: string }[];
}

export interface DemoScorecard {
	interviewId: string;
	authorId: string;
	rating: number;
	recommendation: Recommendation;
	feedback: string;
	submittedAt: Date;
}

const HOUR_MS = 3_600_000;

/** FNV-1a: a small stable hash, so the same names always get the same judgement. */
export function stableHash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

const FEEDBACK: Record<Recommendation, readonly string[]> = {
	hire: [
		'Outstanding conversation: precise answers, good questions back, and a clear plan for the first year.',
		'Strong research fit with the group; explained the thesis project with real depth. Admit.',
		'Calm under the harder questions and honest about what they did not know. A clear yes.'
	],
	proceed: [
		'Solid fundamentals and good motivation; the next round should probe the statistics background.',
		'Communicates well; a little vague on methods. Worth the next round.',
		'Good problem solving once warmed up. Would like a colleague to check the depth of the coursework.',
		'Enthusiastic and well prepared; the research interests match two of our groups.'
	],
	maybe: [
		'Friendly and motivated, but the answers on the core topics stayed on the surface.',
		'Mixed: strong in the portfolio discussion, weak on the quantitative questions.'
	],
	reject: [
		'Could not explain the main project in their own words; little sign of the background the programme needs.',
		'Motivation unclear and answers mostly off the question. Not ready for this programme.'
	]
};

/** The judgement a panel member gives, in keeping with the application's outcome. */
function judgement(
	i: HeldInterview,
	author: { name: string },
	k: number
): Pick<DemoScorecard, 'rating' | 'recommendation' | 'feedback'> {
	const h = stableHash(`${i.candidateName}|${author.name}|${i.round}`);
	const last = i.round === i.rounds;
	let rating: number;
	let recommendation: Recommendation;
	if (i.applicationStatus === 'approved') {
		rating = 4 + (h % 2);
		recommendation = last ? 'hire' : 'proceed';
	} else if (i.applicationStatus === 'rejected') {
		rating = 1 + (h % 2);
		recommendation = h % 5 === 0 ? 'maybe' : 'reject';
	} else {
		rating = 3 + (h % 2);
		recommendation = h % 4 === 0 ? 'maybe' : 'proceed';
	}
	const pool = FEEDBACK[recommendation];
	// Panel members of one interview take different sentences of a pool (the k-th after the interview's own).
	const first = stableHash(`${i.candidateName}|${i.round}`);
	return { rating, recommendation, feedback: pool[(first + k) % pool.length]! };
}

/**
 * The scorecards of the interviews that took place: one per panel member, submitted two to twenty
 * hours after the end (never after `now`), except the last panel member's on the newest interview of
 * an undecided application with a panel of two or more (held on the last business day).
 */
export function demoScorecards(held: readonly HeldInterview[], now: Date, zone: string): DemoScorecard[] {
	const lastBusinessDay = businessDay(now, -1, zone);
	const out: DemoScorecard[] = [];
	for (const i of held) {
		const owing =
			i.applicationStatus === 'interview_scheduled' &&
			i.panel.length >= 2 &&
			zonedDate(i.start, zone) === lastBusinessDay;
		const authors = owing ? i.panel.slice(0, -1) : i.panel;
		for (const [k, author] of authors.entries()) {
			const card = judgement(i, author, k);
			if (!validateScorecard(card).ok) throw new Error(`demo scorecard for ${i.candidateName} is not valid`);
			const delay = (2 + (stableHash(`${i.id}|${author.id}`) % 19)) * HOUR_MS;
			const submittedAt = new Date(Math.min(i.end.getTime() + delay, now.getTime() - 10 * 60_000));
			out.push({ interviewId: i.id, authorId: author.id, ...card, submittedAt });
		}
	}
	return out;
}

/** When a demo interview was booked: a week before it, and never later than a day before now (minus a few hours). */
export function bookedAt(start: Date, now: Date, n: number): Date {
	const weekBefore = start.getTime() - 7 * 24 * HOUR_MS;
	return new Date(Math.min(weekBefore, now.getTime() - 24 * HOUR_MS) - (n % 8) * HOUR_MS);
}
