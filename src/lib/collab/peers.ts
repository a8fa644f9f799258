/** Who else has the calendar open, read from the awareness states their browsers publish. */

/** Another person with the calendar open. */
export interface Peer {
	clientId: number;
	userId: string;
	name: string;
	color: string;
	/** The interview they are changing (edit form or reschedule prompt open), if any. */
	editing: string | null;
}

const PALETTE = ['#2e5d92', '#b54708', '#067647', '#6941c6', '#c11574', '#0e7090', '#a15c07', '#3e4784'];

/** A stable colour per user id. */
export function colorFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return PALETTE[h % PALETTE.length]!;
}

/** The other people in the awareness states (one per user, the last state wins), sorted by name. */
export function peersOf(states: ReadonlyMap<number, unknown>, ownClientId: number): Peer[] {
	const seen = new Map<string, Peer>();
	for (const [clientId, state] of states) {
		if (clientId === ownClientId) continue;
		const u = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
		if (!u || typeof u.id !== 'string' || typeof u.name !== 'string') continue;
		const editing = (state as { editing?: unknown }).editing;
		const prev = seen.get(u.id);
		seen.set(u.id, {
			clientId,
			userId: u.id,
			name: u.name,
			color: typeof u.color === 'string' ? u.color : colorFor(u.id),
			editing: typeof editing === 'string' ? editing : (prev?.editing ?? null)
		});
	}
	return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
