import type { SessionUser, Session } from '$lib/server/auth';

declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** Set when the request authenticated with a personal API token instead of a cookie. */
			apiToken: { id: string; orgId: string } | null;
		}
		interface PageData {
			user?: {
				id: string;
				name: string;
				email: string;
				role: import('$lib/roles').Role | null;
				orgName: string | null;
				orgTimezone: string | null;
				timezone: string | null;
			} | null;
		}
	}
}

export {};
