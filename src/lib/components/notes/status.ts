/** What the notes' sync indicator says for each status, in the page's language. */
import type { NotesSyncStatus } from '$lib/collab/notes';
import { m } from '$lib/paraglide/messages';

const TEXT: Record<NotesSyncStatus, () => string> = {
	loading: m.notes_status_loading,
	connecting: m.notes_status_connecting,
	syncing: m.notes_status_syncing,
	synced: m.notes_status_synced,
	offline: m.notes_status_offline,
	'signed-out': m.notes_status_signed_out,
	refused: m.notes_status_refused,
	revoked: m.notes_status_revoked,
	'too-large': m.notes_status_too_large
};

/** The indicator's words for `status`. */
export function statusText(status: NotesSyncStatus): string {
	return TEXT[status]();
}
