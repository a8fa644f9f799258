/**
 * A person's secret calendar feed: an `.ics` subscription URL of their own interviews (as a panel
 * interviewer, or as the candidate) that Google Calendar and Outlook poll. Only the SHA-256 of its
 * token is kept; regenerating replaces it (the old URL stops working), revoking deletes it, and a URL
 * that does not match answers 404. It never holds anybody else's interviews: the same access rule as
 * everywhere (the panel is `panel_interviewers`, a candidate sees their own applications' interviews).
 */
import { m } from '$lib/paraglide/messages';
import { asLocale, BASE_LOCALE } from '$lib/i18n/locale';
import type { Sql } from '../../../../db/client';
import type { Role } from '$lib/contract/roles';
import { generateToken, hashToken } from '../auth';
import { ApiError } from '../errors';
import { feedIcs } from '../ics';
import { queryInterviews } from '../interviews';

/** Where a feed lives: `<origin>/api/v1/feeds/<token>.ics`. */
export const FEED_PATH = '/api/v1/feeds/';
/** Interviews that ended longer ago than this leave the feed. */
const FEED_PAST_DAYS = 60;
const TOKEN_RE = /^[a-z2-7]{32}$/;

interface Actor {
	user: { id: string };
	orgId: string;
	role: Role;
}

function requireFeedRole(actor: Actor) {
	if (actor.role !== 'interviewer' && actor.role !== 'candidate') {
		throw new ApiError('forbidden', m.api_feeds_no_admin());
	}
}

/** Whether the person has a feed, since when, and when a calendar last read it. */
export async function feedStatus(sql: Sql, actor: Actor) {
	const [row] = await sql<{ created_at: Date; last_used_at: Date | null }[]>`
		select created_at, last_used_at from calendar_feeds where user_id = ${actor.user.id}`;
	return {
		active: !!row,
		created_at: row?.created_at.toISOString() ?? null,
		last_used_at: row?.last_used_at?.toISOString() ?? null
	};
}

/** A new secret URL (the previous one stops working); shown once. */
export async function createFeed(sql: Sql, actor: Actor, origin: string) {
	requireFeedRole(actor);
	const token = generateToken();
	const [row] = await sql<{ created_at: Date }[]>`
		insert into calendar_feeds (user_id, org_id, token_hash) values (${actor.user.id}, ${actor.orgId}, ${hashToken(token)})
		on conflict (user_id) do update set org_id = excluded.org_id, token_hash = excluded.token_hash,
			created_at = now(), last_used_at = null
		returning created_at`;
	return { url: `${origin}${FEED_PATH}${token}.ics`, created_at: row!.created_at.toISOString() };
}

/** Deletes the person's feed: its URL answers 404 from now on. */
export async function revokeFeed(sql: Sql, actor: Actor): Promise<void> {
	await sql`delete from calendar_feeds where user_id = ${actor.user.id}`;
}

/**
 * The calendar behind a token (`<token>` or `<token>.ics`), or null when no feed has it. The person
 * must still be an interviewer or a candidate of the organization, else null too.
 */
export async function feedCalendar(
	sql: Sql,
	rawToken: string,
	opts: { origin: string; organizerEmail: string; now?: Date }
): Promise<string | null> {
	const token = rawToken.replace(/\.ics$/, '');
	if (!TOKEN_RE.test(token)) return null;
	const [feed] = await sql<
		{
			user_id: string;
			org_id: string;
			role: Role;
			name: string;
			email: string;
			org_name: string;
			locale: string;
		}[]
	>`
		update calendar_feeds f set last_used_at = now()
		from memberships m, users u, organizations o
		where f.token_hash = ${hashToken(token)} and m.user_id = f.user_id and m.org_id = f.org_id
			and m.role in ('interviewer', 'candidate') and u.id = f.user_id and o.id = f.org_id
		returning f.user_id, f.org_id, m.role, u.name, u.email, o.name as org_name,
			coalesce(u.locale, o.default_locale) as locale`;
	if (!feed) return null;
	const now = opts.now ?? new Date();
	// A calendar app asks with no cookie: the feed speaks its owner's language.
	const lang = asLocale(feed.locale) ?? BASE_LOCALE;
	const { rows } = await queryInterviews(sql, {
		orgId: feed.org_id,
		...(feed.role === 'interviewer' ? { interviewerId: feed.user_id } : { candidateId: feed.user_id }),
		status: ['scheduled', 'in_progress', 'completed', 'no_show'],
		from: new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000),
		limit: 1000
	});
	return feedIcs(
		// An interview deleted from the calendar keeps its row (`removed_at`); it leaves the feed.
		rows.filter((r) => !(r as { removed_at?: Date | null }).removed_at),
		{
			name: m.ics_feed_name({ org: feed.org_name, name: feed.name }, { locale: lang }),
			lang,
			orgName: feed.org_name,
			origin: opts.origin,
			organizerEmail: opts.organizerEmail,
			showCandidate: feed.role === 'interviewer'
		}
	);
}
