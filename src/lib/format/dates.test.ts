import { describe, expect, it } from 'vitest';
import { formatFor, zoneName } from './dates';
import { acceptedLanguages, resolveLocale, supportedLocale } from './locale';
import { sentenceCase, statusLabel } from './status';

/** Intl puts U+202F/U+00A0 in some outputs: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

describe('formatFor: one viewer’s dates and times', () => {
	const at = '2026-11-26T14:30:00Z';

	it('follows the locale’s clock: 24-hour in en-GB, 12-hour in en-US', () => {
		const gb = formatFor('en-GB', 'Europe/London');
		const us = formatFor('en-US', 'America/New_York');
		expect(gb.hour12).toBe(false);
		expect(us.hour12).toBe(true);
		expect(gb.time(at)).toBe('14:30');
		expect(plain(us.time(at))).toBe('09:30 AM');
		expect(gb.date(at)).toBe('Thu, 26 Nov 2026');
		expect(us.date(at)).toBe('Thu, Nov 26, 2026');
	});

	it('shows an instant in the viewer’s zone and names its offset', () => {
		expect(formatFor('en-GB', 'Europe/Berlin').dateTimeZoned(at)).toBe('Thu, 26 Nov 2026, 15:30 GMT+1');
		expect(formatFor('en-GB', 'Asia/Kolkata').dateTimeZoned(at)).toBe('Thu, 26 Nov 2026, 20:00 GMT+5:30');
		// Late in UTC is the next day in Auckland.
		expect(formatFor('en-GB', 'Pacific/Auckland').date('2026-11-26T23:00:00Z')).toBe('Fri, 27 Nov 2026');
	});

	it('crosses daylight saving time with the right offsets', () => {
		const ny = formatFor('en-GB', 'America/New_York');
		// 2026-03-08 02:00 EST → 03:00 EDT.
		expect(ny.time('2026-03-08T06:30:00Z')).toBe('01:30');
		expect(ny.offset('2026-03-08T06:30:00Z')).toBe('GMT-5');
		expect(ny.time('2026-03-08T07:30:00Z')).toBe('03:30');
		expect(ny.offset('2026-03-08T07:30:00Z')).toBe('GMT-4');
		// A range over the change: an hour of wall time is skipped, the range still reads right.
		expect(ny.timeRange('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z')).toBe('01:30–03:30');
		// London's autumn change: 01:30 happens twice.
		const london = formatFor('en-GB', 'Europe/London');
		expect(london.dateTimeZoned('2026-10-25T00:30:00Z')).toBe('Sun, 25 Oct 2026, 01:30 GMT+1');
		expect(london.dateTimeZoned('2026-10-25T01:30:00Z')).toMatch(/^Sun, 25 Oct 2026, 01:30 GMT(\+0)?$/);
	});

	it('formats an interview as one range, naming the end’s day when it is another', () => {
		const gb = formatFor('en-GB', 'Europe/London');
		expect(gb.range('2026-11-26T14:30:00Z', '2026-11-26T15:15:00Z')).toBe('Thu, 26 Nov 2026, 14:30–15:15');
		expect(plain(gb.range('2026-11-26T23:30:00Z', '2026-11-27T00:30:00Z'))).toContain('27 Nov');
		const us = formatFor('en-US', 'America/New_York');
		expect(plain(us.range('2026-11-26T14:30:00Z', '2026-11-26T15:15:00Z'))).toBe('Thu, Nov 26, 2026, 9:30 – 10:15 AM');
	});

	it('writes durations, relative times and numbers in the locale’s words', () => {
		const gb = formatFor('en-GB', 'UTC');
		expect(gb.duration(45)).toMatch(/^45 min/);
		expect(gb.duration(90)).toMatch(/^1 hr 30 min/);
		expect(gb.duration(120)).toMatch(/^2 hr/);
		expect(gb.relative('2026-11-29T12:00:00Z', '2026-11-26T12:00:00Z')).toBe('in 3 days');
		expect(gb.relative('2026-11-26T10:00:00Z', '2026-11-26T12:00:00Z')).toBe('2 hours ago');
		expect(gb.number(20000)).toBe('20,000');
		expect(formatFor('fr-FR', 'UTC').number(20000)).toBe('20\u202f000');
	});

	it('takes a locale parameter, so French needs no new code', () => {
		const fr = formatFor('fr-FR', 'Europe/Paris');
		expect(fr.hour12).toBe(false);
		expect(fr.time('2026-11-26T14:30:00Z')).toBe('15:30');
		expect(fr.date('2026-11-26T14:30:00Z')).toBe('jeu. 26 nov. 2026');
	});

	it('keeps one formatter per locale and zone, and refuses what is not a date', () => {
		expect(formatFor('en-GB', 'UTC')).toBe(formatFor('en-GB', 'UTC'));
		expect(() => formatFor('en-GB', 'UTC').date('not a date')).toThrow(RangeError);
		expect(formatFor('en-GB', 'America/New_York').zoneLabel('2026-07-01T12:00:00Z')).toBe('America/New York (GMT-4)');
		expect(zoneName('America/Los_Angeles')).toBe('America/Los Angeles');
	});
});

describe('the viewer’s locale', () => {
	it('reads Accept-Language by weight and falls back to the default', () => {
		expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', '*']);
		expect(acceptedLanguages('en;q=0.2, de')).toEqual(['de', 'en']);
		expect(resolveLocale(null, acceptedLanguages('en-US,en;q=0.9'))).toBe('en-US');
		expect(resolveLocale('fr-FR', ['en-US'])).toBe('fr-FR');
		expect(resolveLocale(undefined, ['*', 'x-nonsense-!!'])).toBe('en-GB');
		expect(supportedLocale('en-us')).toBe('en-US');
		expect(supportedLocale('')).toBeNull();
	});
});

describe('status labels', () => {
	it('are sentence case, with the candidate’s own words where they differ', () => {
		expect(statusLabel('application', 'interview_scheduled')).toBe('Interview scheduled');
		expect(statusLabel('application', 'pending', 'candidate')).toBe('Under review');
		expect(statusLabel('interview', 'no_show')).toBe('No-show');
		expect(statusLabel('interview', 'no_show', 'candidate')).toBe('Missed');
		expect(statusLabel('interview', 'in_progress', 'candidate')).toBe('In progress');
		expect(statusLabel('outbox', 'cancelled')).toBe('Not sent');
		expect(statusLabel('interview', 'WAITING_LIST')).toBe('Waiting list');
		expect(sentenceCase('on_hold')).toBe('On hold');
	});
});
