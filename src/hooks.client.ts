import { page } from '$app/state';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { asLocale, BASE_LOCALE } from '$lib/i18n/locale';

// The server decides each page's language (src/hooks.server.ts) and hands it to the browser with the
// root layout's data. Messages read it from there, so they redraw when a navigation changes it
// (signing in, saving Settings); before any data, <html lang> as the server wrote it.
overwriteGetLocale(() => asLocale(page.data?.locale) ?? asLocale(document.documentElement.lang) ?? BASE_LOCALE);
