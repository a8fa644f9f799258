/**
 * The OpenAPI 3.1 document of the JSON API, built from the route table (src/routes/api/routes.ts
 * collects it from the handlers: each carries its entry, made by `defineRoute`, saying who may call
 * it, which zod schemas of the contract (src/lib/contract/api) it reads and answers with, and which
 * errors it gives). The JSON Schemas themselves come from zod's `z.toJSONSchema`, never by hand.
 * Served at /api/v1/openapi.json and rendered at /api/docs.
 */
import { z } from 'zod';
import type { Role } from '$lib/contract/roles';
import * as S from '$lib/contract/api';
import { TAGS } from './openapi-tags';
import { ERROR_CODES_BY_STATUS, errorDescription, type ErrorStatus } from './openapi-errors';

export { TAGS, ERROR_CODES_BY_STATUS, errorDescription, type ErrorStatus };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Who may call an endpoint: anybody, anybody signed in (even without an organization), or these roles. */
export type Access = 'public' | 'signed_in' | readonly Role[];

interface Success {
	description: string;
	/** The JSON body; absent for 204 and for non-JSON answers. */
	schema?: z.ZodType;
	/** For answers that are not JSON (an .ics file, an event stream, …). */
	media?: { type: string; description: string };
	headers?: Record<string, string>;
}

export interface RouteDoc {
	method: HttpMethod;
	/** OpenAPI path template: `/api/v1/interviews/{id}`. */
	path: string;
	operationId: string;
	tag: string;
	summary: string;
	description?: string;
	access: Access;
	/** One sentence: who may call it and what each caller sees. */
	who: string;
	/** True when an API token is refused (a signed-in browser session is needed). */
	sessionOnly?: boolean;
	query?: z.ZodObject;
	body?: z.ZodType;
	responses: Partial<Record<200 | 201 | 204 | 304, Success>>;
	/** Each error status the handler answers, with when. */
	errors: Partial<Record<ErrorStatus, string>>;
}

