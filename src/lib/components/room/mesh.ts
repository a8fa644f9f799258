/**
 * The mesh rule: who calls whom in the room, as pure decisions, so that every pair of participants
 * ends with exactly one call.
 *
 *  - A newcomer (or a peer back with a new id) calls everybody it is not connected to.
 *  - Back from offline, it calls everybody again: the paths under the old calls may be gone.
 *  - Otherwise (a re-read of who is in the room, a dropped call) only the side with the smaller
 *    peer id calls; the other waits longer and only then tries itself.
 *  - When two calls (or two data connections) cross, the one placed by the smaller id wins.
 */

/** Delay before calling a dropped peer again (the side with the smaller id). */
export const RECALL_DELAY_MS = 2_000;
/** The other side waits this much longer, so that the smaller id's call usually comes first. */
export const RECALL_PATIENCE = 4;

/** Why we are placing calls. */
export type CallOccasion = 'arrived' | 'back-online' | 'reread';

/**
 * The participants to call now: `present` are the others in the room with their current peer id,
 * `connected(userId)` says whether we still have a call with that person.
 */
export function whomToCall<P extends { user_id: string; peer_id: string }>(
	occasion: CallOccasion,
	self: { userId: string; peerId: string },
	present: readonly P[],
	connected: (userId: string) => boolean
): P[] {
	return present.filter((p) => {
		if (p.user_id === self.userId) return false;
		if (occasion === 'back-online') return true;
		if (connected(p.user_id)) return false;
		return occasion === 'arrived' || callsFirst(self.peerId, p.peer_id);
	});
}

/** Whether our side is the one that calls (and whose call wins) between these two peer ids. */
export function callsFirst(ourPeerId: string, theirPeerId: string): boolean {
	return ourPeerId < theirPeerId;
}

/** Two calls (or data connections) crossed: whether ours is kept and theirs refused. */
export function keepsOurs(ourPeerId: string, theirPeerId: string): boolean {
	return callsFirst(ourPeerId, theirPeerId);
}

/** How long to wait before calling a dropped peer again: the smaller id first, the other later. */
export function recallDelayMs(ourPeerId: string, theirPeerId: string): number {
	return callsFirst(ourPeerId, theirPeerId) ? RECALL_DELAY_MS : RECALL_DELAY_MS * RECALL_PATIENCE;
}
