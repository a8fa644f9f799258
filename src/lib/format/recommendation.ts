/** How a scorecard's recommendation reads (the form, the cards, the history). */
import { isRecommendation, type Recommendation } from '$lib/domain/scorecards';
import { m } from '$lib/paraglide/messages';

const RECOMMENDATION: Record<Recommendation, () => string> = {
	hire: m.rec_hire,
	proceed: m.rec_proceed,
	maybe: m.rec_maybe,
	reject: m.rec_reject
};

/** A recommendation code as people read it, in the page's language. */
export function recommendationLabel(code: unknown): string {
	return isRecommendation(code) ? RECOMMENDATION[code]() : String(code);
}