/** Named schemas of `components.schemas`; every body and response a route uses must be one of them. */
const COMPONENTS: Record<string, z.ZodType> = {
	Error: S.ErrorBody,
	Person: S.PersonRef,
	Conflict: S.ConflictEntry,
	Problem: S.ProblemEntry,
	Interview: S.InterviewResponse,
	CandidateInterview: S.CandidateInterviewResponse,
	InterviewPage: S.InterviewPage,
	UpcomingInterviews: S.UpcomingResponse,
	MyInterviews: S.MyInterviewsResponse,
	Application: S.ApplicationResponse,
	ApplicationPage: S.ApplicationPage,
	Member: S.MemberResponse,
	MemberList: S.MemberList,
	NewMemberResult: S.NewMemberResponse,
	Cycle: S.CycleResponse,
	CycleList: S.CycleList,
	User: S.UserResponse,
	UserEnvelope: S.UserEnvelope,
	WorkingHours: S.WorkingHoursResponse,
	Me: S.MeResponse,
	MeEnvelope: S.MeEnvelope,
	Ok: S.OkResponse,
	Health: S.HealthResponse,
	OutboxBacklog: S.OutboxBacklog,
	OutboxMessageSummary: S.OutboxSummaryResponse,
	OutboxPage: S.OutboxPage,
	OutboxMessage: S.OutboxMessageResponse,
	Notification: S.NotificationResponse,
	InboxPage: S.InboxPage,
	Unread: S.UnreadResponse,
	NotificationPreferences: S.PreferencesResponse,
	FeedStatus: S.FeedStatusResponse,
	NewFeed: S.NewFeedResponse,
	MarkReadBody: S.MarkReadBody,
	PatchPreferencesBody: S.PatchPreferencesBody,
	SlotList: S.SlotList,
	SchedulingRequest: S.SchedulingRequestResponse,
	SchedulingRequestList: S.SchedulingRequestList,
	NewSchedulingRequest: S.NewSchedulingRequestResponse,
	CancelledSchedulingRequest: S.CancelledRequestResponse,
	SelfScheduling: S.SelfSchedulingResponse,
	Loop: S.LoopResponse,
	LoopDetail: S.LoopDetail,
	LoopStartList: S.LoopStartList,
	LoopLogList: S.LoopLogList,
	ChangeOptions: S.ChangeOptionsResponse,
	ChangeCreated: S.ChangeCreatedResponse,
	ChangeRequestList: S.ChangeRequestList,
	DecidedChange: S.DecidedChangeResponse,
	Closure: S.ClosureResponse,
	ClosureList: S.ClosureList,
	RemovedClosure: S.RemovedClosureResponse,
	LoadLimit: S.LoadLimitResponse,
	OwnLoadLimit: S.OwnLoadLimitResponse,
	PoolPreference: S.PoolPreferenceBody,
	ArchiveSettings: S.ArchiveSettingsBody,
	ArchiveStatus: S.ArchiveStatusResponse,
	ArchiveRun: S.ArchiveRunResponse,
	LoadReport: S.LoadReportResponse,
	CandidateLink: S.CandidateLinkResponse,
	CollabToken: S.CollabTokenResponse,
	LogEntry: S.LogEntryResponse,
	LogList: S.LogList,
	ApplicationLogList: S.ApplicationLogList,
	Scorecard: S.ScorecardResponse,
	ScorecardList: S.ScorecardListResponse,
	RoomParticipant: S.RoomParticipant,
	RoomParticipants: S.RoomParticipants,
	JoinResult: S.JoinResponse,
	ApiToken: S.ApiTokenResponse,
	ApiTokenList: S.ApiTokenList,
	NewApiToken: S.NewApiTokenResponse,
	RevokedToken: S.RevokedTokenResponse,
	LoginBody: S.LoginBody,
	NewMemberBody: S.NewMemberBody,
	PatchApplicationBody: S.PatchApplicationBody,
	NewInterviewBody: S.NewInterviewBody,
	PatchInterviewBody: S.PatchInterviewBody,
	ReasonBody: S.ReasonBody,
	ScorecardBody: S.ScorecardBody,
	NewApiTokenBody: S.NewApiTokenBody,
	NewClosureBody: S.NewClosureBody,
	NewSchedulingRequestBody: S.NewSchedulingRequestBody,
	BookSlotBody: S.BookSlotBody,
	NewLoopBody: S.NewLoopBody,
	LoopSearchBody: S.LoopSearchBody,
	LoopMoveBody: S.LoopMoveBody,
	LoopCancelBody: S.LoopCancelBody,
	ChangeRequestBody: S.ChangeRequestBody,
	DecideChangeBody: S.DecideChangeBody,
	LoadLimitBody: S.LoadLimitBody,
	OwnLoadLimitBody: S.OwnLoadLimitBody,
	PatchMeBody: S.PatchMeBody,
	WorkingHoursBody: S.WorkingHoursBody
};

/** A JSON Schema object as zod emits it (loosely typed: the document is data). */
export type JsonSchema = { [key: string]: unknown };

export interface OpenApiDocument {
	openapi: '3.1.0';
	info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
	servers: { url: string; description: string }[];
	jsonSchemaDialect: string;
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, JsonSchema>>;
	components: {
		schemas: Record<string, JsonSchema>;
		securitySchemes: Record<string, JsonSchema>;
	};
}

const UUID_SOURCE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

type OverrideContext = { zodSchema: unknown; jsonSchema: JsonSchema };
interface ZodInternals {
	_zod: { def: { type: string; in?: ZodInternals; out?: ZodInternals } };
}

/** The arrays a string passes through on its way through pipes (`list()` in the contract's requests: "a,b" → [a, b]). */
function arraysOfPipe(schema: ZodInternals): ZodInternals[] {
	const def = schema._zod.def;
	if (def.type !== 'pipe' || !def.in || !def.out) return [];
	const inner = arraysOfPipe(def.in);
	return def.out._zod.def.type === 'array' ? [...inner, def.out] : [...inner, ...arraysOfPipe(def.out)];
}

