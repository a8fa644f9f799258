/**
 * zod schemas of the calendar rules' API (holidays and blackout dates, interviewer load limits):
 * request bodies and answers, the source of their part of the OpenAPI document.
 */
import { z } from 'zod';
import { CLOSURE_KINDS, MAX_CLOSURE_NAME } from '../../domain/closures';
import { MAX_LOAD_LIMIT } from '../../domain/policy';

const date = z.iso.date('must be a date YYYY-MM-DD');
const limit = z
	.number()
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(MAX_LOAD_LIMIT, `must be at most ${MAX_LOAD_LIMIT}`)
	.nullable();

export const NewClosureBody = z.object({
	kind: z.enum(CLOSURE_KINDS).describe('`holiday` or `blackout` (a day the organization does not interview)'),
	name: z.string().trim().min(1, 'is required').max(MAX_CLOSURE_NAME),
	start_date: date.describe('The first day, read in the organization’s zone'),
	end_date: date.optional().describe('The last day (inclusive); the first day when left out')
});

export const ClosureResponse = z.object({
	id: z.uuid(),
	kind: z.enum(CLOSURE_KINDS),
	name: z.string(),
	start_date: z.iso.date(),
	end_date: z.iso.date()
});
export const ClosureList = z.object({
	data: z.array(ClosureResponse).describe('Earliest first'),
	timezone: z.string().describe('The organization’s zone, in which the days are read')
});
export const RemovedClosureResponse = z.object({ id: z.uuid(), removed: z.literal(true) });

export const LoadLimitBody = z.object({
	per_day: limit.describe('Most interviews on one day; null for no limit'),
	per_week: limit.describe('Most interviews in one week (Monday to Sunday); null for no limit')
});
export const LoadLimitResponse = LoadLimitBody.extend({});

export const PoolPreferenceBody = z.object({
	pool_preference: z
		.enum(['least_loaded', 'soonest'])
		.describe(
			'`least_loaded` (equal distribution): of those free, the fewest interviews that week; `soonest` (maximum availability): the pool’s order'
		)
});
/** The same shape answers: one schema in the OpenAPI document. */
export const PoolPreferenceResponse = PoolPreferenceBody;

export const OwnLoadLimitBody = z.object({
	per_day: limit.optional().describe('Left out: the organization’s default; null: no limit'),
	per_week: limit.optional().describe('Left out: the organization’s default; null: no limit')
});
export const OwnLoadLimitResponse = z.object({
	user_id: z.uuid(),
	own: OwnLoadLimitBody.nullable().describe('The interviewer’s own limits; null when they follow the organization'),
	limit: LoadLimitBody.describe('The limits scheduling applies')
});

export const LoadQuery = z.object({
	weeks_back: z.coerce.number().int('must be a whole number').min(0).max(26, 'must be at most 26').default(4),
	weeks_ahead: z.coerce.number().int('must be a whole number').min(0).max(26, 'must be at most 26').default(4)
});
export const LoadReportResponse = z.object({
	weeks: z.array(z.iso.date()).describe('The Mondays of the weeks reported, oldest first'),
	default: LoadLimitBody.describe('The organization’s default limits'),
	data: z.array(
		z.object({
			id: z.uuid(),
			name: z.string(),
			timezone: z.string().describe('Days and weeks are counted in this zone'),
			own: OwnLoadLimitBody.nullable(),
			limit: LoadLimitBody,
			weeks: z
				.array(
					z.object({
						week: z.iso.date(),
						count: z.number().int().describe('Interviews that week, cancelled ones left out'),
						busiest_day: z.iso.date().nullable(),
						busiest_day_count: z.number().int()
					})
				)
				.describe('One entry per week of `weeks`')
		})
	)
});
