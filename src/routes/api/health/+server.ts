import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import * as S from '$lib/contract/api';
import { ApiError } from '$lib/server/errors';
import { outboxBacklog } from '$lib/server/notifications/outbox';
import { m } from '$lib/paraglide/messages';

/**
 * GET /api/health — liveness, which database this process uses, how much mail waits to be sent, and
 * what this process's peer-server relayed and dropped.
 */
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'health',
		tag: 'Service',
		summary: 'Liveness, the database kind and the outbox backlog',
		description:
			'`outbox` counts the email waiting to be sent, being sent and failed for good, and when the oldest waiting one was written: a backlog that grows while `oldest_queued_at` gets older means the SMTP server does not take mail.',
		access: 'public',
		who: 'Anybody.',
		responses: { 200: { description: 'The app and its database answer.', schema: S.HealthResponse } },
		errors: { 503: 'The database does not answer.' }
	},
	async (event) => {
		const { dbKind, mail, sql } = event.locals.ctx;
		const peer = event.locals.ctx.peerStats();
		const signaling = peer
			? {
					connections: peer.connections,
					relayed: peer.relayed,
					dropped: peer.dropped,
					dropped_by: {
						malformed: peer.droppedBy.malformed,
						type: peer.droppedBy.type,
						room: peer.droppedBy.room,
						revoked: peer.droppedBy.revoked
					}
				}
			: null;
		try {
			return { status: 'ok', db: dbKind, mail: mail.kind, outbox: await outboxBacklog(sql), signaling };
		} catch {
			throw new ApiError('unavailable', m.api_db_down());
		}
	}
);
