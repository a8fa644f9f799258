import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { AUTH, BODY } from '$lib/server/api-docs';
import { setPoolPreference } from '$lib/server/calendar-rules';
import { orgFacts } from '$lib/server/calendar-writes';
import { requireRole } from '$lib/server/guards';

const ABOUT =
	'How the slot finder fills a pool’s seats: `least_loaded` (equal distribution) picks, of the members free at a time, those with the fewest interviews that week in their own zone; `soonest` (maximum availability) picks in the pool’s order. Both offer the same times. `GET /api/v1/availability` and scheduling requests with a pool follow it.';

/** GET /api/v1/pools/preference — how the organization's slot finder picks from a pool. */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getPoolPreference',
		tag: 'Calendar rules',
		summary: 'How pools pick',
		description: ABOUT,
		access: ['admin'],
		who: 'Admins.',
		responses: { 200: { description: 'The preference in force.', schema: S.PoolPreferenceResponse } },
		errors: { ...AUTH }
	},
	async (event) => {
		const actor = requireRole(event, 'admin');
		const { policy } = await orgFacts(event.locals.ctx.sql, actor.orgId);
		return { pool_preference: policy.poolPreference };
	}
);

/** PUT /api/v1/pools/preference — sets how the organization's slot finder picks from a pool. */
export const PUT: RequestHandler = defineRoute(
	{
		operationId: 'setPoolPreference',
		tag: 'Calendar rules',
		summary: 'Set how pools pick',
		description: ABOUT,
		access: ['admin'],
		who: 'Admins.',
		body: S.PoolPreferenceBody,
		responses: { 200: { description: 'The preference now in force.', schema: S.PoolPreferenceResponse } },
		errors: { ...AUTH, ...BODY }
	},
	async (event, input) => {
		const actor = requireRole(event, 'admin');
		const body = await input.body();
		return { pool_preference: await setPoolPreference(event.locals.ctx.sql, actor, body.pool_preference) };
	}
);
