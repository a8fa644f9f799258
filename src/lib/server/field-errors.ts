/**
 * What a person reads when a field is refused: one place that turns zod's issues into plain phrases
 * ("must be at most 20") and sentences ("The round must be at most 20."), for the API's 422 (its
 * `details.fields` and its message) and for the pages' forms, in the request's language (a page's
 * reader's, the API's `Accept-Language`: messages read the request's locale). zod's own wording ("Too big: expected
 * number to be <=20") never reaches anybody; a phrase a schema states itself ("is required", "has at
 * most 12 people") is kept.
 */
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

type Issue = z.core.$ZodIssue;

/** zod's default messages begin like this; a schema's own phrases begin in lower case. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Expected|Unrecognized|Number must|String must|Required)\b/;

/** The phrases the contract's schemas state themselves, said in the request's language. */
const SCHEMA_PHRASES: Record<string, () => string> = {
	'names nothing to change': () => m.field_nothing_to_change(),
	'must be an ISO-8601 date-time with a zone, e.g. 2026-12-01T14:00:00Z': () => m.field_iso_zoned(),
	'must lie between the years 1970 and 9999': () => m.field_years(),
	'is required': () => m.field_required(),
	'must be a whole number': () => m.field_int(),
	'must be a whole number of minutes': () => m.field_int_minutes(),
	'must be weekdays 1 (Monday) to 7 (Sunday)': () => m.field_weekdays(),
	'must be an IANA time zone such as Europe/Berlin': () => m.field_iana(),
	'needs at least one interviewer': () => m.field_one_interviewer(),
	'needs at least two sessions': () => m.field_two_sessions(),
	'has at most six sessions': () => m.field_six_sessions(),
	'must name at least one day': () => m.field_one_day(),
	'must be a uuid': () => m.field_uuid(),
	'must be an email address': () => m.field_email(),
	'must be a time HH:MM': () => m.field_hhmm(),
	'must be a date YYYY-MM-DD': () => m.field_ymd()
};

/** A schema's own phrase ("is required"), or one with its number ("must be at most 26", "has at most 12 people"). */
function schemaPhrase(phrase: string): string | null {
	const said = SCHEMA_PHRASES[phrase];
	if (said) return said();
	const n = Number(/\d+/.exec(phrase)?.[0]);
	if (/^must be at least \d+ characters$/.test(phrase)) return m.field_min_chars({ min: n });
	if (/^must be at least \d+$/.test(phrase)) return m.field_at_least({ min: n });
	if (/^must be at most \d+$/.test(phrase)) return m.field_at_most({ max: n });
	if (/^has at most \d+ people$/.test(phrase)) return m.field_max_people({ max: n });
	return null;
}

/** Names of fields as people say them (in French with their article); others: the name with spaces. */
const LABELS: Record<string, () => string> = {
	application_id: () => m.fieldname_application_id(),
	duration_min: () => m.fieldname_duration_min(),
	window_start: () => m.fieldname_window_start(),
	window_end: () => m.fieldname_window_end(),
	pool_count: () => m.fieldname_pool_count(),
	page_size: () => m.fieldname_page_size(),
	start_time: () => m.fieldname_start_time(),
	end_time: () => m.fieldname_end_time(),
	new_start: () => m.fieldname_new_start(),
	interviewer_ids: () => m.fieldname_interviewer_ids(),
	candidate_id: () => m.fieldname_candidate_id(),
	'(body)': () => m.fieldname_body(),
	round: () => m.fieldname_round(),
	panel: () => m.fieldname_panel(),
	pool: () => m.fieldname_pool(),
	type: () => m.fieldname_type(),
	mode: () => m.fieldname_mode(),
	location: () => m.fieldname_location(),
	deadline: () => m.fieldname_deadline(),
	start: () => m.fieldname_start(),
	timezone: () => m.fieldname_timezone(),
	reason: () => m.fieldname_reason(),
	status: () => m.fieldname_status(),
	email: () => m.fieldname_email(),
	name: () => m.fieldname_name(),
	role: () => m.fieldname_role(),
	sessions: () => m.fieldname_sessions(),
	gap_min: () => m.fieldname_gap_min(),
	break_min: () => m.fieldname_break_min(),
	split_after: () => m.fieldname_split_after(),
	password: () => m.fieldname_password(),
	from: () => m.fieldname_from(),
	to: () => m.fieldname_to()
};

const bound = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));

