/**
 * A strict reading of an iCalendar file, for tests: the text is checked line by line against RFC 5545
 * §3.1 (every line, the last one too, ends with CRLF; no line is longer than 75 octets; a folded line
 * goes on with one space or tab), then parsed by ical.js (a parser Parley does not write), and the
 * METHOD rules of RFC 5546 are checked for what Parley sends:
 *  - PUBLISH (a file to add, a feed): an ORGANIZER and no ATTENDEE;
 *  - REQUEST and CANCEL (an invitation and its withdrawal): an ORGANIZER and every attendee.
 * Throws with the reason on the first thing that is wrong; answers what a test compares.
 */
import ICAL from 'ical.js';

export interface StrictEvent {
	uid: string;
	sequence: number;
	status: string | null;
	start: string;
	organizer: string | null;
	/** ATTENDEE addresses, lower case, without `mailto:`. */
	attendees: string[];
}

export interface StrictCalendar {
	method: string;
	events: StrictEvent[];
}

const address = (value: unknown) =>
	String(value)
		.replace(/^mailto:/i, '')
		.toLowerCase();

/** Checks the content lines of `text` (RFC 5545 §3.1) and throws on the first broken one. */
export function checkContentLines(text: string): void {
	if (!text.endsWith('\r\n')) throw new Error('the last line does not end with CRLF');
	const lines = text.slice(0, -2).split('\r\n');
	lines.forEach((line, i) => {
		if (/[\r\n]/.test(line)) throw new Error(`line ${i + 1} holds a bare CR or LF: ${JSON.stringify(line)}`);
		if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line ${i + 1} is longer than 75 octets: ${line}`);
		if (i === 0 && /^[ \t]/.test(line)) throw new Error('the first line is a continuation');
		if (line === '') throw new Error(`line ${i + 1} is empty`);
	});
	if (lines[0] !== 'BEGIN:VCALENDAR') throw new Error(`the first line is ${lines[0]}`);
	if (lines.at(-1) !== 'END:VCALENDAR') throw new Error(`the last line is ${lines.at(-1)}`);
}

/** Parses `text` strictly; throws when it is not a single, well-formed calendar that keeps the METHOD rules. */
export function parseStrict(text: string): StrictCalendar {
	checkContentLines(text);
	const jcal = ICAL.parse(text);
	if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') throw new Error('not exactly one VCALENDAR');
	const cal = new ICAL.Component(jcal);
	if (cal.getFirstPropertyValue('version') !== '2.0') throw new Error('VERSION is not 2.0');
	if (!cal.getFirstPropertyValue('prodid')) throw new Error('no PRODID');
	const method = String(cal.getFirstPropertyValue('method') ?? '');
	if (!['PUBLISH', 'REQUEST', 'CANCEL'].includes(method)) throw new Error(`METHOD is ${method || 'missing'}`);
	const events = cal.getAllSubcomponents('vevent').map((ev): StrictEvent => {
		const uid = String(ev.getFirstPropertyValue('uid') ?? '');
		if (!uid) throw new Error('an event has no UID');
		if (!ev.getFirstPropertyValue('dtstamp')) throw new Error(`${uid}: no DTSTAMP`);
		const start = ev.getFirstPropertyValue('dtstart');
		if (!start) throw new Error(`${uid}: no DTSTART`);
		// Every TZID an event names has its VTIMEZONE in the file.
		const tzid = ev.getFirstProperty('dtstart')?.getParameter('tzid');
		if (tzid && !cal.getAllSubcomponents('vtimezone').some((z) => z.getFirstPropertyValue('tzid') === tzid))
			throw new Error(`${uid}: TZID ${String(tzid)} has no VTIMEZONE`);
		const organizer = ev.getFirstPropertyValue('organizer');
		const attendees = ev.getAllProperties('attendee').map((p) => address(p.getFirstValue()));
		if (!organizer) throw new Error(`${uid}: METHOD:${method} needs an ORGANIZER`);
		if (method === 'PUBLISH' && attendees.length)
			throw new Error(`${uid}: METHOD:PUBLISH carries ATTENDEE ${attendees.join(', ')}`);
		if (method !== 'PUBLISH' && !attendees.length) throw new Error(`${uid}: METHOD:${method} names no ATTENDEE`);
		if (new Set(attendees).size !== attendees.length) throw new Error(`${uid}: an ATTENDEE is named twice`);
		const sequence = Number(ev.getFirstPropertyValue('sequence') ?? 0);
		if (!Number.isInteger(sequence) || sequence < 0) throw new Error(`${uid}: SEQUENCE ${sequence}`);
		const status = ev.getFirstPropertyValue('status');
		return {
			uid,
			sequence,
			status: status ? String(status) : null,
			start: (start as ICAL.Time).toJSDate().toISOString(),
			organizer: address(organizer),
			attendees: attendees.sort()
		};
	});
	if (method !== 'PUBLISH' && events.length !== 1) throw new Error(`METHOD:${method} with ${events.length} events`);
	return { method, events };
}
