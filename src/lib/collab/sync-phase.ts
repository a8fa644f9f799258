/** What the calendar's sync indicator shows. */
export type SyncPhase =
	'loading' | 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting' | 'signed_out' | 'refused' | 'too_large';

/** Who this browser is. */
export interface SyncUser {
	id: string;
	name: string;
}
