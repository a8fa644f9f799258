import type { PageLoad } from './$types';

/**
 * The parts of the interview page that only some viewers see: each is fetched only when this page
 * draws it (the list of submitted scorecards and "Finalize", the viewer's own card while scoring is
 * closed, the emails for admins), so a panel member who has not scored yet does not preload them.
 * The server draws them as before; in the browser this load runs before the page hydrates, so a
 * viewer who sees one waits for its script then (not preloaded: one round trip more for them), and
 * again when an action changes what is shown (a scorecard submitted shows the others'). The
 * scorecard form is not among them: it is what a panel member comes to this page for.
 */
export const load: PageLoad = async ({ data }) => {
	const cards = data.scorecards;
	const admin = data.viewer.role === 'admin';
	const [list, card, deliveries] = await Promise.all([
		admin || (!cards.hidden_until_you_submit && cards.data.length > 0)
			? import('$lib/components/scorecards/ScorecardList.svelte')
			: null,
		cards.can_submit && cards.blocked && cards.mine ? import('$lib/components/scorecards/ScorecardCard.svelte') : null,
		admin ? import('$lib/components/notifications/Deliveries.svelte') : null
	]);
	return {
		...data,
		parts: {
			ScorecardList: list?.default ?? null,
			ScorecardCard: card?.default ?? null,
			Deliveries: deliveries?.default ?? null
		}
	};
};