/**
 * Makes zod's JSON Schema read like a contract: drops the safe-integer bounds every `.int()` carries
 * and the regexes that only restate a `format`, names our uuid regex `format: uuid`, and shows a
 * comma-separated list parameter as the array it becomes.
 */
function tidy({ zodSchema, jsonSchema: js }: OverrideContext): void {
	if (js.minimum === Number.MIN_SAFE_INTEGER) delete js.minimum;
	if (js.maximum === Number.MAX_SAFE_INTEGER) delete js.maximum;
	if (js.pattern === UUID_SOURCE) {
		// The contract's `uuid` accepts either case and hands on lower case.
		js.format = 'uuid';
		delete js.pattern;
	}
	if (typeof js.format === 'string' && typeof js.pattern === 'string') {
		if (js.format === 'date-time' && js.pattern.includes('[+-]'))
			js.description ??= 'ISO-8601 with Z or an offset (years 1970–9999); handled as UTC';
		delete js.pattern;
	}
	const keys = (js.propertyNames as { enum?: unknown[] } | undefined)?.enum;
	if (keys && Array.isArray(js.required) && !js.properties && typeof js.additionalProperties === 'object') {
		// A record over an enum has every key: say so as properties, which a reader (and a linter) can check.
		js.properties = Object.fromEntries(keys.map((k) => [String(k), js.additionalProperties]));
		js.additionalProperties = false;
		delete js.propertyNames;
	}
	const arrays = arraysOfPipe(zodSchema as ZodInternals);
	if (arrays.length) {
		// The innermost array knows the items; the outer ones add bounds.
		const merged = Object.assign({}, ...arrays.reverse().map((a) => toJson(a as unknown as z.ZodType)));
		for (const key of Object.keys(js)) if (key !== 'description' && key !== 'default') delete js[key];
		Object.assign(js, merged);
		js.description ??= 'Comma-separated list';
	}
}

function strip(schema: JsonSchema): JsonSchema {
	const { $schema: _s, $id: _i, ...rest } = schema;
	return rest;
}

/** One zod schema as JSON Schema (input side: what a client sends), inlined. */
function toJson(schema: z.ZodType): JsonSchema {
	return strip(
		z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', override: tidy }) as unknown as JsonSchema
	);
}

function pathParameters(path: string): JsonSchema[] {
	return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		description: 'A lower-case uuid; anything else is a 404.',
		schema: { type: 'string', format: 'uuid', pattern: UUID_SOURCE }
	}));
}

function queryParameters(query: z.ZodObject): JsonSchema[] {
	const js = toJson(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
	return Object.entries(js.properties ?? {}).map(([name, schema]) => {
		const { description, ...rest } = schema;
		return {
			name,
			in: 'query',
			required: js.required?.includes(name) ?? false,
			...(description ? { description } : {}),
			schema: rest,
			// A list travels as one comma-separated value: ?status=scheduled,in_progress
			...(rest.type === 'array' ? { style: 'form', explode: false } : {})
		};
	});
}

/** What the hooks answer to an invalid or revoked bearer token, before any route (public ones too). */
export const BAD_BEARER =
	'An `Authorization: Bearer` header with an invalid or revoked token (even here, where none is needed).';

/** A public route's errors with the 401 the hooks give a bad bearer token (guarded routes list their own 401). */
function withBadBearer(route: RouteDoc): RouteDoc['errors'] {
	if (route.access !== 'public') return route.errors;
	const own = route.errors[401];
	return {
		...route.errors,
		401: own ? `${own}; or ${BAD_BEARER.charAt(0).toLowerCase()}${BAD_BEARER.slice(1)}` : BAD_BEARER
	};
}

function operation(route: RouteDoc, refOf: (schema: z.ZodType) => JsonSchema): JsonSchema {
	const responses: Record<string, JsonSchema> = {};
	for (const [status, ok] of Object.entries(route.responses)) {
		const content = ok.schema
			? { 'application/json': { schema: refOf(ok.schema) } }
			: ok.media
				? {
						[ok.media.type]: {
							schema: { type: ok.media.type.endsWith('json') ? 'object' : 'string', description: ok.media.description }
						}
					}
				: undefined;
		responses[status] = {
			description: ok.description,
			...(ok.headers
				? {
						headers: Object.fromEntries(
							Object.entries(ok.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])
						)
					}
				: {}),
			...(content ? { content } : {})
		};
	}
	for (const [status, when] of Object.entries(withBadBearer(route))) {
		responses[status] = {
			description: errorDescription(Number(status) as ErrorStatus, when),
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		};
	}
	const roles = route.access === 'public' || route.access === 'signed_in' ? route.access : [...route.access];
	return {
		operationId: route.operationId,
		tags: [route.tag],
		summary: route.summary,
		...(route.description ? { description: route.description } : {}),
		security:
			route.access === 'public'
				? []
				: route.sessionOnly
					? [{ sessionCookie: [] }]
					: [{ sessionCookie: [] }, { bearerToken: [] }],
		'x-parley-access': { roles, who: route.who },
		parameters: [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])],
		...(route.body
			? { requestBody: { required: true, content: { 'application/json': { schema: refOf(route.body) } } } }
			: {}),
		responses
	};
}

