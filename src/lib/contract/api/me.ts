/** zod schemas of the signed-in person's own settings and notifications: what they send and get back. */
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/time';
import { MIN_SHIFT_MIN, validateWorkingHours } from '../../domain/working-hours';
import { EMAIL_OPTIONAL, NOTIFICATION_KINDS } from '../notifications';
import { pageNumber, pageSize, uuid } from './requests';
import { RESPONSE_ID, UserResponse, count, paged, utc } from './responses';

/*
 * The signed-in person's own settings: time zone and working hours (`PATCH /api/v1/me`). The rules
 * are the domain's (isValidTimeZone, validateWorkingHours); these schemas carry them to the API.
 */

const WALL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Working hours as the API writes them; `validateWorkingHours` has the last word. */
export const WorkingHoursBody = z
	.object({
		weekdays: z
			.array(
				z
					.number()
					.int('must be weekdays 1 (Monday) to 7 (Sunday)')
					.min(1, 'must be weekdays 1 (Monday) to 7 (Sunday)')
					.max(7, 'must be weekdays 1 (Monday) to 7 (Sunday)')
			)
			.min(1, 'must name at least one day')
			.max(7)
			.describe('ISO weekdays on which a shift starts: 1 = Monday … 7 = Sunday'),
		start_time: z.string().regex(WALL_TIME, 'must be a time HH:MM').describe('Local wall time HH:MM, 00:00–23:59'),
		end_time: z
			.string()
			.regex(WALL_TIME, 'must be a time HH:MM')
			.describe('Local wall time HH:MM, up to 24:00; earlier than start_time means the shift ends the next day')
	})
	.strict()
	.transform((b, ctx) => {
		const checked = validateWorkingHours({ startTime: b.start_time, endTime: b.end_time, weekdays: b.weekdays });
		if (checked.ok) return checked.value;
		for (const [field, message] of Object.entries(checked.errors))
			ctx.addIssue({ code: 'custom', path: [field], message });
		return z.NEVER;
	})
	.describe(`A shift of at least ${MIN_SHIFT_MIN} minutes on each of the weekdays, read in the person’s own time zone`);

export const PatchMeBody = z
	.object({
		timezone: z
			.string()
			.max(64)
			.refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin')
			.describe('Your IANA time zone; times are shown and working hours read in it'),
		working_hours: WorkingHoursBody.nullable().describe(
			'Your working hours (admins and interviewers); null goes back to the organization’s default'
		)
	})
	.partial()
	.strict()
	.refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change', path: ['(body)'] });

/** Working hours as the API answers them. */
export const WorkingHoursResponse = z.object({
	weekdays: z.array(z.number().int().min(1).max(7)).describe('ISO weekdays on which a shift starts: 1 = Monday'),
	start_time: z.string().describe('Local wall time HH:MM'),
	end_time: z.string().describe('Local wall time HH:MM; earlier than start_time means the next day')
});

/** The signed-in person as `/api/v1/me` answers: the user plus their working hours. */
export const MeResponse = UserResponse.extend({
	working_hours: WorkingHoursResponse.nullable().describe('Your own working hours; null means the organization’s'),
	effective_working_hours: WorkingHoursResponse.nullable().describe(
		'The hours scheduling reads you in (your own, else the organization’s default), in your time zone; null for candidates and people without an organization'
	)
});
export const MeEnvelope = z.object({ user: MeResponse });

// Notifications: the inbox, email preferences and the calendar feed.

export const InboxQuery = z.object({
	unread: z
		.enum(['true', 'false'])
		.optional()
		.transform((v) => v === 'true'),
	page: pageNumber,
	page_size: pageSize
});

export const NotificationResponse = z.object({
	id: RESPONSE_ID,
	kind: z.enum(NOTIFICATION_KINDS),
	title: z.string(),
	body: z.string(),
	link: z.string().nullable().describe('Where it leads in the app (a path)'),
	interview_id: RESPONSE_ID.nullable(),
	created_at: utc,
	read_at: utc.nullable()
});
export const InboxPage = paged(NotificationResponse).extend({ unread: count.describe('Unread notifications in all') });

export const MarkReadBody = z.union([
	z.object({ ids: z.array(uuid).min(1).max(200) }).strict(),
	z.object({ all: z.literal(true) }).strict()
]);
export const UnreadResponse = z.object({ unread: count });

const emailChoices = z.partialRecord(z.enum(EMAIL_OPTIONAL), z.boolean());
export const PreferencesResponse = z.object({
	email: z
		.record(z.enum(EMAIL_OPTIONAL), z.boolean())
		.describe('For each kind a person may receive, whether it is also emailed (the inbox always gets it)'),
	kinds: z.array(z.enum(EMAIL_OPTIONAL)).describe('The kinds that concern this person’s role')
});
export const PatchPreferencesBody = z.object({ email: emailChoices }).strict();

export const FeedStatusResponse = z.object({
	active: z.boolean(),
	created_at: utc.nullable(),
	last_used_at: utc.nullable().describe('When a calendar last fetched it')
});
export const NewFeedResponse = z.object({
	url: z.string().describe('The secret subscription URL; shown once (only a hash is kept)'),
	created_at: utc
});
