/**
 * The admin's loop pages: a loop's shape read from a form or a query string (the same fields, so a
 * search is a GET that can be linked and a booking is a POST of the same form), and the loops the
 * calendar draws together.
 */
import { blockerText } from '$lib/i18n/blockers';
import type { LoopDayWithoutStarts } from '$lib/domain/loop-explain';
import type { Sql } from '../../../../db/client';
import { NewLoopBody } from '$lib/contract/api';
import { zonedWallTimeToUtc } from '$lib/domain/time';
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale } from '$lib/paraglide/runtime';
import type { z } from 'zod';
import { fieldSentence, issueField, issuePhrase } from '$lib/server/field-errors';

/** The most sessions the form offers. */
export const FORM_SESSIONS = 4;

/** Reads one field: a query string's or a posted form's. */
type Field = (name: string) => string | null | undefined;

/** The first whole day `from` (YYYY-MM-DD, in `zone`) to `days` days later, as instants. */
export function dayRange(get: Field, zone: string): { from: Date; to: Date } | null {
	const from = get('from') ?? '';
	const days = Number(get('days') || 7);
	if (!/^\d{4}-\d\d-\d\d$/.test(from) || !Number.isInteger(days) || days < 1 || days > 31) return null;
	const end = new Date(`${from}T00:00:00Z`);
	end.setUTCDate(end.getUTCDate() + days);
	return {
		from: zonedWallTimeToUtc(from, '00:00', zone),
		to: zonedWallTimeToUtc(end.toISOString().slice(0, 10), '00:00', zone)
	};
}

/** The loop the form describes, parsed as the API parses a new loop (`start` may be absent while searching). */
export function loopFromForm(get: Field, zone: string) {
	const sessions = Array.from({ length: FORM_SESSIONS }, (_, i) => ({
		panel: [get(`s${i}_panel`), get(`s${i}_panel2`)].filter((p): p is string => !!p),
		duration_min: Number(get(`s${i}_dur`) || 45),
		type: get(`s${i}_type`) || 'video'
	})).filter((s) => s.panel.length);
	return NewLoopBody.safeParse({
		application_id: get('application_id'),
		start: get('start') || new Date(0).toISOString(),
		timezone: zone,
		break_min: Number(get('break_min') || 15),
		split_after: get('split_after') ? Number(get('split_after')) : null,
		mode: get('mode') || 'online',
		location: get('location') ?? '',
		sessions
	});
}

/**
 * The first issue of a failed parse, as a sentence naming its field; a session's field names its
 * session ("Entretien 2 : Le jury doit compter au moins un membre du jury."). English keeps its
 * wording ("session 2 panel needs at least one interviewer.").
 */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): string {
	const i = issues[0];
	if (!i) return m.loop_form_incomplete();
	if (getLocale() !== baseLocale) {
		const [head, n, ...rest] = i.path.map(String);
		const phrase = issuePhrase(i);
		if (head === 'sessions' && /^\d+$/.test(n ?? '') && rest.length)
			return m.api_session({ n: Number(n) + 1, message: fieldSentence(rest.join('.'), phrase) });
		return fieldSentence(issueField(i), phrase);
	}
	const field = i.path
		.map(String)
		.join(' ')
		.replace('sessions', 'session')
		.replace(/ (\d+)/, (_, n) => ` ${Number(n) + 1}`);
	return `${field.replace(/_/g, ' ')} ${i.message}.`;
}

/** The loops whose sessions the calendar may show (the recent and the coming ones), each with its interviews in order. */
export async function calendarLoops(sql: Sql, orgId: string): Promise<{ id: string; interviewIds: string[] }[]> {
	const rows = await sql<{ id: string; interview_ids: string[] }[]>`select l.id, l.interview_ids::text[]
		from interview_loops l where l.org_id = ${orgId} and exists (select 1 from interviews i
			where i.id = any(l.interview_ids) and i.start_at > now() - interval '60 days')
		order by l.created_at desc limit 500`;
	return rows.map((r) => ({ id: r.id, interviewIds: r.interview_ids }));
}

/**
 * "Why no times?" for the loop pages: per day, one line per blocker ("Session 2 · Marco Bianchi: Busy
 * …"), the candidate named as such.
 */
export function whyLines(
	days: readonly LoopDayWithoutStarts[],
	names: ReadonlyMap<string, string>
): { date: string; lines: string[] }[] {
	return days.map((d) => ({
		date: d.date,
		lines: d.blockers.map((b) => {
			const who = b.personId
				? ` · ${b.role === 'candidate' ? m.cal_the_candidate_cap() : (names.get(b.personId) ?? m.cal_someone())}`
				: '';
			return `${m.loop_session_n({ n: b.session })}${who}${m.colon()} ${blockerText(b)}`;
		})
	}));
}
