/**
 * The typed schema of the calendar document `org:<orgId>:calendar` (docs/architecture.md).
 *
 *   doc.getMap('interviews'): interview id → Y.Map with the fields of `Interview`
 *     (`panel` is a Y.Array<string>, every other field a plain value), plus one extra key:
 *     `lastChange`: a plain `ChangeRecord` { action, reason, actor, at, replacedBy? } written in the
 *       same transaction as every change. It is how the reason of a cancel or reschedule made live
 *       in a browser reaches collab-server's audit log, which sees only the resulting document.
 *
 * Nothing else reads or writes the raw Y types: the server projection, the JSON API (through a
 * Hocuspocus direct connection) and the browser calendar all go through these helpers. Reads are
 * tolerant (a malformed entry reads as null, never throws: a buggy or hostile client must not break
 * the projection); writes check their input and throw a `CalendarError` on malformed data, because
 * what they write is replicated to everybody.
 *
 * Two ways to change a time, on purpose:
 *  - `updateInterview(…, { start })` moves an interview in place (a drag in the calendar, a typo
 *    fix): same id, so the notes, the room and the links stay; the audit log sees old and new start.
 *  - `rescheduleInterview` is the formal reschedule of the scheduling rules: the original is closed
 *    (a scheduled one becomes cancelled) and a new interview links back through `rescheduledFrom`.
 *    It also re-books a no-show or a cancelled interview.
 *
 * Import from this module. It gathers `doc-names.ts` (the document names), `calendar-schema.ts`
 * (the fields, their checks and the change record), `calendar-read.ts` (tolerant reads and change
 * events) and `calendar-write.ts` (strict writes).
 */
export { calendarDocName, notesDocName, parseDocName, type DocRef } from './doc-names';
export {
	CalendarError,
	changedFields,
	interviewsMap,
	INTERVIEWS_MAP,
	LAST_CHANGE_KEY,
	type ChangeAction,
	type ChangeRecord,
	type InterviewPatch
} from './calendar-schema';
export {
	getInterview,
	getLastChange,
	inspectEntry,
	listDamaged,
	listInterviews,
	malformedFields,
	observeInterviews,
	readCalendar,
	readInterview,
	type DamagedEntry,
	type InterviewsChange
} from './calendar-read';
export {
	createInterview,
	deleteInterview,
	rescheduleInterview,
	restoreInterview,
	setStatus,
	updateInterview,
	type RescheduleChange,
	type WriteOptions,
	type WriteResult
} from './calendar-write';
