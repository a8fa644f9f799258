/**
 * Clicks made before the page's code has started. The server draws pages such as the calendar's
 * first view, so a person can click them while the code still loads: `src/app.html` keeps the last
 * click on an element marked with `data-early-click`, and the page carries it out once it runs.
 */

/** The attribute that marks what an early click may do; its value says what (see `EarlyClick`). */
export const EARLY_CLICK_ATTRIBUTE = 'data-early-click';

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

/** The page's code runs: clicks from now on are its own, not kept (the root layout says it). */
export function pageStarted(): void {
	(window as unknown as EarlyWindow).__parleyStarted = true;
}

/** The click kept before the code started, once. */
export function takeEarlyClick(): EarlyClick | null {
	const w = window as unknown as EarlyWindow;
	pageStarted();
	const value = w.__parleyEarlyClick;
	delete w.__parleyEarlyClick;
	if (value === 'schedule') return { kind: 'schedule' };
	if (value?.startsWith('open:') && value.length > 5) return { kind: 'open', id: value.slice(5) };
	return null;
}
