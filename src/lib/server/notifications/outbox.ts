/**
 * The transactional outbox: rows written in the same transaction as the change they announce, then
 * sent by the worker (worker.ts). Every insert names its event and recipient in `dedupe_key`, so
 * writing the same event twice (a retry, a second instance) adds nothing. The inbox row of a person
 * with an account is written beside it, whatever their email preferences say.
 */
import { asLocale, BASE_LOCALE, type Locale } from '$lib/i18n/locale';
import type { Sql } from '../../../../db/client';
import type { EventBus } from '../../../../db/events';
import { NOTIFICATION_EVENT, type NotificationKind, type OutboxStatus } from '$lib/contract/notifications';
import { Payload, type RecipientFacts } from './payload';

/** A message whose payload the caller built (invitations, personal links). */
export interface NewMessage {
	orgId: string | null;
	dedupeKey: string;
	kind: NotificationKind;
	recipientId: string | null;
	payload: Payload;
}

/** Writes messages (no inbox rows: their recipients may have no account yet). */
export async function enqueueMessages(tx: Sql, messages: NewMessage[]): Promise<number> {
	if (!messages.length) return 0;
	const rows = messages.map((m) => ({
		org_id: m.orgId,
		dedupe_key: m.dedupeKey,
		kind: m.kind,
		recipient_id: m.recipientId,
		to_address: m.payload.recipient.email,
		payload: m.payload
	}));
	const inserted = await tx`insert into outbox (org_id, dedupe_key, kind, recipient_id, to_address, payload)
		select r.org_id, r.dedupe_key, r.kind, r.recipient_id, r.to_address, r.payload
		from jsonb_to_recordset(${tx.json(rows as never)}) as r(org_id uuid, dedupe_key text, kind text,
			recipient_id uuid, to_address text, payload jsonb)
		on conflict (dedupe_key) do nothing returning id`;
	return inserted.length;
}

/**
 * One notification about an interview for one person. `key` names the event (an audit row, a
 * reminder of one start, the n-th feedback request) and is unique per recipient.
 */
export interface InterviewNotice {
	interviewId: string;
	kind: NotificationKind;
	recipientId: string;
	key: string;
	/** The membership the recipient must hold (a panel notice never reaches a candidate); any when absent. */
	as?: 'candidate' | 'interviewer';
	/** Event facts the snapshot cannot know: the previous time, the reason, the feedback round. */
	extra?: Pick<Payload, 'previous' | 'reason' | 'n' | 'last'>;
	/** Several sessions of a loop told in one message: the loop and those sessions, in order (`interviewId` is the first). */
	loop?: { id: string; sessionIds: readonly string[] };
}

export interface EnqueueResult {
	/** People who got a new inbox item (to tell over the event stream once committed). */
	inboxUsers: string[];
	/** Emails queued. */
	queued: number;
}

/**
 * Writes the inbox rows and the emails of interview notices, reading the interview as it is now in
 * the transaction (`interview_snapshots`) and each recipient's zone and preferences. Emails go only to
 * members of the interview's organization who have not turned the kind off.
 */
