/**
 * Clicks made before the page's code has started. The server draws pages such as the calendar's
 * first view, so a person can click them while the code still loads: `src/app.html` keeps the last
 * click on an element marked with `data-early-click` (its value says what, see `EarlyClick`), and the
 * page carries it out once it runs.
 */

/** What an early click asked for: open an interview, or start a new booking. */
export type EarlyClick = { kind: 'open'; id: string } | { kind: 'schedule' };

/** The attribute's value for `click`. */
export function earlyClickValue(click: EarlyClick): string {
	return click.kind === 'open' ? `open:${click.id}` : 'schedule';
}

interface EarlyWindow {
	__parleyEarlyClick?: string;
	__parleyStarted?: boolean;
}

/**
 * The click kept before the code started, once; from then on clicks are the page's own, not kept.
 * Only the calendar draws elements that keep a click, and it takes it when it starts (so the root
 * layout, which every page loads, need not carry this).
 */
export function takeEarlyClick(): EarlyClick | null {
	const w = window as unknown as EarlyWindow;
	w.__parleyStarted = true;
	const value = w.__parleyEarlyClick;
	delete w.__parleyEarlyClick;
	if (value === 'schedule') return { kind: 'schedule' };
	if (value?.startsWith('open:') && value.length > 5) return { kind: 'open', id: value.slice(5) };
	return null;
}
