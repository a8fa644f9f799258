import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/guards';
import { panelInterviews } from '$lib/server/views/my-interviews';
import { teamWeek } from '$lib/server/views/team-week';

/**
 * The interviews this person sits on (`panel_interviewers`) and the team's week, filtered on the
 * server: others' interviews only as busy blocks (decision 50; no calendar document here).
 */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'interviewer', 'admin');
	const { sql } = event.locals.ctx;
	const now = Date.now();
	const membership = actor.user.memberships.find((m) => m.orgId === actor.orgId);
	const zone = actor.user.timezone ?? membership?.orgTimezone ?? 'UTC';
	const mine = await panelInterviews(sql, actor.orgId, actor.user.id);
	const ended = (m: (typeof mine)[number]) => Date.parse(m.start) + m.durationMin * 60_000 < now;
	return {
		upcoming: mine.filter((m) => !ended(m) && (m.status === 'scheduled' || m.status === 'in_progress')),
		past: mine.filter((m) => ended(m) || !(m.status === 'scheduled' || m.status === 'in_progress')).reverse(),
		team: await teamWeek(sql, {
			orgId: actor.orgId,
			userId: actor.user.id,
			zone,
			date: event.url.searchParams.get('date')
		}),
		zone
	};
};
