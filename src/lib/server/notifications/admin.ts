/**
 * The outbox as admins see it: the list with each message's state, one message rendered as it was
 * (or will be) sent, the deliveries of one interview, and "resend" for a message that failed.
 * Every function takes its dependencies, the acting admin and the input; an admin sees only their
 * organization's messages (another's are a 404).
 */
import type { Sql } from '../../../../db/client';
import { isUuid } from '$lib/domain/ids';
import type { NotificationKind, OutboxStatus } from '$lib/contract/notifications';
import { ApiError, apiError } from '../errors';
import type { Actor } from '../guards';
import { renderMail } from '../mail/render';
import { addressOf, messageIdFor } from '../mail/transport';
import { announceQueued, messageLocales, readPayload, type OutboxDeps, type OutboxRow } from './outbox';
import type { Locale } from '$lib/i18n/locale';
import { m } from '$lib/paraglide/messages';

/** What rendering needs beyond the row: the sender and where links point. */
export interface PreviewDeps extends OutboxDeps {
	from: string;
	origin: string;
}

export interface OutboxFilter {
	status?: OutboxStatus;
	interviewId?: string;
	page: number;
	pageSize: number;
}

/** One message in a list. */
export interface OutboxSummary {
	id: string;
	kind: NotificationKind;
	interview_id: string | null;
	to: { name: string; address: string };
	subject: string;
	status: OutboxStatus;
	attempts: number;
	last_error: string | null;
	created_at: string;
	next_attempt_at: string | null;
	sent_at: string | null;
}

function requireAdmin(actor: Actor) {
	if (actor.role !== 'admin') throw new ApiError('forbidden', m.api_admin_role());
}

function summary(row: OutboxRow, deps: PreviewDeps, lang?: Locale): OutboxSummary {
	const payload = readPayload(row);
	let subject = '(the stored message cannot be read)';
	if (payload) {
		try {
			subject = renderMail(payload, { origin: deps.origin, organizerEmail: addressOf(deps.from), lang }).subject;
		} catch {
			// A payload that parses but cannot render (a zone gone from the runtime): say so, keep listing.
		}
	}
	return {
		id: row.id,
		kind: row.kind,
		interview_id: row.interview_id,
		to: { name: payload?.recipient.name ?? row.to_address, address: row.to_address },
		subject,
		status: row.status,
		attempts: row.attempts,
		last_error: row.last_error,
		created_at: row.created_at.toISOString(),
		next_attempt_at: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
		sent_at: row.sent_at?.toISOString() ?? null
	};
}

/** The organization's outbox, newest first, with the count of each state. */
export async function listOutbox(deps: PreviewDeps, actor: Actor, filter: OutboxFilter) {
	requireAdmin(actor);
	const where = deps.sql`org_id = ${actor.orgId}
		${filter.status ? deps.sql`and status = ${filter.status}` : deps.sql``}
		${filter.interviewId ? deps.sql`and interview_id = ${filter.interviewId}` : deps.sql``}`;
	const [count] = await deps.sql<{ n: number }[]>`select count(*)::int as n from outbox where ${where}`;
	const rows = await deps.sql<OutboxRow[]>`select * from outbox where ${where}
		order by created_at desc, id limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`;
	const counts = await deps.sql<{ status: OutboxStatus; n: number }[]>`
		select status, count(*)::int as n from outbox where org_id = ${actor.orgId} group by status`;
	const langs = await messageLocales(deps.sql, rows);
	return {
		data: rows.map((r) => summary(r, deps, langs.get(r.id))),
		page: filter.page,
		page_size: filter.pageSize,
		total: count?.n ?? 0,
		counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<OutboxStatus, number>>
	};
}

/** One message with its parts rendered: what the recipient gets (or got). */
export async function outboxMessage(deps: PreviewDeps, actor: Actor, id: string) {
	requireAdmin(actor);
	if (!isUuid(id)) throw apiError.notFound('message');
	const [row] = await deps.sql<OutboxRow[]>`select * from outbox where id = ${id} and org_id = ${actor.orgId}`;
	if (!row) throw apiError.notFound('message');
	const payload = readPayload(row);
	// The message as its recipient reads it: in their language.
	const lang = (await messageLocales(deps.sql, [row])).get(row.id);
	const rendered = payload
		? renderMail(payload, { origin: deps.origin, organizerEmail: addressOf(deps.from), lang })
		: null;
	return {
		...summary(row, deps, lang),
		from: deps.from,
		message_id: messageIdFor(row.id, deps.from),
		html: rendered?.html ?? null,
		text: rendered?.text ?? null,
		calendar: rendered?.calendar ?? null
	};
}

/** Queues a failed message again, at once, with a fresh count of attempts (same Message-ID). */
export async function resendMessage(deps: OutboxDeps, actor: Actor, id: string, now = new Date()) {
	requireAdmin(actor);
	if (!isUuid(id)) throw apiError.notFound('message');
	const [row] = await deps.sql<{ status: OutboxStatus }[]>`select status from outbox
		where id = ${id} and org_id = ${actor.orgId}`;
	if (!row) throw apiError.notFound('message');
	const [updated] = await deps.sql<OutboxRow[]>`update outbox set status = 'queued', attempts = 0,
			next_attempt_at = ${now}, updated_at = ${now}
		where id = ${id} and org_id = ${actor.orgId} and status = 'failed' returning *`;
	if (!updated) {
		throw new ApiError('conflict', m.api_only_failed_resend({ status: row.status }), {
			status: row.status
		});
	}
	await announceQueued(deps.bus, actor.orgId);
	return updated;
}

/** The messages about one interview, for its page ("Email to Sam Carter sent 14:02"). */
export async function interviewDeliveries(sql: Sql, actor: Actor, interviewId: string) {
	if (actor.role !== 'admin') return [];
	const rows = await sql<
		{
			id: string;
			kind: NotificationKind;
			to_address: string;
			name: string | null;
			status: OutboxStatus;
			attempts: number;
			last_error: string | null;
			created_at: Date;
			sent_at: Date | null;
			next_attempt_at: Date;
		}[]
	>`select o.id, o.kind, o.to_address, o.payload->'recipient'->>'name' as name, o.status, o.attempts,
			o.last_error, o.created_at, o.sent_at, o.next_attempt_at
		from outbox o where o.interview_id = ${interviewId} and o.org_id = ${actor.orgId}
		order by o.created_at desc, o.id limit 200`;
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		to: { name: r.name ?? r.to_address, address: r.to_address },
		status: r.status,
		attempts: r.attempts,
		last_error: r.last_error,
		created_at: r.created_at.toISOString(),
		sent_at: r.sent_at?.toISOString() ?? null,
		next_attempt_at: r.status === 'queued' ? r.next_attempt_at.toISOString() : null
	}));
}
