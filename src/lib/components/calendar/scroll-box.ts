import type { Attachment } from 'svelte/attachments';
import { m } from '$lib/paraglide/messages';

/**
 * Makes the calendar widget's scroll box (`.ec-main`) reachable by keyboard and named, whenever the
 * widget draws it again (a view change replaces it). With no interview in view it holds nothing
 * focusable, so without this a keyboard user could not scroll the hours (WCAG 2.1.1; axe's
 * `scrollable-region-focusable`).
 */
export const focusableScrollBox: Attachment<HTMLElement> = (node) => {
	const mark = () => {
		for (const box of node.querySelectorAll<HTMLElement>('.ec-main')) {
			if (box.tabIndex !== 0) box.tabIndex = 0;
			const name = m.cal_grid_label();
			if (box.getAttribute('aria-label') !== name) box.setAttribute('aria-label', name);
		}
	};
	mark();
	const observer = new MutationObserver(mark);
	observer.observe(node, { childList: true, subtree: true });
	return () => observer.disconnect();
};
