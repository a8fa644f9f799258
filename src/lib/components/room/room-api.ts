/** The room's calls to the app: a peer id for this visit, who is in the room, and giving the id back. */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { JoinAnswer, Participant, RoomRefusal } from './types';

/** The answer to asking for a peer id. */
export type Asked =
	{ ok: true; answer: JoinAnswer } | { ok: false; refusal: RoomRefusal } | { ok: false; offline: true };

const joinPath = (interviewId: string) => `/api/v1/interviews/${interviewId}/join`;
/** The API answers in the language it is asked for: the page's, not the browser's. */
const language = () => ({ 'accept-language': getLocale() });

/** POST /join: a fresh peer id and secret, and who is in the room. */
export async function askForId(interviewId: string): Promise<Asked> {
	try {
		const res = await fetch(joinPath(interviewId), { method: 'POST', credentials: 'same-origin', headers: language() });
		const body = (await res.json()) as JoinAnswer | { error: RoomRefusal };
		if (res.ok && !('error' in body)) return { ok: true, answer: body };
		if ('error' in body) return { ok: false, refusal: body.error };
		return { ok: false, refusal: { code: 'internal', message: m.room_refused_generic(), details: {} } };
	} catch {
		return { ok: false, offline: true };
	}
}

/** GET /join: who is in the room now, or why we are no longer let in; null when the server cannot be reached. */
export async function readParticipants(
	interviewId: string
): Promise<{ participants: Participant[] } | { refusal: RoomRefusal; status: number } | null> {
	try {
		const res = await fetch(joinPath(interviewId), { credentials: 'same-origin', headers: language() });
		const body = (await res.json()) as { participants: Participant[] } | { error: RoomRefusal };
		if ('error' in body) return { refusal: body.error, status: res.status };
		return { participants: body.participants };
	} catch {
		return null;
	}
}

/** DELETE /join: gives the peer id back so nobody waits for us (keepalive: it also runs while the page unloads). */
export function giveBackId(interviewId: string, peerId: string): void {
	void fetch(`${joinPath(interviewId)}?peer_id=${encodeURIComponent(peerId)}`, {
		method: 'DELETE',
		credentials: 'same-origin',
		keepalive: true
	}).catch(() => {});
}