export async function enqueueInterviewNotices(tx: Sql, notices: InterviewNotice[]): Promise<EnqueueResult> {
	if (!notices.length) return { inboxUsers: [], queued: 0 };
	const input = notices.map((n) => ({
		interview_id: n.interviewId,
		kind: n.kind,
		recipient_id: n.recipientId,
		key: n.key,
		as: n.as ?? null,
		extra: n.extra ?? {},
		...(n.loop ? { loop: { id: n.loop.id, sessions: n.loop.sessionIds } } : {})
	}));
	const [result] = await tx<{ inbox_users: string[] | null; queued: number }[]>`
		with intents as (
			select * from jsonb_to_recordset(${tx.json(input as never)})
				as x(interview_id uuid, kind text, recipient_id uuid, key text, "as" text, extra jsonb, loop jsonb)
		), facts as (
			select x.kind, x.key, x.interview_id, s.org_id, u.id as user_id, u.email,
				jsonb_build_object('kind', x.kind,
					'recipient', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', m.role,
						'timezone', coalesce(u.timezone, s.snapshot->>'org_timezone')),
					'interview', s.snapshot) || x.extra
					|| case when x.loop is null then '{}'::jsonb else jsonb_build_object('loop', jsonb_build_object(
						'id', x.loop->>'id',
						'sessions', (select coalesce(jsonb_agg(l.snapshot order by e.n), '[]'::jsonb)
							from jsonb_array_elements_text(x.loop->'sessions') with ordinality as e(id, n)
							join interview_snapshots l on l.id = e.id::uuid))) end as payload,
				not (x.kind = any(coalesce(p.email_off, '{}'))) as wants_email
			from intents x
			join interview_snapshots s on s.id = x.interview_id
			join users u on u.id = x.recipient_id
			join memberships m on m.user_id = u.id and m.org_id = s.org_id and (x."as" is null or m.role = x."as")
			left join notification_preferences p on p.user_id = u.id
		), inbox as (
			insert into notifications (user_id, org_id, dedupe_key, kind, interview_id, payload)
			select user_id, org_id, key, kind, interview_id, payload from facts
			on conflict (user_id, dedupe_key) do nothing
			returning user_id
		), mail as (
			insert into outbox (org_id, dedupe_key, kind, interview_id, recipient_id, to_address, payload)
			select org_id, key || ':' || user_id, kind, interview_id, user_id, email, payload from facts where wants_email
			on conflict (dedupe_key) do nothing
			returning id
		)
		select (select array_agg(distinct user_id) from inbox) as inbox_users, (select count(*)::int from mail) as queued`;
	return { inboxUsers: result?.inbox_users ?? [], queued: result?.queued ?? 0 };
}

/** Drops queued reminders of interviews that moved or were cancelled (the job queues new ones). */
export async function cancelPendingReminders(tx: Sql, interviewIds: string[], why: string): Promise<number> {
	if (!interviewIds.length) return 0;
	const rows = await tx`update outbox set status = 'cancelled', last_error = ${why}, updated_at = now()
		where interview_id = any(${interviewIds}::uuid[]) and kind in ('reminder_24h', 'reminder_1h')
			and status = 'queued'
		returning id`;
	return rows.length;
}

/** An outbox row as the worker and the admin pages read it. */
export interface OutboxRow {
	id: string;
	org_id: string | null;
	kind: NotificationKind;
	interview_id: string | null;
	recipient_id: string | null;
	to_address: string;
	payload: unknown;
	status: OutboxStatus;
	attempts: number;
	next_attempt_at: Date;
	claim_id: string | null;
	lease_until: Date | null;
	last_error: string | null;
	created_at: Date;
	sent_at: Date | null;
	updated_at: Date;
}

/** The stored payload, checked; null when the row is damaged. */
export function readPayload(row: Pick<OutboxRow, 'payload'>): Payload | null {
	const parsed = Payload.safeParse(row.payload);
	return parsed.success ? parsed.data : null;
}

/**
 * Claims up to `limit` messages that are due (queued and due, or sending with an expired lease: the
 * worker that held it died or stalled). `for update skip locked` lets several workers claim at once
 * without waiting for each other or taking the same row; each claim gets a fresh `claim_id`.
 */
