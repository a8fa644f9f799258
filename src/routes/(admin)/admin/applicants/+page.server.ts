import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { APPLICATION_MOVES } from '$lib/domain/applications';
import { APPLICATION_STATUSES, type ApplicationStatus } from '$lib/domain';
import { ApiError } from '$lib/server/errors';
import { requireRole } from '$lib/server/guards';
import { patchApplication } from '$lib/server/applications';
import { db } from '$lib/server/runtime';
import { readForm } from '$lib/server/forms';

/** The applications of one cycle with their next interview, for the pipeline table. */
export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const sql = db();
	const cycles = await sql<{ id: string; name: string; status: string; starts_on: Date; ends_on: Date }[]>`
		select id, name, status, starts_on, ends_on from cycles where org_id = ${actor.orgId}
		order by status = 'active' desc, starts_on desc`;
	const wanted = event.url.searchParams.get('cycle');
	const cycle = cycles.find((c) => c.id === wanted) ?? cycles[0] ?? null;
	const rows = cycle
		? await sql<
				{
					id: string;
					candidate_name: string;
					candidate_email: string;
					status: ApplicationStatus;
					interview_enabled: boolean;
					online_interview_enabled: boolean;
					next_start: Date | null;
					interview_id: string | null;
				}[]
			>`select a.id, u.name as candidate_name, u.email as candidate_email, a.status, a.interview_enabled,
					a.online_interview_enabled, i.start_at as next_start, i.id as interview_id
				from applications a join users u on u.id = a.candidate_id
				left join lateral (
					select id, start_at from interviews
					where application_id = a.id and status in ('scheduled', 'in_progress')
					order by start_at limit 1
				) i on true
				where a.cycle_id = ${cycle.id} and a.org_id = ${actor.orgId}
				order by u.name`
		: [];
	return {
		cycles: cycles.map((c) => ({ id: c.id, name: c.name, status: c.status })),
		cycle: cycle ? { id: cycle.id, name: cycle.name } : null,
		applications: rows.map((r) => ({
			id: r.id,
			candidateName: r.candidate_name,
			candidateEmail: r.candidate_email,
			status: r.status,
			interviewEnabled: r.interview_enabled,
			onlineInterviewEnabled: r.online_interview_enabled,
			nextStart: r.next_start?.toISOString() ?? null,
			interviewId: r.interview_id,
			moves: [...APPLICATION_MOVES[r.status]]
		}))
	};
};

const MoveForm = z.object({ id: z.uuid(), to: z.enum(APPLICATION_STATUSES) });
const ToggleForm = z.object({
	id: z.uuid(),
	field: z.enum(['interview_enabled', 'online_interview_enabled']),
	value: z.enum(['true', 'false'])
});

/** Runs a change and turns a refused one into a form error with the rule's message. */
async function apply(id: string, run: () => Promise<void>) {
	try {
		await run();
		return { ok: true as const, id };
	} catch (err) {
		if (err instanceof ApiError) return fail(err.status, { id, message: err.message });
		throw err;
	}
}

export const actions: Actions = {
	/** Moves an application along the pipeline (select, reject, approve, back to pending). */
	move: async (event) => {
		const actor = requireRole(event, 'admin');
		const parsed = MoveForm.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(422, { id: null, message: 'That status change is not understood.' });
		return apply(parsed.data.id, () => patchApplication(db(), actor.orgId, parsed.data.id, { status: parsed.data.to }));
	},
	/** Turns the interview or the online interview of an application on or off. */
	toggle: async (event) => {
		const actor = requireRole(event, 'admin');
		const parsed = ToggleForm.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(422, { id: null, message: 'That change is not understood.' });
		const { id, field, value } = parsed.data;
		return apply(id, () => patchApplication(db(), actor.orgId, id, { [field]: value === 'true' }));
	}
};
