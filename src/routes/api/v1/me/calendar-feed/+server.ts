import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { createFeed, feedStatus, revokeFeed } from '$lib/server/notifications/feed';
import { db } from '$lib/server/runtime';

/** GET /api/v1/me/calendar-feed — whether the signed-in person has a calendar feed (never its URL). */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	return feedStatus(db(), actor);
});

/** POST /api/v1/me/calendar-feed — a new secret feed URL, shown once; any previous one stops working. */
export const POST: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	return json(await createFeed(db(), actor, event.url.origin), { status: 201 });
});

/** DELETE /api/v1/me/calendar-feed — revokes the feed: its URL answers 404 from now on. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	await revokeFeed(db(), actor);
	return new Response(null, { status: 204 });
});
