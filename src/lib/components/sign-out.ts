/**
 * What sign-out needs beyond its button: this device's copies of the calendar and notes (counted,
 * then forgotten) and the browser's own questions when the warning's code is missing. The root
 * layout fetches it right after the page starts rather than preloading it (decision 82): a sign-out
 * comes long after, and offline the service worker has it.
 */
import { m } from '$lib/paraglide/messages';

export { forgetLocalData, unsavedChangesOnDevice } from '$lib/collab/offline';

/** "N changes have not reached the server" and what signing out does to them, as one question. */
export const unsavedQuestion = (count: number): string =>
	`${m.sign_out_unsaved_title({ count })}\n\n${m.sign_out_unsaved_text({ count })}`;

/** Why sign-out waits for a connection. */
export const offlineNotice = (): string => `${m.sign_out_offline_title()}\n\n${m.sign_out_offline_text()}`;
