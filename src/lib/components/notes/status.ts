/** What the notes' sync indicator says for each status. */
import type { NotesSyncStatus } from '$lib/collab/notes';

export const STATUS_TEXT: Record<NotesSyncStatus, string> = {
	loading: 'Opening…',
	connecting: 'Connecting…',
	syncing: 'Saving…',
	synced: 'All changes saved',
	offline: 'Offline — saved in this browser',
	'signed-out': 'Signed out — not syncing',
	refused: 'No access',
	revoked: 'Access removed'
};
