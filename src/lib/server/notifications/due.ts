/**
 * The notifications job: reminders before interviews and scorecard requests after them, computed
 * from the schedule in Postgres at the time the clock gives (never from timers in memory). Each one
 * is keyed by what makes it unique (the interview, its start or end, the recipient, the request's
 * number), so two job runners, a restart or a pass repeated a minute later queue it once; a moved
 * interview has another start and so other keys, and a cancelled one is no longer looked at.
 */
import type { Sql } from '../../../../db/client';
import type { EventBus } from '../../../../db/events';
import { dueFeedbackRequest, dueReminder, FEEDBACK_REQUESTS } from '$lib/domain/reminders';
import { isValidTimeZone } from '$lib/domain/time';
import { announceNotices, enqueueInterviewNotices, type InterviewNotice } from './outbox';

export interface DueDeps {
	sql: Sql;
	bus?: EventBus;
}

export interface DueResult {
	reminders: number;
	feedbackRequests: number;
	queued: number;
}

const DAY_MS = 86_400_000;
/** Ten business days fit in three weeks, whatever the holidays of a weekend. */
const FEEDBACK_WINDOW_MS = 21 * DAY_MS;

/** Queues every reminder and scorecard request due at `now`; safe to run anywhere, any number of times. */
export async function queueDueNotifications(deps: DueDeps, now: Date): Promise<DueResult> {
	const nowMs = now.getTime();
	const notices: InterviewNotice[] = [];

	// Interviews starting within a day, with when their current time was set.
	const upcoming = await deps.sql<
		{ id: string; org_id: string; start_at: Date; candidate_id: string; set_at: Date | null; panel: string[] }[]
	>`
		select i.id, i.org_id, i.start_at, i.candidate_id,
			(select max(l.created_at) from interview_logs l where l.interview_id = i.id
				and (l.action in ('scheduled', 'rescheduled') or (l.action = 'updated' and l.new_values ? 'status'))) as set_at,
			coalesce((select array_agg(p.user_id) from panel_interviewers p where p.interview_id = i.id), '{}') as panel
		from interviews i
		where i.status = 'scheduled' and i.removed_at is null
			and i.start_at > ${now} and i.start_at <= ${new Date(nowMs + DAY_MS)}`;
	let reminders = 0;
	for (const i of upcoming) {
		const kind = dueReminder(i.start_at.getTime(), (i.set_at ?? i.start_at).getTime(), nowMs);
		if (!kind) continue;
		reminders++;
		const key = `${kind}:${i.id}:${i.start_at.toISOString()}`;
		notices.push({ interviewId: i.id, kind, recipientId: i.candidate_id, key, as: 'candidate' });
		for (const user of i.panel) notices.push({ interviewId: i.id, kind, recipientId: user, key, as: 'interviewer' });
	}

	// Panel members who owe a scorecard for an interview that took place and is not finalized.
	const owed = await deps.sql<{ id: string; end_at: Date; user_id: string; zone: string; org_zone: string }[]>`
		select i.id, i.end_at, p.user_id, coalesce(u.timezone, o.timezone) as zone, o.timezone as org_zone
		from interviews i
		join panel_interviewers p on p.interview_id = i.id
		join users u on u.id = p.user_id
		join organizations o on o.id = i.org_id
		where i.status in ('completed', 'in_progress') and i.removed_at is null
			and i.end_at <= ${new Date(nowMs - FEEDBACK_REQUESTS.firstAfterEndMin * 60_000)}
			and i.end_at > ${new Date(nowMs - FEEDBACK_WINDOW_MS)}
			and not exists (select 1 from interviews_finalized f where f.interview_id = i.id)
			and not exists (select 1 from scorecards s where s.interview_id = i.id and s.author_id = p.user_id)`;
	let feedbackRequests = 0;
	for (const o of owed) {
		const zone = isValidTimeZone(o.zone) ? o.zone : isValidTimeZone(o.org_zone) ? o.org_zone : 'UTC';
		const due = dueFeedbackRequest(o.end_at.getTime(), zone, nowMs);
		if (!due) continue;
		feedbackRequests++;
		notices.push({
			interviewId: o.id,
			kind: 'feedback_request',
			recipientId: o.user_id,
			key: `feedback_request:${o.id}:${o.end_at.toISOString()}:${due.n}`,
			as: 'interviewer',
			extra: { n: due.n, last: due.last }
		});
	}

	if (!notices.length) return { reminders, feedbackRequests, queued: 0 };
	const result = await deps.sql.begin((tx) => enqueueInterviewNotices(tx as unknown as Sql, notices));
	await announceNotices(deps.bus, result);
	return { reminders, feedbackRequests, queued: result.queued };
}
