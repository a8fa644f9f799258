/**
 * Ending a credential or taking rights away, and telling every collab-server instance so that it
 * closes the connections that stood on them within seconds (collab-server/revocation.ts). The
 * database change comes first; the event only asks the instances to look again.
 */
import type { Sql } from '../../../db/client';
import { ACCESS_CHANGED_EVENT, type EventBus } from '../../../db/events';
import { invalidateSession, type Session } from './auth';

export interface AccessDeps {
	sql: Sql;
	bus: EventBus;
}

/** Asks every instance to re-check the open connections of these users (best effort: a sweep follows). */
export async function announceAccessChange(bus: EventBus, userIds: string[], orgId = ''): Promise<void> {
	if (!userIds.length) return;
	await bus
		.publish({ type: ACCESS_CHANGED_EVENT, orgId, userIds })
		.catch((err: unknown) => console.error('[auth] announcing an access change failed', err));
}

/** Signs out: deletes the session (and with it the collab tokens it fetched) and closes its connections. */
export async function signOut(deps: AccessDeps, session: Session): Promise<void> {
	await invalidateSession(deps.sql, session.id);
	await announceAccessChange(deps.bus, [session.userId]);
}
