import { json } from '@sveltejs/kit';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { MEMBER } from '$lib/server/api-docs';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/guards';
import { createFeed, feedStatus, revokeFeed } from '$lib/server/notifications/feed';

/** GET /api/v1/me/calendar-feed — whether the signed-in person has a calendar feed (never its URL). */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'getCalendarFeed',
		tag: 'Notifications',
		summary: 'Whether I have a calendar feed',
		description: 'Never the URL itself: it is shown once, when created (only a hash is kept).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 200: { description: 'The feed’s state.', schema: S.FeedStatusResponse } },
		errors: { ...MEMBER }
	},
	async (event) => {
		const actor = requireUser(event);
		return feedStatus(event.locals.ctx.sql, actor);
	}
);

/** POST /api/v1/me/calendar-feed — a new secret feed URL, shown once; any previous one stops working. */
export const POST: RequestHandler = defineRoute(
	{
		operationId: 'createCalendarFeed',
		tag: 'Notifications',
		summary: 'Create (or regenerate) my calendar feed',
		description:
			'A secret `.ics` subscription URL of my own interviews for Google Calendar, Outlook or Apple Calendar. Shown in this answer only; a previous URL stops working.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Interviewers and candidates (admins get 403: they sit on no panel).',
		responses: { 201: { description: 'Created.', schema: S.NewFeedResponse } },
		errors: { ...MEMBER, 403: 'An admin (admins have no interviews of their own).' }
	},
	async (event) => {
		const actor = requireUser(event);
		return json(await createFeed(event.locals.ctx.sql, actor, event.url.origin), { status: 201 });
	}
);

/** DELETE /api/v1/me/calendar-feed — revokes the feed: its URL answers 404 from now on. */
export const DELETE: RequestHandler = defineRoute(
	{
		operationId: 'revokeCalendarFeed',
		tag: 'Notifications',
		summary: 'Revoke my calendar feed',
		description: 'Its URL answers 404 from now on. Idempotent.',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Anybody signed in.',
		responses: { 204: { description: 'Revoked.' } },
		errors: { ...MEMBER }
	},
	async (event) => {
		const actor = requireUser(event);
		await revokeFeed(event.locals.ctx.sql, actor);
		return new Response(null, { status: 204 });
	}
);
