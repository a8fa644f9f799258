import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';
import { ApiError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guards';
import { PEER_CLIENT } from '$lib/contract/peer';
import { refusalError, refusalReason, roomAccess, roomInterviewJson } from '$lib/server/room';

/** The video room of an interview, for its candidate, its panel and the organization's admins. */
export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	let access;
	try {
		access = await roomAccess(event.locals.ctx.sql, actor, event.params.id);
	} catch (err) {
		if (err instanceof ApiError && err.code === 'not_found') error(404, m.room_not_found());
		throw err;
	}
	const reason = refusalReason(access, new Date());
	return {
		interview: roomInterviewJson(access.row),
		role: access.role,
		self: { id: actor.user.id, name: actor.user.name, timezone: actor.user.timezone },
		orgTimezone: actor.user.memberships[0]?.orgTimezone ?? access.row.timezone,
		opensAt: access.opensAt.toISOString(),
		closesAt: access.closesAt.toISOString(),
		refusal: reason ? { reason, message: refusalError(access, reason).message } : null,
		signaling: { url: event.locals.ctx.config.PEER_URL ?? null, ...PEER_CLIENT },
		// Shared notes are the panel's: never shown to the candidate.
		showNotes: access.role !== 'candidate'
	};
};
