/** zod schemas of what the API reads: bodies and queries (also the source of the OpenAPI document). */
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/time';
import { OVERRIDE_REASON_MAX_CHARS } from '../../domain/applications';

export const email = z.string().trim().toLowerCase().email('must be an email address').max(254);
export const password = z.string().min(10, 'must be at least 10 characters').max(256);

export const LoginBody = z.object({
	email: z.string().trim().min(1, 'is required').max(254),
	password: z.string().min(1, 'is required').max(256)
});

export const NewMemberBody = z.object({
	email,
	name: z.string().trim().min(1, 'is required').max(120),
	role: z.enum(['interviewer', 'candidate', 'admin'])
});

const INTERVIEW_TYPE = z.enum(['phone', 'video', 'in_person', 'technical', 'hr', 'final']);
const INTERVIEW_MODE = z.enum(['online', 'offline']);
const INTERVIEW_STATUS = z.enum(['scheduled', 'in_progress', 'completed', 'cancelled', 'no_show']);
const APPLICATION_STATUS = z.enum(['pending', 'selected', 'interview_scheduled', 'approved', 'rejected']);
const uuid = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a uuid')
	.transform((s) => s.toLowerCase());
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** An ISO-8601 instant with a zone (Z or an offset), handed on as canonical UTC (`…Z`). */
const instant = z.iso
	.datetime({
		offset: true,
		message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-12-01T14:00:00Z'
	})
	.refine(
		(s) => {
			const t = Date.parse(s);
			return t >= 0 && t <= LAST_INSTANT_MS;
		},
		{ message: 'must lie between the years 1970 and 9999' }
	)
	.transform((s) => new Date(s).toISOString());
const reason = z.string().trim().min(1, 'is required').max(2000);
const pageNumber = z.coerce
	.number()
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(100_000, 'must be at most 100000')
	.default(1);
const pageSize = z.coerce.number().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50);
const list = <T extends z.ZodType<string, string>>(item: T) =>
	z
		.string()
		.transform((s) =>
			s
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean)
		)
		.pipe(z.array(item));

export const NewInterviewBody = z.object({
	application_id: uuid,
	start: instant,
	duration_min: z.number().int('must be a whole number of minutes'),
	timezone: z.string().min(1, 'is required').max(64),
	type: INTERVIEW_TYPE,
	mode: INTERVIEW_MODE,
	location: z.string().max(500).default(''),
	round: z.number().int().min(1).max(20).default(1),
	panel: z.array(uuid).max(12, 'has at most 12 people')
});

export const PatchInterviewBody = z
	.object({
		start: instant.optional(),
		duration_min: z.number().int('must be a whole number of minutes').optional(),
		timezone: z.string().min(1).max(64).optional(),
		type: INTERVIEW_TYPE.optional(),
		mode: INTERVIEW_MODE.optional(),
		location: z.string().max(500).optional(),
		panel: z.array(uuid).max(12, 'has at most 12 people').optional(),
		reason: reason.optional()
	})
	.strict()
	.refine((b) => Object.keys(b).some((k) => k !== 'reason'), { message: 'names nothing to change', path: ['(body)'] });

export const ReasonBody = z.object({ reason });

export const InterviewListQuery = z.object({
	cycle_id: uuid.optional(),
	status: list(INTERVIEW_STATUS).optional(),
	from: instant.optional(),
	to: instant.optional(),
	candidate_id: uuid.optional(),
	interviewer_id: uuid.optional(),
	q: z.string().max(100).optional(),
	page: pageNumber,
	page_size: pageSize,
	sort: z.enum(['start', '-start', 'updated', '-updated', 'candidate', '-candidate']).default('start')
});

/** Paging of the lists that take no other filter. */
export const PageQuery = z.object({ page: pageNumber, page_size: pageSize });

export const UpcomingQuery = PageQuery.extend({
	days_ahead: z.coerce.number().int().min(1).max(90, 'must be at most 90').default(7)
});

export const MembersQuery = z.object({ role: z.enum(['admin', 'interviewer', 'candidate']).optional() });

export const ApplicationsQuery = z.object({
	cycle_id: uuid.optional(),
	status: list(APPLICATION_STATUS).optional(),
	q: z.string().max(100).optional(),
	page: pageNumber,
	page_size: pageSize
});

export const PatchApplicationBody = z
	.object({
		status: APPLICATION_STATUS.optional(),
		interview_enabled: z.boolean().optional(),
		online_interview_enabled: z.boolean().optional(),
		override_reason: z
			.string()
			.max(OVERRIDE_REASON_MAX_CHARS)
			.optional()
			.describe('Why an approve or reject is made with no interview held (an override, audited); refused without it'),
		cancel_upcoming: z
			.boolean()
			.optional()
			.describe(
				'Approving or rejecting cancels the application’s interviews that have not begun (the candidate and the panel are told); refused with 409 `upcoming_interviews` unless this is true'
			)
	})
	.strict()
	.refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change', path: ['(body)'] });

export const AvailabilityQuery = z.object({
	interviewer_ids: list(uuid).pipe(z.array(z.string()).min(1, 'needs at least one interviewer').max(12)),
	candidate_id: uuid.optional(),
	from: instant,
	to: instant,
	duration_min: z.coerce.number().int().min(15).max(480),
	timezone: z
		.string()
		.refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin')
		.optional()
		.describe('The zone the days of `details.days` are read in; the organization’s by default'),
	pool_ids: list(uuid)
		.pipe(z.array(z.string()).max(30, 'has at most 30 people'))
		.optional()
		.describe('A pool: `pool_count` of these people join the named panel, whoever is free'),
	pool_count: z.coerce.number().int().min(1).max(5).default(1),
	pool_prefer: z
		.enum(['least_loaded', 'soonest'])
		.optional()
		.describe(
			'`least_loaded`: of those free, the fewest interviews that week; `soonest`: the pool’s order. The organization’s preference by default'
		)
});

export const NewApiTokenBody = z.object({ name: z.string().trim().min(1, 'is required').max(100) });

export { INTERVIEW_TYPE, INTERVIEW_MODE, INTERVIEW_STATUS, APPLICATION_STATUS, uuid, instant, pageNumber, pageSize };
