/**
 * Who may open which document (docs/architecture.md invariant 3). The token is a short-lived collab token
 * from `GET /api/v1/collab/token`, good only while the session or API token that fetched it is; the
 * calendar is for the org's admins only (interviewers read a filtered week, decision 50); an interview's
 * notes are for its panel and the org's admins. Everyone else, and every name outside the contract,
 * is refused. revocation.ts asks the same questions again of open connections.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Sql } from '../db/client';
import { parseDocName } from '../src/lib/collab/calendar';
import { interviewAccess } from '../src/lib/server/access';
import { hashToken } from '../src/lib/server/tokens';
import { COLLAB_REFUSAL, type CollabRefusal } from '../src/lib/contract/collab';
import type { CollabCredential } from '../src/lib/server/collab-token';

/** What a connection carries once authenticated (Hocuspocus' context). */
export interface CollabContext {
	userId: string | null;
	/** The session or API token behind a user's connection (absent for the server's own). */
	credential?: CollabCredential;
	/** The organization the collab token was issued for (null: any of the user's). */
	orgScope?: string | null;
	/** 'system' for the server's own direct connections. */
	kind: 'user' | 'system';
	orgId: string;
	role: 'admin' | 'interviewer' | 'system';
	readOnly: boolean;
}

/** Named refusal reasons (sent to the client as the permission-denied reason). */
export const REFUSAL = COLLAB_REFUSAL;

/** An authentication refusal whose `reason` Hocuspocus sends to the client. */
class Refusal extends Error {
	constructor(readonly reason: CollabRefusal) {
		super(reason);
	}
}

/**
 * Decides access for one user and one document name; null means refused. `orgScope` limits the
 * answer to one organization's documents (the organization the collab token was issued for).
 */
export async function authorize(
	sql: Sql,
	userId: string,
	documentName: string,
	orgScope: string | null = null
): Promise<Omit<CollabContext, 'userId' | 'kind'> | null> {
	const access = await decide(sql, userId, documentName);
	return access && (orgScope === null || access.orgId === orgScope) ? access : null;
}

async function decide(
	sql: Sql,
	userId: string,
	documentName: string
): Promise<Omit<CollabContext, 'userId' | 'kind'> | null> {
	const parsed = parseDocName(documentName);
	if (!parsed) return null;
	if (parsed.kind === 'calendar') {
		const [m] = await sql<{ role: string; generation: number }[]>`
			select role, coalesce((select generation from calendar_generations where org_id = ${parsed.orgId}), 0) as generation
			from memberships where user_id = ${userId} and org_id = ${parsed.orgId}`;
		// A generation that does not exist yet names no document (a replaced one is open: decision 69).
		if (m && parsed.generation > m.generation) return null;
		// Admins only: the document holds every interview's candidate and details. Interviewers get
		// their team's week filtered on the server instead (decision 50).
		if (m?.role === 'admin') return { orgId: parsed.orgId, role: 'admin', readOnly: false };
		return null;
	}
	// The one access rule of the app (panel ∩ the org's interviewers, from Postgres); the notes are the
	// panel's, so its candidate never opens them.
	const access = await interviewAccess(sql, userId, parsed.interviewId);
	if (access?.role === 'admin') return { orgId: access.orgId, role: 'admin', readOnly: false };
	if (access?.role === 'interviewer') return { orgId: access.orgId, role: 'interviewer', readOnly: false };
	return null;
}

/**
 * Which of these credentials still stand: a session that exists and has not expired (a link session
 * only while its link works), an API token not revoked. One query per kind, for any number.
 */
export async function liveCredentials(sql: Sql, credentials: CollabCredential[]): Promise<Set<string>> {
	const sessions = credentials.flatMap((c) => ('sessionId' in c ? [c.sessionId] : []));
	const tokens = credentials.flatMap((c) => ('apiTokenId' in c ? [c.apiTokenId] : []));
	const live = new Set<string>();
	if (sessions.length) {
		const rows = await sql<{ id: string }[]>`
			select s.id from sessions s left join candidate_links l on l.id = s.link_id
			where s.id = any(${sessions}::text[]) and s.expires_at > now()
				and (s.kind = 'password' or (l.revoked_at is null and l.expires_at > now()))`;
		for (const r of rows) live.add(`session:${r.id}`);
	}
	if (tokens.length) {
		const rows = await sql<{ id: string }[]>`
			select id from api_tokens where id = any(${tokens}::uuid[]) and revoked_at is null`;
		for (const r of rows) live.add(`api:${r.id}`);
	}
	return live;
}

/** The key `liveCredentials` answers a credential under. */
export function credentialKey(c: CollabCredential): string {
	return 'sessionId' in c ? `session:${c.sessionId}` : `api:${c.apiTokenId}`;
}

/** The Hocuspocus extension that authenticates every connection. */
export function authentication(sql: Sql): Extension {
	return {
		extensionName: 'parley-auth',
		async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
			if (typeof token !== 'string' || token.length > 200) throw new Refusal(REFUSAL.badToken);
			const [row] = await sql<
				{ user_id: string; org_id: string | null; session_id: string | null; api_token_id: string | null }[]
			>`select user_id, org_id, session_id, api_token_id from collab_tokens
				where token_hash = ${hashToken(token)} and expires_at > now()`;
			if (!row) throw new Refusal(REFUSAL.badToken);
			const credential: CollabCredential | null = row.session_id
				? { sessionId: row.session_id }
				: row.api_token_id
					? { apiTokenId: row.api_token_id }
					: null;
			// A token whose session ended or whose API token was revoked is no token (revocation.ts).
			if (!credential || !(await liveCredentials(sql, [credential])).has(credentialKey(credential)))
				throw new Refusal(REFUSAL.badToken);
			const access = await authorize(sql, row.user_id, documentName, row.org_id);
			if (!access) throw new Refusal(parseDocName(documentName) ? REFUSAL.forbidden : REFUSAL.badName);
			connectionConfig.readOnly = access.readOnly;
			return { userId: row.user_id, kind: 'user', credential, orgScope: row.org_id, ...access };
		}
	};
}
