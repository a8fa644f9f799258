/** Cache Storage names shared by the service worker and the pages. */

/** The pages kept for offline use: the service worker serves them, the calendar adds the open page. */
export const PAGE_CACHE = 'parley-pages';
