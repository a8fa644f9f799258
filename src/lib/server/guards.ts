/**
 * Guards every page and endpoint calls: who is asking, in which organization, with which role.
 * Pages redirect a signed-out visitor to /login; the API answers 401/403 with the standard body.
 */
import { m } from '$lib/paraglide/messages';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '$lib/contract/roles';
import type { SessionUser } from './auth';
import { apiError } from './errors';

export interface Actor {
	user: SessionUser;
	orgId: string;
	role: Role;
}

/** The user's membership in their (first) organization, as the app's working context. */
export function membershipOf(user: SessionUser): SessionUser['memberships'][number] | null {
	return user.memberships[0] ?? null;
}

/** The role's home page. */
export function homeFor(role: Role | null): string {
	if (role === 'admin') return '/admin/calendar';
	if (role === 'interviewer') return '/my/interviews';
	if (role === 'candidate') return '/me';
	return '/no-organization';
}

function isApi(event: RequestEvent) {
	return event.url.pathname.startsWith('/api/');
}

/** The signed-in actor; 401 (API) or a redirect to /login (pages) otherwise. */
export function requireUser(event: RequestEvent): Actor {
	const user = event.locals.user;
	if (!user) {
		if (isApi(event)) throw apiError.unauthenticated();
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	const membership = membershipOf(user);
	if (!membership) {
		if (isApi(event)) throw apiError.forbidden(m.guard_no_org());
		error(403, m.guard_no_org());
	}
	// A candidate's personal link opens the candidate's own pages and nothing else.
	if (event.locals.session?.kind === 'link' && membership.role !== 'candidate') {
		if (isApi(event)) throw apiError.forbidden();
		error(403, m.guard_link_only());
	}
	return { user, orgId: membership.orgId, role: membership.role };
}

/** The actor if their role is one of `roles`; 403 otherwise. */
export function requireRole(event: RequestEvent, ...roles: Role[]): Actor {
	const actor = requireUser(event);
	if (!roles.includes(actor.role)) {
		const roleName = { admin: m.role_admin, interviewer: m.role_interviewer, candidate: m.role_candidate };
		const message = m.guard_needs_role({ roles: roles.map((r) => roleName[r]()).join(` ${m.guard_or()} `) });
		if (isApi(event)) throw apiError.forbidden(message);
		error(403, message);
	}
	return actor;
}
