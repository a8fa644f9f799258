/**
 * Scorecards: the rules for one interviewer's independent judgement of an interview. Pure data in,
 * plain data out; the API, the form on the interview page and the admin's candidate page share them.
 */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const FEEDBACK_MAX_CHARS = 20_000;
export const RECOMMENDATIONS = ['hire', 'proceed', 'maybe', 'reject'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Labels people read (the API keeps the codes). */
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
	hire: 'Hire / admit',
	proceed: 'Proceed to next round',
	maybe: 'Maybe',
	reject: 'Reject'
};

/** A valid scorecard as its author submits it. */
export interface ScorecardInput {
	rating: number;
	recommendation: Recommendation;
	feedback: string;
}

/** Field name → what is wrong with it, in words that complete "rating …". */
export type ScorecardFieldErrors = Partial<Record<keyof ScorecardInput | '(body)', string>>;

export type ScorecardValidation = { ok: true; value: ScorecardInput } | { ok: false; fields: ScorecardFieldErrors };

/** True for one of the four recommendation codes. */
export function isRecommendation(value: unknown): value is Recommendation {
	return typeof value === 'string' && (RECOMMENDATIONS as readonly string[]).includes(value);
}

/**
 * Checks a submitted scorecard. Accepts the rating as a number or a numeric string (an HTML form
 * posts strings); feedback may be missing (empty) and is trimmed at the ends.
 */
export function validateScorecard(input: unknown): ScorecardValidation {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, fields: { '(body)': 'must be an object with rating, recommendation and feedback' } };
	}
	const raw = input as Record<string, unknown>;
	const fields: ScorecardFieldErrors = {};

	let rating = raw.rating;
	if (typeof rating === 'string' && /^\s*\d+\s*$/.test(rating)) rating = Number(rating);
	if (rating === undefined || rating === null || rating === '') fields.rating = 'is required';
	else if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX)
		fields.rating = `must be a whole number from ${RATING_MIN} to ${RATING_MAX}`;

	const recommendation = raw.recommendation;
	if (recommendation === undefined || recommendation === null || recommendation === '')
		fields.recommendation = 'is required';
	else if (!isRecommendation(recommendation)) fields.recommendation = `must be one of ${RECOMMENDATIONS.join(', ')}`;

	const feedback = raw.feedback ?? '';
	if (typeof feedback !== 'string') fields.feedback = 'must be text';
	else if (feedback.length > FEEDBACK_MAX_CHARS)
		fields.feedback = `must be at most ${FEEDBACK_MAX_CHARS.toLocaleString('en-US')} characters (it has ${feedback.length.toLocaleString('en-US')})`;

	if (Object.keys(fields).length) return { ok: false, fields };
	return {
		ok: true,
		value: {
			rating: rating as number,
			recommendation: recommendation as Recommendation,
			feedback: (feedback as string).trim()
		}
	};
}

/** Who is looking at an interview's scorecards. */
export interface ScorecardViewer {
	userId: string;
	role: 'admin' | 'interviewer';
	onPanel: boolean;
}

/**
 * What a viewer may see of an interview's scorecards, to avoid anchoring bias: admins see all; a
 * panel interviewer sees their own, and the others' only once they have submitted theirs; nobody
 * else sees any.
 */
export function scorecardAccess(viewer: ScorecardViewer, authorIds: readonly string[]): 'all' | 'own_only' | 'none' {
	if (viewer.role === 'admin') return 'all';
	if (!viewer.onPanel) return 'none';
	return authorIds.includes(viewer.userId) ? 'all' : 'own_only';
}

/** The average rating (one decimal) and the count per recommendation of submitted scorecards. */
export function summarizeScorecards(cards: readonly { rating: number; recommendation: Recommendation }[]): {
	count: number;
	averageRating: number | null;
	recommendations: Record<Recommendation, number>;
} {
	const recommendations = { hire: 0, proceed: 0, maybe: 0, reject: 0 } as Record<Recommendation, number>;
	let sum = 0;
	for (const c of cards) {
		sum += c.rating;
		recommendations[c.recommendation] += 1;
	}
	return {
		count: cards.length,
		averageRating: cards.length ? Math.round((sum / cards.length) * 10) / 10 : null,
		recommendations
	};
}

/** Why a scorecard cannot be submitted for an interview yet (or at all); null when it can. */
export interface ScorecardBlocker {
	rule: 'interview_not_started' | 'interview_not_held';
	message: string;
	/** The interview's status, for a blocker of one not held (the edge names it in the reader's words). */
	status?: string;
	/** When the form opens (the start), for an interview still to come. */
	opensAt?: string;
}

/**
 * A scorecard judges an interview that took place: none before its start (nothing has been seen
 * yet), none for one cancelled or missed. The API, the page's form and its explanation share this.
 */
export function scorecardBlocker(interview: { status: string; start: string }, now: Date): ScorecardBlocker | null {
	if (interview.status === 'cancelled' || interview.status === 'no_show')
		return {
			rule: 'interview_not_held',
			status: interview.status,
			message: `This interview is ${interview.status.replace('_', ' ')}: there is nothing to score.`
		};
	if (
		interview.status !== 'in_progress' &&
		interview.status !== 'completed' &&
		Date.parse(interview.start) > now.getTime()
	)
		return {
			rule: 'interview_not_started',
			message: 'The scorecard opens when the interview starts: judge what you have seen, not before.',
			opensAt: interview.start
		};
	return null;
}

/** One audit entry as a viewer may read it: a withheld scorecard's values are replaced by `{hidden: true}`. */
export function redactScorecardEntry<
	E extends { action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }
>(entry: E, visible: boolean): E {
	if (entry.action !== 'scorecard' || visible || entry.new_values?.finalized === true) return entry;
	return { ...entry, old_values: entry.old_values ? { hidden: true } : null, new_values: { hidden: true } };
}

/**
 * Whether a viewer may read the rating and recommendation that `authorId` gave, by the rule of
 * `scorecardAccess`: all for admins and for panel members who submitted theirs, their own otherwise.
 */
export function scorecardEntryVisible(
	viewer: ScorecardViewer,
	authorId: string | null,
	viewerSubmitted: boolean
): boolean {
	const access = scorecardAccess(viewer, viewerSubmitted ? [viewer.userId] : []);
	return access === 'all' || (access === 'own_only' && authorId === viewer.userId);
}
