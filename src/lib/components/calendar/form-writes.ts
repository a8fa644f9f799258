/** The scheduling form's three writes to the calendar document: a new booking, an edit in place, booking again. */
import { problemText } from '$lib/i18n/problems';
import type * as Y from 'yjs';
import { createInterview, rescheduleInterview, updateInterview } from '$lib/collab/calendar';
import { m } from '$lib/paraglide/messages';
import { editedInterview, type FormChoice, type FormKind } from './judging';
import type { CalendarApplication } from '$lib/contract/calendar-page';

/** What a write did: the interview to show and what to say, or why it failed. */
export type FormWrite = { ok: true; id: string; message: string } | { ok: false; message: string };

/** Writes what the form describes (already judged), in the zone shown (`tz`). */
export function writeForm(
	doc: Y.Doc,
	form: FormKind,
	choice: FormChoice,
	opts: { tz: string; application: CalendarApplication; actor: string; reason: string; now: Date; rescheduled: boolean }
): FormWrite {
	const { tz, application, actor, reason, now } = opts;
	try {
		if (form.kind === 'again') {
			const result = rescheduleInterview(doc, form.source.id, { ...choice, timezone: tz }, { actor, now, reason });
			if (!result.ok) return { ok: false, message: problemText(result.problem) };
			return { ok: true, id: result.id, message: m.cal_written_booked_again({ name: application.candidateName }) };
		}
		if (form.kind === 'edit') {
			const seed = form.interview;
			const { timezone } = editedInterview(seed, choice, tz);
			const patch = timezone === seed.timezone ? choice : { ...choice, timezone };
			const result = updateInterview(doc, seed.id, patch, { actor, now, reason: reason || null });
			if (!result.ok) return { ok: false, message: problemText(result.problem) };
			return {
				ok: true,
				id: seed.id,
				message: opts.rescheduled ? m.cal_written_rescheduled() : m.cal_written_updated()
			};
		}
		const id = crypto.randomUUID();
		const result = createInterview(doc, {
			id,
			applicationId: application.id,
			candidateId: application.candidateId,
			cycleId: application.cycleId,
			...choice,
			timezone: tz,
			status: 'scheduled',
			rescheduledFrom: null,
			updatedBy: actor,
			updatedAt: now.toISOString()
		});
		if (!result.ok) return { ok: false, message: problemText(result.problem) };
		return { ok: true, id, message: m.cal_written_scheduled({ name: application.candidateName }) };
	} catch (err) {
		return { ok: false, message: err instanceof Error ? err.message : m.cal_written_failed() };
	}
}
