/**
 * Reading the generated OpenAPI document for the docs page: type labels, constraint notes and the
 * field rows of a JSON Schema. Pure functions over plain data.
 */
import { m } from '$lib/paraglide/messages';

/** A JSON Schema or OpenAPI object, loosely typed: the document is data. */
export type Json = { [key: string]: unknown };

/** A piece of a type label; `ref` names a component the page links to. */
export interface TypePart {
	text: string;
	ref?: string;
	/** A value (a `const`), the same in every language. */
	code?: boolean;
}

export interface FieldRow {
	name: string;
	depth: number;
	type: TypePart[];
	required: boolean;
	notes: Note[];
}

/** A note on a field: the document's own words (English, `doc`) or the page's (its language). */
export interface Note {
	text: string;
	doc: boolean;
}

export interface OperationView {
	method: string;
	path: string;
	anchor: string;
	op: Json;
}

const asJson = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const asList = (v: unknown): Json[] => (Array.isArray(v) ? v.map(asJson) : []);

/** The component name of a `$ref`, or null. */
export function refName(schema: Json): string | null {
	const ref = schema.$ref;
	return typeof ref === 'string' ? (ref.split('/').pop() ?? null) : null;
}

/** The schema behind a `$ref` (or the schema itself). */
export function resolve(schema: Json, components: Record<string, Json>): Json {
	const name = refName(schema);
	return name ? (components[name] ?? schema) : schema;
}

/** The non-null alternative of `X or null`, with whether null is allowed. */
function unwrapNullable(schema: Json): { inner: Json; nullable: boolean } {
	const alts = asList(schema.anyOf ?? schema.oneOf);
	const nonNull = alts.filter((a) => a.type !== 'null');
	if (alts.length === 2 && nonNull.length === 1) return { inner: nonNull[0]!, nullable: true };
	return { inner: schema, nullable: false };
}

/** A short type label: `string (uuid)`, `array of Interview`, `Person or null`. */
export function typeParts(schema: Json): TypePart[] {
	const ref = refName(schema);
	if (ref) return [{ text: ref, ref }];
	const alts = asList(schema.anyOf ?? schema.oneOf);
	if (alts.length) return alts.flatMap((a, i) => [...(i ? [{ text: m.docs_type_or() }] : []), ...typeParts(a)]);
	if ('const' in schema) return [{ text: JSON.stringify(schema.const), code: true }];
	if (schema.type === 'array') return [{ text: m.docs_type_array() }, ...typeParts(asJson(schema.items))];
	if (Array.isArray(schema.type)) return [{ text: schema.type.join(m.docs_type_or()) }];
	if (typeof schema.type === 'string') {
		const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
		return [{ text: schema.type + format }];
	}
	return [{ text: m.docs_type_any() }];
}

/** Human notes on a schema's constraints: description, allowed values, bounds, default. */
export function constraintNotes(schema: Json): Note[] {
	const said: string[] = [];
	const { inner } = unwrapNullable(schema);
	const s: Json = { ...inner, ...(schema.description ? { description: schema.description } : {}) };
	const listed = (values: unknown[]) => values.map((v) => `\`${String(v)}\``).join(', ');
	if (Array.isArray(s.enum)) said.push(m.docs_note_one_of({ values: listed(s.enum) }));
	const range = (min: unknown, max: unknown, unit: string) => {
		if (typeof min === 'number' && typeof max === 'number') said.push(`${min}–${max}${unit}`);
		else if (typeof min === 'number') said.push(m.docs_note_at_least({ n: min, unit }));
		else if (typeof max === 'number') said.push(m.docs_note_at_most({ n: max, unit }));
	};
	range(s.minimum, s.maximum, '');
	range(s.minLength, s.maxLength, m.docs_unit_characters());
	range(s.minItems, s.maxItems, m.docs_unit_items());
	if (s.type === 'array') {
		const items = asJson(s.items);
		if (Array.isArray(items.enum)) said.push(m.docs_note_items({ values: listed(items.enum) }));
	}
	// A pattern beside a format (a uuid) only restates it.
	if (typeof s.pattern === 'string' && !s.format) said.push(m.docs_note_matches({ pattern: `\`${s.pattern}\`` }));
	if ('default' in s) said.push(m.docs_note_default({ value: `\`${JSON.stringify(s.default)}\`` }));
	const page = said.map((text) => ({ text, doc: false }));
	return typeof s.description === 'string' ? [{ text: s.description, doc: true }, ...page] : page;
}

