/**
 * The browser's side of calendar generations (decision 69). When an organization's calendar is
 * compacted, its document gets a new name; a browser may still hold the previous generation in
 * IndexedDB, with edits made offline. Before such a copy is forgotten, it is connected once more
 * under its old name: the server takes what it holds (and forwards it to the live generation), and
 * only once the server has confirmed everything is the local copy deleted. A copy that cannot reach
 * the server yet (offline) is kept for the next visit.
 */
import { calendarDocName, parseDocName } from './doc-names';
import { deleteDatabase, movesKeyOf, pendingKeyOf } from './offline';
import { indexedDbName, openCollabDoc } from './provider';
import { interviewsMap } from './calendar-schema';

/** How long a replaced copy may take to hand its changes over before it is kept for the next visit. */
export const DRAIN_TIMEOUT_MS = 30_000;

/** The document names of the organization's calendar generations older than `generation` this browser holds. */
export async function olderLocalCopies(orgId: string, generation: number): Promise<string[]> {
	if (generation === 0) return [];
	const databases = await indexedDB.databases?.().catch(() => null);
	if (!databases) return [calendarDocName(orgId, generation - 1)];
	return databases.flatMap(({ name }) => {
		const docName = name?.startsWith('parley:') ? name.slice('parley:'.length) : null;
		const ref = docName ? parseDocName(docName) : null;
		return ref?.kind === 'calendar' && ref.orgId === orgId && ref.generation < generation ? [docName!] : [];
	});
}

/** Deletes the local copy of a document and what this browser noted about it. */
export async function forgetLocalCopy(docName: string): Promise<void> {
	localStorage.removeItem(pendingKeyOf(docName));
	localStorage.removeItem(movesKeyOf(docName));
	await deleteDatabase(indexedDbName(docName));
}

/**
 * Hands what a replaced generation's local copy holds to the server, then forgets the copy. True
 * once forgotten; false when the server could not confirm in time (the copy stays).
 */
export async function drainLocalCopy(url: string, docName: string, token: () => Promise<string>): Promise<boolean> {
	const conn = openCollabDoc({ url, name: docName, token });
	try {
		await conn.whenLocal;
		if (interviewsMap(conn.doc).size > 0) {
			const confirmed = await new Promise<boolean>((resolve) => {
				const timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
				const check = () => {
					if (conn.provider.isSynced && conn.provider.unsyncedChanges === 0) {
						clearTimeout(timer);
						resolve(true);
					}
				};
				conn.provider.on('synced', check);
				conn.provider.on('unsyncedChanges', check);
				conn.provider.on('authenticationFailed', () => (clearTimeout(timer), resolve(false)));
			});
			if (!confirmed) return false;
		}
	} finally {
		conn.destroy();
	}
	await forgetLocalCopy(docName);
	return true;
}

/** Hands over, then forgets, what this browser still holds of the organization's replaced generations. */
export async function drainOlderCopies(
	url: string,
	orgId: string,
	generation: number,
	token: () => Promise<string>
): Promise<void> {
	for (const name of await olderLocalCopies(orgId, generation).catch(() => [])) {
		if (navigator.onLine) await drainLocalCopy(url, name, token).catch(() => false);
	}
}
