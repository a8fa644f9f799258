/** Cache Storage names shared by the service worker and the pages. */

/** The pages kept for offline use: the service worker serves them, the calendar adds the open page. */
export const PAGE_CACHE = 'parley-pages';

/** The pages that work offline (the live calendars): the worker serves them, and only they keep themselves. */
export const OFFLINE_PAGES: readonly string[] = ['/admin/calendar', '/my/interviews'];