/** The inline object of a property (itself, its non-null side, or its array items), if it has fields. */
function inlineObject(schema: Json): { object: Json; suffix: string } | null {
	const { inner } = unwrapNullable(schema);
	if (inner.type === 'object' && inner.properties) return { object: inner, suffix: '.' };
	if (inner.type === 'array') {
		const items = asJson(inner.items);
		if (items.type === 'object' && items.properties) return { object: items, suffix: '[].' };
	}
	return null;
}

/** The rows of an object schema's fields, nested inline objects flattened with dotted names. */
export function fieldRows(schema: Json, prefix = '', depth = 0): FieldRow[] {
	const properties = asJson(schema.properties);
	const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
	return Object.entries(properties).flatMap(([name, raw]) => {
		const prop = asJson(raw);
		const nested = inlineObject(prop);
		const row: FieldRow = {
			name: prefix + name,
			depth,
			type: typeParts(prop),
			required: required.includes(name),
			notes: constraintNotes(prop)
		};
		return [row, ...(nested ? fieldRows(nested.object, `${prefix}${name}${nested.suffix}`, depth + 1) : [])];
	});
}

/** The operations of the document grouped by tag, in the document's tag order. */
export function operationsByTag(doc: Json): { name: string; description: string; operations: OperationView[] }[] {
	const tags = asList(doc.tags).map((t) => ({
		name: String(t.name),
		description: String(t.description ?? ''),
		operations: [] as OperationView[]
	}));
	for (const [path, methods] of Object.entries(asJson(doc.paths))) {
		for (const [method, raw] of Object.entries(asJson(methods))) {
			const op = asJson(raw);
			const tag = String(asList(op.tags).length ? (op.tags as string[])[0] : 'Other');
			let group = tags.find((t) => t.name === tag);
			if (!group) tags.push((group = { name: tag, description: '', operations: [] }));
			group.operations.push({ method: method.toUpperCase(), path, anchor: String(op.operationId ?? path), op });
		}
	}
	return tags.filter((t) => t.operations.length);
}

/** How an operation is authenticated, in words. */
export function authLabel(op: Json): string {
	const security = asList(op.security);
	if (!security.length) return m.docs_auth_none();
	const schemes = security.flatMap((s) => Object.keys(s));
	return schemes.includes('bearerToken') ? m.docs_auth_both() : m.docs_auth_session();
}

/** The roles of an operation as written in `x-parley-access`. */
export function accessOf(op: Json): { roles: string[]; who: string } {
	const access = asJson(op['x-parley-access']);
	const roles = Array.isArray(access.roles) ? (access.roles as string[]) : [String(access.roles ?? 'public')];
	return { roles, who: String(access.who ?? '') };
}

/** The JSON schema of an operation's request body, if any. */
export function requestSchema(op: Json): Json | null {
	const content = asJson(asJson(op.requestBody).content);
	const json = content['application/json'];
	return json ? asJson(asJson(json).schema) : null;
}

export interface ResponseView {
	status: string;
	description: string;
	mediaType: string | null;
	schema: Json | null;
	headers: string[];
}

/** An operation's responses, successes first. */
export function responsesOf(op: Json): ResponseView[] {
	return Object.entries(asJson(op.responses))
		.map(([status, raw]) => {
			const r = asJson(raw);
			const [mediaType, media] = Object.entries(asJson(r.content))[0] ?? [null, null];
			return {
				status,
				description: String(r.description ?? ''),
				mediaType,
				schema: media ? asJson(asJson(media).schema) : null,
				headers: Object.keys(asJson(r.headers))
			};
		})
		.sort((a, b) => a.status.localeCompare(b.status));
}

/** Splits text with `code` spans into parts for rendering. */
export function codeSpans(text: string): { text: string; code: boolean }[] {
	return text
		.split(/(`[^`]+`)/)
		.filter(Boolean)
		.map((t) =>
			t.startsWith('`') && t.endsWith('`') ? { text: t.slice(1, -1), code: true } : { text: t, code: false }
		);
}

/** An operation's parameters as field rows (path first, then query). */
export function parameterRows(op: Json): (FieldRow & { in: string })[] {
	return asList(op.parameters).map((p) => {
		const schema = asJson(p.schema);
		const notes = [
			...(typeof p.description === 'string' ? [{ text: p.description, doc: true }] : []),
			...constraintNotes({ ...schema, description: undefined })
		];
		return {
			name: String(p.name),
			in: String(p.in),
			depth: 0,
			type: typeParts(schema),
			required: p.required === true,
			notes: [...new Set(notes)]
		};
	});
}