export async function claimDue(sql: Sql, opts: { now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
	const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
	return sql<OutboxRow[]>`
		update outbox o set status = 'sending', attempts = o.attempts + 1, claim_id = gen_random_uuid(),
			lease_until = ${leaseUntil}, updated_at = ${opts.now}
		where o.id in (
			select id from outbox
			where (status = 'queued' and next_attempt_at <= ${opts.now})
				or (status = 'sending' and lease_until <= ${opts.now})
			order by next_attempt_at, id
			limit ${opts.limit}
			for update skip locked)
		returning o.*`;
}

/**
 * Of claimed timed messages (reminders, feedback requests), those no longer due: the interview moved,
 * was cancelled, or the scorecard came in. They are marked cancelled instead of sent.
 */
export async function dropStale(sql: Sql, rows: OutboxRow[], now: Date): Promise<Set<string>> {
	const timed = rows.filter((r) => ['reminder_24h', 'reminder_1h', 'feedback_request'].includes(r.kind));
	if (!timed.length) return new Set();
	const stale = await sql<{ id: string; why: string }[]>`
		select o.id,
			case
				when o.kind like 'reminder%' and i.status <> 'scheduled' then 'The interview is no longer scheduled.'
				when o.kind like 'reminder%' and (o.payload->'interview'->>'start')::timestamptz <> i.start_at
					then 'The interview moved; a reminder for the new time replaces this one.'
				when o.kind like 'reminder%' and i.start_at <= ${now} then 'The interview has started.'
				when o.kind = 'feedback_request' and exists (select 1 from interviews_finalized f where f.interview_id = i.id)
					then 'The scorecards were finalized.'
				when o.kind = 'feedback_request' and exists (select 1 from scorecards s where s.interview_id = i.id and s.author_id = o.recipient_id)
					then 'The scorecard was submitted.'
				when o.kind = 'feedback_request' and not exists (select 1 from panel_interviewers p where p.interview_id = i.id and p.user_id = o.recipient_id)
					then 'No longer on the panel.'
			end as why
		from outbox o join interviews i on i.id = o.interview_id
		where o.id = any(${timed.map((r) => r.id)}::uuid[])`;
	const dropped = stale.filter((s) => s.why !== null);
	for (const s of dropped) {
		await sql`update outbox set status = 'cancelled', last_error = ${s.why}, lease_until = null, updated_at = ${now}
			where id = ${s.id} and status = 'sending'`;
	}
	return new Set(dropped.map((d) => d.id));
}

/**
 * Marks a claimed message sent, unless its claim was taken over meanwhile (its lease ran out): then
 * nothing changes and false says that another worker may send it too. A one-time link leaves the
 * stored copy once sent.
 */
export async function markSent(sql: Sql, row: Pick<OutboxRow, 'id' | 'claim_id'>, now: Date): Promise<boolean> {
	const updated = await sql`update outbox set status = 'sent', sent_at = ${now}, lease_until = null, last_error = null,
			payload = payload - 'secret_url', updated_at = ${now}
		where id = ${row.id} and claim_id = ${row.claim_id} and status = 'sending' returning id`;
	return updated.length > 0;
}

/** Retry timing: exponential from `baseMs`, capped, with up to a quarter of jitter, `maxAttempts` in all. */
export interface RetryPolicy {
	baseMs: number;
	capMs: number;
	maxAttempts: number;
}

/** The wait before attempt `attempts + 1`. */
export function backoffMs(attempts: number, policy: RetryPolicy, random = Math.random): number {
	const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(exp * (1 + random() / 4));
}

/**
 * Records a failed attempt: queued again after the backoff, or failed for good when the error is
 * permanent (the server refused the message or the address) or the attempts are used up.
 */
export async function markFailed(
	sql: Sql,
	row: Pick<OutboxRow, 'id' | 'claim_id' | 'attempts'>,
	err: { message: string; permanent: boolean },
	now: Date,
	policy: RetryPolicy
): Promise<OutboxStatus | null> {
	const final = err.permanent || row.attempts >= policy.maxAttempts;
	const next = new Date(now.getTime() + backoffMs(row.attempts, policy));
	const message = err.message.slice(0, 1000);
	const updated = await sql`update outbox set status = ${final ? 'failed' : 'queued'}, last_error = ${message},
			next_attempt_at = ${final ? now : next}, lease_until = null, updated_at = ${now}
		where id = ${row.id} and claim_id = ${row.claim_id} and status = 'sending' returning id`;
	// Null: the claim was taken over meanwhile; the other worker records its own outcome.
	if (!updated.length) return null;
	return final ? 'failed' : 'queued';
}

/**
 * Tells the organization's admins, in their inboxes, that a message failed for good (once per
 * failed claim). Answers the admins told.
 */
export async function notifyAdminsOfFailure(
	sql: Sql,
	row: Pick<OutboxRow, 'id' | 'org_id' | 'claim_id' | 'kind' | 'to_address' | 'interview_id'>,
	toName: string,
	error: string
): Promise<string[]> {
	if (!row.org_id) return [];
	const failed = { outbox_id: row.id, kind: row.kind, to_name: toName, to_address: row.to_address, error };
	const inserted = await sql<{ user_id: string }[]>`
		insert into notifications (user_id, org_id, dedupe_key, kind, interview_id, payload)
		select u.id, o.id, ${`delivery_failed:${row.claim_id}`}, 'delivery_failed', ${row.interview_id},
			jsonb_build_object('kind', 'delivery_failed', 'org_name', o.name, 'failed', ${sql.json(failed)}::jsonb,
				'recipient', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', 'admin',
					'timezone', coalesce(u.timezone, o.timezone)))
		from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
		where m.org_id = ${row.org_id} and m.role = 'admin'
		on conflict (user_id, dedupe_key) do nothing
		returning user_id`;
	return inserted.map((r) => r.user_id);
}

/** A process of the embedded database is its only worker: claims left by a crash are its own. */
export async function releaseOrphanedClaims(sql: Sql, now: Date): Promise<number> {
	const rows = await sql`update outbox set status = 'queued', next_attempt_at = ${now}, lease_until = null,
			updated_at = ${now}
		where status = 'sending' returning id`;
	return rows.length;
}

/** How much waits to be sent (for `/api/health`). */
export interface Backlog {
	queued: number;
	sending: number;
	failed: number;
	/** When the oldest message still waiting was written; null when nothing waits. */
	oldest_queued_at: string | null;
}

export async function outboxBacklog(sql: Sql): Promise<Backlog> {
	const [r] = await sql<{ queued: number; sending: number; failed: number; oldest: Date | null }[]>`
		select count(*) filter (where status = 'queued')::int as queued,
			count(*) filter (where status = 'sending')::int as sending,
			count(*) filter (where status = 'failed')::int as failed,
			min(created_at) filter (where status in ('queued', 'sending')) as oldest
		from outbox where status in ('queued', 'sending', 'failed')`;
	return {
		queued: r?.queued ?? 0,
		sending: r?.sending ?? 0,
		failed: r?.failed ?? 0,
		oldest_queued_at: r?.oldest?.toISOString() ?? null
	};
}

/** The recipient facts of a person of an organization (their zone, else the organization's). */
export async function recipientFacts(sql: Sql, orgId: string, userId: string): Promise<RecipientFacts | null> {
	const [r] = await sql<{ id: string; name: string; email: string; role: RecipientFacts['role']; timezone: string }[]>`
		select u.id, u.name, u.email, m.role, coalesce(u.timezone, o.timezone) as timezone
		from users u join memberships m on m.user_id = u.id and m.org_id = ${orgId}
		join organizations o on o.id = m.org_id where u.id = ${userId}`;
	return r ?? null;
}

/** What a service that queues messages needs. */
export interface OutboxDeps {
	sql: Sql;
	/** Wakes the workers once the transaction is committed (optional: they poll anyway). */
	bus?: EventBus;
}

/** Bus event that says messages were queued (wakes the workers of every instance). */
export const OUTBOX_QUEUED = 'outbox.queued';

/** Tells every instance's worker that messages of `orgId` wait (after the commit). */
export async function announceQueued(bus: EventBus | undefined, orgId: string): Promise<void> {
	await bus?.publish({ type: OUTBOX_QUEUED, orgId }).catch(() => {});
}

/** After a commit: tells each person's open pages that a notification arrived, and wakes the workers. */
export async function announceNotices(
	bus: EventBus | undefined,
	result: { inboxUsers: string[]; queued: number },
	orgId = ''
): Promise<void> {
	if (!bus) return;
	// NOTIFY carries at most 8000 bytes: a hundred ids at a time.
	for (let i = 0; i < result.inboxUsers.length; i += 100) {
		const userIds = result.inboxUsers.slice(i, i + 100);
		await bus.publish({ type: NOTIFICATION_EVENT, orgId, userIds }).catch(() => {});
	}
	if (result.queued) await announceQueued(bus, orgId);
}

/**
 * The language each message is written in: its recipient's own choice, else their organization's
 * default (docs/decisions.md, "Languages"), read when the message is rendered, like the address.
 */
export async function messageLocales(sql: Sql, rows: readonly Pick<OutboxRow, 'id'>[]): Promise<Map<string, Locale>> {
	if (!rows.length) return new Map();
	const found = await sql<{ id: string; locale: string | null }[]>`
		select x.id, coalesce(u.locale, o.default_locale) as locale
		from outbox x left join users u on u.id = x.recipient_id left join organizations o on o.id = x.org_id
		where x.id = any(${rows.map((r) => r.id)}::uuid[])`;
	return new Map(found.map((r) => [r.id, asLocale(r.locale) ?? BASE_LOCALE]));
}
