import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { ApiError } from '$lib/server/errors';
import { requireRole, type Actor } from '$lib/server/guards';
import { NewMemberBody } from '$lib/contract/api';
import { addMember, reinvite } from '$lib/server/users';
import { activeLinks, createCandidateLink, revokeCandidateLinks } from '$lib/server/candidate-links';
import { z } from 'zod';
import { readForm } from '$lib/server/forms';
import { listPeople } from '$lib/server/views/people';
import { formFieldErrors } from '$lib/server/field-errors';
import { mailOutcome, mailOutcomeSentence } from '$lib/server/mail/outcome';

export const load: PageServerLoad = async (event) => {
	const actor = requireRole(event, 'admin');
	const members = await listPeople(event.locals.ctx.sql, actor.orgId);
	const links = await activeLinks(event.locals.ctx.sql, actor.orgId);
	return {
		members,
		links: Object.fromEntries(
			[...links].map(([id, l]) => [id, { expiresAt: l.expiresAt.toISOString(), count: l.count }])
		)
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = Object.fromEntries(await readForm(event.request));
		const parsed = NewMemberBody.safeParse(form);
		if (!parsed.success) {
			const fields = formFieldErrors(parsed.error);
			return fail(422, { values: form as Record<string, string>, fields, invitationUrl: null, message: null });
		}
		try {
			const invited = await addMember(event.locals.ctx, {
				...parsed.data,
				orgId: actor.orgId,
				createdBy: actor.user.id,
				origin: event.url.origin
			});
			const invitationUrl = invited.url;
			const outcome = mailOutcome(invited.queued, event.locals.ctx.mail);
			const note = mailOutcomeSentence(outcome, 'invitation', parsed.data.email);
			return {
				values: {},
				fields: {},
				message: m.people_added({ name: parsed.data.name, note }),
				invitationUrl,
				outcome
			};
		} catch (err) {
			if (err instanceof ApiError && err.code === 'conflict') {
				return fail(409, {
					values: form as Record<string, string>,
					fields: { email: err.message },
					invitationUrl: null,
					message: null
				});
			}
			throw err;
		}
	},
	reinvite: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const userId = z.uuid().safeParse(form.get('user_id'));
		if (!userId.success) return fail(422, { values: {}, fields: {}, invitationUrl: null, message: m.people_unknown() });
		let invited;
		try {
			invited = await reinvite(event.locals.ctx, {
				orgId: actor.orgId,
				userId: userId.data,
				createdBy: actor.user.id,
				origin: event.url.origin
			});
		} catch (err) {
			if (err instanceof ApiError && err.code === 'not_found')
				return fail(404, { values: {}, fields: {}, invitationUrl: null, message: m.people_unknown() });
			throw err;
		}
		const invitationUrl = invited.url;
		const outcome = mailOutcome(invited.queued, event.locals.ctx.mail);
		const message = m.people_reinvited({ note: mailOutcomeSentence(outcome, 'invitation', invited.email) });
		return { values: {}, fields: {}, message, invitationUrl, outcome };
	},
	/**
	 * "Copy link": a link for the admin to pass on. The links already sent keep working (only their
	 * hashes are stored, so none can be shown again: this one works beside them) and nothing is emailed.
	 */
	copyLink: async (event) => {
		const actor = requireRole(event, 'admin');
		const userId = z.uuid().safeParse((await readForm(event.request)).get('user_id'));
		if (!userId.success) return fail(422, { values: {}, fields: {}, invitationUrl: null, message: m.people_unknown() });
		return issueLink(event, actor, userId.data, false);
	},
	/** "Replace link…", confirmed: the links already sent stop working, and the new one is emailed. */
	replaceLink: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await readForm(event.request);
		const userId = z.uuid().safeParse(form.get('user_id'));
		if (!userId.success) return fail(422, { values: {}, fields: {}, invitationUrl: null, message: m.people_unknown() });
		if (form.get('confirm') !== 'replace')
			return fail(422, { values: {}, fields: {}, invitationUrl: null, message: m.people_confirm_first() });
		return issueLink(event, actor, userId.data, true);
	},
	revokeLink: async (event) => {
		const actor = requireRole(event, 'admin');
		const userId = z.uuid().safeParse((await readForm(event.request)).get('user_id'));
		if (!userId.success || !(await revokeCandidateLinks(event.locals.ctx, actor.orgId, userId.data)))
			return fail(404, { values: {}, fields: {}, invitationUrl: null, message: m.people_unknown_candidate() });
		return {
			values: {},
			fields: {},
			invitationUrl: null,
			message: m.people_revoked()
		};
	}
};

/** Creates a candidate's link, keeping (copy) or replacing the ones already sent; the page shows it once. */
async function issueLink(event: RequestEvent, actor: Actor, candidateId: string, replace: boolean) {
	try {
		const { url, expiresAt, queued } = await createCandidateLink(event.locals.ctx, {
			orgId: actor.orgId,
			candidateId,
			createdBy: actor.user.id,
			origin: event.url.origin,
			replace
		});
		return {
			values: {},
			fields: {},
			invitationUrl: null,
			linkUrl: url,
			linkExpires: expiresAt.toISOString(),
			message: replace
				? m.people_replaced({
						note: mailOutcomeSentence(
							mailOutcome(queued, event.locals.ctx.mail),
							'personal link',
							m.outcome_the_candidate()
						)
					})
				: m.people_copy_made()
		};
	} catch (err) {
		if (err instanceof ApiError)
			return fail(err.status, { values: {}, fields: {}, invitationUrl: null, message: err.message });
		throw err;
	}
}
