/**
 * The application rules' sentences (status moves, a decision without an interview held, the
 * upcoming interviews a decision cancels) in the reader's language. The domain
 * (src/lib/domain/applications.ts) keeps its English sentences; in English they are said as they are.
 */
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale, type Locale } from '$lib/paraglide/runtime';
import {
	APPLICATION_MOVES,
	applicationMoveMessage,
	decisionBlocker,
	upcomingInterviewsMessage
} from '$lib/domain/applications';
import type { ApplicationStatus } from '$lib/domain/types';
import { statusLabel } from '$lib/format/status';

const label = (s: string, locale: Locale) => statusLabel('application', s, 'staff', locale).toLowerCase();

/** Why an application cannot move from `from` to `to`. */
export function applicationMoveText(from: ApplicationStatus, to: ApplicationStatus, locale = getLocale()): string {
	if (locale === baseLocale) return applicationMoveMessage(from, to);
	const o = { locale };
	if (to === 'interview_scheduled') return m.appmove_by_scheduling({ status: label(to, locale) }, o);
	const allowed = APPLICATION_MOVES[from].map((s) => `« ${label(s, locale)} »`.replace(/ /g, '\u00a0'));
	return m.appmove_refused(
		{
			from: label(from, locale),
			to: label(to, locale),
			allowed: allowed.join(` ${m.appmove_or({}, o)} `) || m.appmove_nothing({}, o)
		},
		o
	);
}

/** `decisionBlocker` in the reader's language: null when the decision needs no interview held. */
export function decisionBlockerText(
	...[from, to, interviews, now, locale = getLocale()]: [...Parameters<typeof decisionBlocker>, Locale?]
): string | null {
	const english = decisionBlocker(from, to, interviews, now);
	if (english === null || locale === baseLocale) return english;
	return to === 'approved' ? m.decision_not_held_approve({}, { locale }) : m.decision_not_held_reject({}, { locale });
}

/** The question a decision that cancels `count` upcoming interviews asks first. */
export function upcomingText(to: ApplicationStatus, count: number, locale = getLocale()): string {
	if (locale === baseLocale) return upcomingInterviewsMessage(to, count);
	return to === 'approved'
		? m.decision_upcoming_approve({ count }, { locale })
		: m.decision_upcoming_reject({ count }, { locale });
}