/** The project's license (LICENSE at the repository's root), as an SPDX identifier. */
const LICENSE = { name: 'MIT', identifier: 'MIT' } as const;

const DESCRIPTION = `The JSON API of Parley. Requests and answers are JSON with snake_case names; instants are
UTC ISO-8601 strings with \`Z\` (requests may give an offset). Authenticate with the \`parley_session\`
cookie (\`POST /api/v1/auth/login\`) or \`Authorization: Bearer <token>\` with a personal API token.
Errors are \`{"error": {"code", "message", "details"}}\`; a rejected request changes nothing. \`code\` is
stable; \`message\` follows the request's \`Accept-Language\` (\`fr\`: French, otherwise English). Every
request with a body over 1 MiB gets 413, a request with an invalid or revoked bearer token 401, and a
method an endpoint does not have 405. See docs/api.md for a guide with examples.`;

/** Builds the document from the route table and the zod schemas (pure; cached by `openApiDocument`). */
export function buildOpenApiDocument(routes: readonly RouteDoc[]): OpenApiDocument {
	const registry = z.registry<{ id: string }>();
	const ids = new Map<z.ZodType, string>();
	for (const [id, schema] of Object.entries(COMPONENTS)) {
		registry.add(schema, { id });
		ids.set(schema, id);
	}
	const generated = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io: 'input',
		uri: (id) => `#/components/schemas/${id}`,
		override: tidy
	}) as unknown as { schemas: Record<string, JsonSchema> };
	const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, s]) => [id, strip(s)]));

	const refOf = (schema: z.ZodType): JsonSchema => {
		const id = ids.get(schema);
		if (!id) throw new Error('openapi: a route uses a schema that is not in COMPONENTS');
		return { $ref: `#/components/schemas/${id}` };
	};
	const paths: OpenApiDocument['paths'] = {};
	for (const route of routes) {
		(paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, refOf);
	}
	return {
		openapi: '3.1.0',
		info: { title: 'Parley API', version: '1', description: DESCRIPTION, license: { ...LICENSE } },
		// Relative: the paths are served by whichever Parley serves this document.
		servers: [{ url: '/', description: 'The Parley that serves this document' }],
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		tags: TAGS.map((t) => ({ ...t })),
		paths,
		components: {
			schemas,
			securitySchemes: {
				sessionCookie: {
					type: 'apiKey',
					in: 'cookie',
					name: 'parley_session',
					description: 'Set by POST /api/v1/auth/login (or the sign-in page).'
				},
				bearerToken: {
					type: 'http',
					scheme: 'bearer',
					description:
						'A personal API token (`prl_…`) an admin creates with POST /api/v1/tokens; it acts as that admin in its organization.'
				}
			}
		}
	};
}
