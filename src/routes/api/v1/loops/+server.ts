import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { requireRole } from '$lib/server/guards';
import { bookLoop } from '$lib/server/loops';
import { db, runtime } from '$lib/server/runtime';
import { NewLoopBody } from '$lib/server/schemas';
import { readJson } from '$lib/server/validate';

/** POST /api/v1/loops — books a candidate's sessions back to back in one step: all of them or none. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireRole(event, 'admin');
	const b = await readJson(event.request, NewLoopBody);
	const loop = await bookLoop({ sql: db(), kind: runtime().db.kind }, actor, {
		applicationId: b.application_id,
		start: b.start,
		timezone: b.timezone,
		breakMin: b.break_min,
		mode: b.mode,
		location: b.location,
		sessions: b.sessions.map((s) => ({ panel: [...new Set(s.panel)], durationMin: s.duration_min, type: s.type }))
	});
	return json({ id: loop.id, interview_ids: loop.interviewIds }, { status: 201 });
});