/** The phrase for one issue, to follow the field's name: "must be at most 20" (in the request's language). */
export function issuePhrase(issue: Issue, missing = false): string {
	if (missing) return m.field_required();
	if (!ZOD_DEFAULT.test(issue.message)) return schemaPhrase(issue.message) ?? issue.message;
	switch (issue.code) {
		case 'too_big': {
			const max = bound(issue.maximum);
			const below = issue.inclusive === false;
			if (issue.origin === 'string') return below ? m.field_below_chars({ max }) : m.field_max_chars({ max });
			if (issue.origin === 'array' || issue.origin === 'set')
				return below ? m.field_below_items({ max }) : m.field_max_items({ max });
			if (issue.origin === 'date') return m.field_too_late();
			return below ? m.field_less_than({ max }) : m.field_at_most({ max });
		}
		case 'too_small': {
			const min = bound(issue.minimum);
			const above = issue.inclusive === false;
			if (issue.origin === 'string')
				return min <= 1 ? m.field_not_empty() : above ? m.field_above_chars({ min }) : m.field_min_chars({ min });
			if (issue.origin === 'array' || issue.origin === 'set')
				return min <= 1 ? m.field_not_empty() : above ? m.field_above_items({ min }) : m.field_min_items({ min });
			if (issue.origin === 'date') return m.field_too_early();
			return above ? m.field_more_than({ min }) : m.field_at_least({ min });
		}
		case 'invalid_type':
			if (issue.expected === 'int') return m.field_int();
			if (issue.expected === 'number') return m.field_number();
			if (issue.expected === 'boolean') return m.field_boolean();
			if (issue.expected === 'array') return m.field_list();
			if (issue.expected === 'object') return m.field_object();
			return m.field_text();
		case 'invalid_value':
			return issue.values.length === 1
				? m.field_value({ value: String(issue.values[0]) })
				: m.field_one_of({ values: issue.values.map(String).join(', ') });
		case 'invalid_format':
			switch (issue.format) {
				case 'email':
					return m.field_email();
				case 'uuid':
				case 'guid':
					return m.field_uuid();
				case 'datetime':
					return m.field_datetime();
				case 'date':
					return m.field_date();
				case 'time':
					return m.field_time();
				case 'url':
					return m.field_url();
				default:
					return m.field_format();
			}
		case 'not_multiple_of':
			return m.field_multiple({ divisor: String(issue.divisor) });
		case 'unrecognized_keys':
			return issue.keys.length === 1
				? m.field_unknown_key({ keys: issue.keys.join(', ') })
				: m.field_unknown_keys({ keys: issue.keys.join(', ') });
		case 'invalid_union':
			return m.field_union();
		default:
			return m.field_invalid();
	}
}

/** The field an issue is about, as the API names it (`panel.2`, `(body)` for the whole). */
export function issueField(issue: Issue): string {
	return issue.path.length ? issue.path.map(String).join('.') : '(body)';
}

/** How a person names a field: "round", "duration", "panel (item 3)" (« le jury (élément 3) »). */
export function fieldLabel(field: string): string {
	const [head, ...rest] = field.split('.');
	const name = LABELS[head!]?.() ?? m.fieldname_unknown({ name: head!.replace(/_/g, ' ') });
	const index = rest.find((r) => /^\d+$/.test(r));
	return index === undefined ? name : m.field_item({ name, n: Number(index) + 1 });
}

/** A field and its phrase as one sentence: "The round must be at most 20." (« Le tour doit valoir au plus 20. »). */
export function fieldSentence(field: string, phrase: string): string {
	const words = m.field_sentence({ label: fieldLabel(field), phrase });
	const said = words.replace(/\s+/g, ' ').trim();
	const sentence = said.charAt(0).toUpperCase() + said.slice(1);
	return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The first phrase for each field of a failed parse; `valueAt` tells a missing field from a wrong one. */
export function issuePhrases(error: z.ZodError, valueAt?: (path: PropertyKey[]) => unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const missing =
			(issue.path.length > 0 && valueAt !== undefined && valueAt(issue.path) === undefined) ||
			(issue.code === 'invalid_type' && /received undefined$/.test(issue.message));
		fields[issueField(issue)] ??= issuePhrase(issue, missing);
	}
	return fields;
}

/** For a page's form: each field's refusal as a whole sentence, keyed by the field's top-level name. */
export function formFieldErrors(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const top = String(issue.path[0] ?? '(body)');
		const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
		fields[top] ??= fieldSentence(top, issuePhrase(issue, missing));
	}
	return fields;
}
