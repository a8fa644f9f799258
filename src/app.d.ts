import type { SessionUser, Session } from '$lib/server/auth';
import type { AppContext } from '$lib/server/context';

declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			/** The services' context (src/lib/server/context.ts), set by the hooks on every request. */
			ctx: AppContext;
			user: SessionUser | null;
			session: Session | null;
			/** Set when the request authenticated with a personal API token instead of a cookie. */
			apiToken: { id: string; orgId: string } | null;
			/** The language this request is answered in (src/lib/i18n/locale.ts). */
			locale: import('$lib/i18n/locale').Locale;
		}
		interface PageData {
			/** The language the page is drawn in (the root layout's data). */
			locale?: import('$lib/i18n/locale').Locale;
			/** Set by a page the server renders alone (`csr = false`): the root layout draws plain equivalents. */
			plain?: boolean;
			/** The BCP 47 locale dates and numbers are formatted in (src/lib/format). */
			formatLocale?: string;
			user?: {
				id: string;
				name: string;
				email: string;
				role: import('$lib/contract/roles').Role | null;
				orgName: string | null;
				orgTimezone: string | null;
				timezone: string | null;
			} | null;
		}
	}
}

export {};
