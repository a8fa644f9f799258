/** The calendar archive (decision 69): the window, the state of the live document, a pass run now. */
import { z } from 'zod';

export const ArchiveSettingsBody = z.object({
	archive_after_days: z
		.number()
		.int()
		.min(1)
		.max(3650)
		.describe('Interviews that ended this many days ago and can no longer change leave the live calendar')
});

export const ArchiveStatusResponse = ArchiveSettingsBody.extend({
	generation: z.number().int().min(0).describe('How many times the calendar document was compacted'),
	archived_before: z.iso
		.datetime()
		.nullable()
		.describe('Interviews that ended before this instant were archived by the last pass; null: never'),
	last_archived_at: z.iso.datetime().nullable().describe('When the last pass compacted the calendar; null: never'),
	live_interviews: z.number().int().min(0).describe('Interviews in the live calendar document'),
	archived_interviews: z.number().int().min(0).describe('Interviews kept in the database only'),
	archived_completed: z
		.number()
		.int()
		.min(0)
		.describe('Archived interviews that were completed (removed ones left out), as the calendar summary counts them'),
	archived_cancelled: z
		.number()
		.int()
		.min(0)
		.describe('Archived interviews that were cancelled (removed ones left out), as the calendar summary counts them')
});

export const ArchiveRunResponse = z.object({
	archived: z.number().int().min(0).describe('Interviews this pass took out of the live calendar'),
	generation: z.number().int().min(0).describe('The live generation after the pass'),
	bytes_before: z.number().int().min(0).nullable().describe('The encoded document before; null when nothing was due'),
	bytes_after: z.number().int().min(0).nullable().describe('The encoded document after; null when nothing was due')
});
