import type { RequestHandler } from './$types';
import { endpoint } from '$lib/server/endpoint';
import { ApiError } from '$lib/server/errors';
import { outboxBacklog } from '$lib/server/notifications/outbox';
import { runtime } from '$lib/server/runtime';

/**
 * GET /api/health — liveness, which database this process uses, how much mail waits to be sent, and
 * what this process's peer-server relayed and dropped.
 */
export const GET: RequestHandler = endpoint(async () => {
	const r = runtime();
	const peer = r.peer?.stats();
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
		return { status: 'ok', db: r.db.kind, mail: r.mail.kind, outbox: await outboxBacklog(r.db.sql), signaling };
	} catch {
		throw new ApiError('unavailable', 'The database does not answer.');
	}
});
