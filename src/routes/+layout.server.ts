import type { LayoutServerLoad } from './$types';
import { membershipOf } from '$lib/server/guards';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	if (!user) return { user: null };
	const m = membershipOf(user);
	return {
		user: {
			id: user.id,
			name: user.name,
			email: user.email,
			role: m?.role ?? null,
			orgName: m?.orgName ?? null,
			orgTimezone: m?.orgTimezone ?? null,
			timezone: user.timezone
		}
	};
};
