/**
 * Each person's inbox: every notification about them, whatever their email preferences, read and
 * marked read by its owner only. Items are rendered from their stored payload when read, through the
 * same templates as the email (title = subject, one line, a link inside the app).
 */
import type { Sql } from '../../../../db/client';
import type { NotificationKind } from '$lib/contract/notifications';
import { renderInbox } from '../mail/render';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { Payload } from './payload';

export interface InboxItem {
	id: string;
	kind: NotificationKind;
	title: string;
	body: string;
	link: string | null;
	interview_id: string | null;
	created_at: string;
	read_at: string | null;
}

interface Row {
	id: string;
	kind: NotificationKind;
	interview_id: string | null;
	payload: unknown;
	created_at: Date;
	read_at: Date | null;
}

function item(r: Row): InboxItem {
	const parsed = Payload.safeParse(r.payload);
	// Rendered when read, in the reader's language (the request's).
	let text: { title: string; body: string; link: string | null } = {
		title: m.inbox_fallback_title(),
		body: '',
		link: null
	};
	if (parsed.success) {
		try {
			text = renderInbox(parsed.data, getLocale());
		} catch {
			// Unreadable facts (a zone gone from the runtime): keep the item, without its words.
		}
	}
	return {
		id: r.id,
		kind: r.kind,
		...text,
		interview_id: r.interview_id,
		created_at: r.created_at.toISOString(),
		read_at: r.read_at?.toISOString() ?? null
	};
}

/** How many of the person's notifications are unread. */
export async function unreadCount(sql: Sql, userId: string): Promise<number> {
	const [r] = await sql<{ n: number }[]>`select count(*)::int as n from notifications
		where user_id = ${userId} and read_at is null`;
	return r?.n ?? 0;
}

/** A page of the person's notifications, newest first, and the unread count. */
export async function listInbox(
	deps: { sql: Sql },
	user: { id: string },
	q: { unread: boolean; page: number; pageSize: number }
) {
	const where = deps.sql`user_id = ${user.id} ${q.unread ? deps.sql`and read_at is null` : deps.sql``}`;
	const [count] = await deps.sql<{ n: number }[]>`select count(*)::int as n from notifications where ${where}`;
	const rows = await deps.sql<Row[]>`select id, kind, interview_id, payload, created_at, read_at
		from notifications where ${where}
		order by created_at desc, id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
	return {
		data: rows.map(item),
		page: q.page,
		page_size: q.pageSize,
		total: count?.n ?? 0,
		unread: await unreadCount(deps.sql, user.id)
	};
}

/** Marks the person's own notifications read (the ids given, or all); others' ids change nothing. */
export async function markRead(
	deps: { sql: Sql },
	user: { id: string },
	which: { ids: string[] } | { all: true },
	now = new Date()
): Promise<{ unread: number }> {
	if ('all' in which) {
		await deps.sql`update notifications set read_at = ${now} where user_id = ${user.id} and read_at is null`;
	} else {
		await deps.sql`update notifications set read_at = ${now}
			where user_id = ${user.id} and id = any(${which.ids}::uuid[]) and read_at is null`;
	}
	return { unread: await unreadCount(deps.sql, user.id) };
}
