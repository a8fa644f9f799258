/** Which interviews an actor may see: admins their org's, interviewers those they sit on. */
import type { RequestEvent } from '@sveltejs/kit';
import { fail } from './errors';
import { requireRole, type Actor } from './guards';
import { findInterview, onPanel, type InterviewRow } from './interviews';
import { db } from './runtime';

/** The interview if the actor may read it; 404 otherwise (its existence is not revealed). */
export async function visibleInterview(event: RequestEvent, id: string): Promise<{ actor: Actor; row: InterviewRow }> {
	const actor = requireRole(event, 'admin', 'interviewer');
	const row = await findInterview(db(), actor.orgId, id);
	if (!row || (actor.role === 'interviewer' && !onPanel(row, actor.user.id))) throw fail.notFound('The interview');
	return { actor, row };
}
