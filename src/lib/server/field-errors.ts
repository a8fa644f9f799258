/**
 * What a person reads when a field is refused: one place that turns zod's issues into plain phrases
 * ("must be at most 20") and sentences ("The round must be at most 20."), for the API's 422 (its
 * `details.fields` and its message) and for the pages' forms. zod's own wording ("Too big: expected
 * number to be <=20") never reaches anybody; a phrase a schema states itself ("is required", "has at
 * most 12 people") is kept.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** zod's default messages begin like this; a schema's own phrases begin in lower case. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Expected|Unrecognized|Number must|String must|Required)\b/;

/** Names of fields as people say them (others: the name with spaces). */
const LABELS: Record<string, string> = {
	application_id: 'application',
	duration_min: 'duration',
	window_start: 'first day',
	window_end: 'last day',
	pool_count: 'number of people from the pool',
	page_size: 'page size',
	start_time: 'start time',
	end_time: 'end time',
	new_start: 'new start',
	interviewer_ids: 'list of interviewers',
	candidate_id: 'candidate',
	'(body)': 'request'
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const bound = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));

/** The phrase for one issue, to follow the field's name: "must be at most 20". */
export function issuePhrase(issue: Issue, missing = false): string {
	if (missing) return 'is required';
	if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
	switch (issue.code) {
		case 'too_big': {
			const max = bound(issue.maximum);
			const or = issue.inclusive === false ? 'less than' : 'at most';
			if (issue.origin === 'string') return `must be ${or} ${count(max, 'character')}`;
			if (issue.origin === 'array' || issue.origin === 'set') return `must have ${or} ${count(max, 'item')}`;
			if (issue.origin === 'date') return 'is too late';
			return `must be ${or} ${max}`;
		}
		case 'too_small': {
			const min = bound(issue.minimum);
			const or = issue.inclusive === false ? 'more than' : 'at least';
			if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be ${or} ${count(min, 'character')}`;
			if (issue.origin === 'array' || issue.origin === 'set')
				return min <= 1 ? 'must not be empty' : `must have ${or} ${count(min, 'item')}`;
			if (issue.origin === 'date') return 'is too early';
			return `must be ${or} ${min}`;
		}
		case 'invalid_type':
			if (issue.expected === 'int') return 'must be a whole number';
			if (issue.expected === 'number') return 'must be a number';
			if (issue.expected === 'boolean') return 'must be true or false';
			if (issue.expected === 'array') return 'must be a list';
			if (issue.expected === 'object') return 'must be an object';
			return 'must be text';
		case 'invalid_value':
			return issue.values.length === 1
				? `must be ${String(issue.values[0])}`
				: `must be one of ${issue.values.map(String).join(', ')}`;
		case 'invalid_format':
			switch (issue.format) {
				case 'email':
					return 'must be an email address';
				case 'uuid':
				case 'guid':
					return 'must be an id (a uuid)';
				case 'datetime':
					return 'must be a date and time such as 2026-12-01T14:00:00Z';
				case 'date':
					return 'must be a date such as 2026-12-01';
				case 'time':
					return 'must be a time such as 14:00';
				case 'url':
					return 'must be a web address';
				default:
					return 'is not in the expected form';
			}
		case 'not_multiple_of':
			return `must be a multiple of ${String(issue.divisor)}`;
		case 'unrecognized_keys':
			return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} it does not know: ${issue.keys.join(', ')}`;
		case 'invalid_union':
			return 'is not one of the accepted forms';
		default:
			return 'is not valid';
	}
}

/** The field an issue is about, as the API names it (`panel.2`, `(body)` for the whole). */
export function issueField(issue: Issue): string {
	return issue.path.length ? issue.path.map(String).join('.') : '(body)';
}

/** How a person names a field: "round", "duration", "panel (3rd)". */
export function fieldLabel(field: string): string {
	const [head, ...rest] = field.split('.');
	const name = LABELS[head!] ?? head!.replace(/_/g, ' ');
	const index = rest.find((r) => /^\d+$/.test(r));
	return index === undefined ? name : `${name} (item ${Number(index) + 1})`;
}

/** A field and its phrase as one sentence: "The round must be at most 20." */
export function fieldSentence(field: string, phrase: string): string {
	const sentence = `The ${fieldLabel(field)} ${phrase}`.replace(/\s+/g, ' ').trim();
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
