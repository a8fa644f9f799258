/**
 * The browser side of the video room, for `Room.svelte`: the local camera and microphone
 * (`media.svelte.ts`), a PeerJS peer with the id and secret the app issued (`room-api.ts`), and a
 * full mesh of calls to the other participants, up to six people (`calls.svelte.ts`, who calls whom
 * in `mesh.ts`).
 *
 * Peer ids are short-lived (`renewal.ts`). Before ours expires, whenever our signaling socket drops
 * (the peer-server closes it when the id expires or is revoked) and when the browser comes back
 * online, we ask the app for a fresh id and secret and open a new PeerJS peer with them. The calls
 * of the old peer stay up (WebRTC does not need the signaling socket once connected); after being
 * offline they are placed again from the new peer, since the network under them may have changed.
 */
import { m } from '$lib/paraglide/messages';
import type { Peer as PeerType, PeerError } from 'peerjs';
import { MeshCalls } from './calls.svelte';
import { LocalMedia } from './media.svelte';
import { askForId, giveBackId, readParticipants } from './room-api';
import { Renewal } from './renewal';
import type { JoinAnswer, Participant, RoomRefusal, SignalingServer, StateMessage } from './types';

export { mediaErrorMessage } from './media.svelte';
export type { JoinAnswer, Participant, RoomRefusal, RoomRole, SignalingServer } from './types';

/** How often the room re-reads who is in it, to find dropped, re-joined or removed peers. */
export const PARTICIPANTS_POLL_MS = 5_000;

/** Said when it happens, in the page's language. */
const LOST_SIGNAL = () => m.room_lost_signal();
const OFFLINE = () => m.room_offline();

/** The state of one visit to a room. */
export class RoomSession {
	#phase = $state<'lobby' | 'joining' | 'joined' | 'left' | 'refused'>('lobby');
	#notice = $state<string | null>(null);
	#refusal = $state<RoomRefusal | null>(null);
	#error = $state<string | null>(null);
	#selfId = $state('');
	readonly #media = new LocalMedia();
	readonly #calls: MeshCalls;
	readonly #renewal = new Renewal(() => void this.#renew());

	/** The peer with our current id; older peers stay until their calls end. */
	#peer: PeerType | null = null;
	#retired: PeerType[] = [];
	#self: JoinAnswer['self'] | null = null;
	#participants: Participant[] = [];
	#iceServers: RTCIceServer[] = [];
	#timers: ReturnType<typeof setTimeout>[] = [];
	#poll: ReturnType<typeof setInterval> | null = null;
	#renewing = false;
	/** Set when we were offline: the next peer places every call again. */
	#recallAll = false;
	#closed = false;
	#unlisten: (() => void) | null = null;

	constructor(
		readonly interviewId: string,
		readonly signaling: SignalingServer
	) {
		this.#calls = new MeshCalls({
			peer: () => this.#peer,
			selfId: () => this.#selfId,
			self: () => this.#self,
			participants: () => this.#participants,
			localStream: () => this.#media.stream,
			closed: () => this.#closed,
			state: () => this.#state(),
			later: (fn, ms) => this.#later(fn, ms),
			reread: () => this.#refreshParticipants(false)
		});
	}

	get phase() {
		return this.#phase;
	}
	get localStream() {
		return this.#media.stream;
	}
	get mediaProblem() {
		return this.#media.problem;
	}
	get micOn() {
		return this.#media.micOn;
	}
	get camOn() {
		return this.#media.camOn;
	}
	get hasAudio() {
		return this.#media.hasAudio;
	}
	get hasVideo() {
		return this.#media.hasVideo;
	}
	get remotes() {
		return this.#calls.remotes;
	}
	get notice() {
		return this.#notice;
	}
	get refusal() {
		return this.#refusal;
	}
	get error() {
		return this.#error;
	}
	/** Our current peer id (it changes every few minutes). */
	get peerId() {
		return this.#selfId;
	}
	/** Whether asking again may help (a full room); other refusals stand until something changes. */
	get canRetry() {
		return this.#phase === 'refused' && !this.#closed && this.#refusal?.details.reason === 'room_full';
	}

	/** Starts the camera and microphone for the preview; falls back to whichever of the two works. */
	startPreview(): Promise<void> {
		return this.#media.start();
	}

	/** Asks the app for a peer id, connects to the signaling server and calls everybody present. */
	async join(): Promise<void> {
		if (this.#closed || this.#phase === 'joining' || this.#phase === 'joined') return;
		this.#phase = 'joining';
		this.#error = null;
		this.#refusal = null;
		const asked = await askForId(this.interviewId);
		if (this.#closed) return;
		if (!asked.ok) {
			if ('refusal' in asked) {
				this.#refusal = asked.refusal;
				this.#phase = 'refused';
			} else {
				this.#error = m.room_unreachable();
				this.#phase = 'lobby';
			}
			return;
		}
		this.#self = asked.answer.self;
		this.#iceServers = asked.answer.ice_servers;
		this.#listenToNetwork();
		this.#poll = setInterval(() => void this.#refreshParticipants(), PARTICIPANTS_POLL_MS);
		await this.#connect(asked.answer);
	}

	/** Mutes or unmutes the microphone and tells the others. */
	toggleMic(): void {
		this.#media.toggleMic();
		this.#calls.broadcastState();
	}

	/** Turns the camera off or on and tells the others. */
	toggleCam(): void {
		this.#media.toggleCam();
		this.#calls.broadcastState();
	}

	/** Leaves the room: says goodbye to every peer, closes the calls and stops the camera. */
	leave(): void {
		if (this.#closed) return;
		this.#calls.sayBye();
		if (this.#selfId) giveBackId(this.interviewId, this.#selfId);
		this.#phase = 'left';
		this.close();
	}

	/** Releases everything (also when the page goes away). */
	close(): void {
		this.#closed = true;
		if (this.#poll) clearInterval(this.#poll);
		this.#renewal.cancel();
		for (const t of this.#timers) clearTimeout(t);
		this.#timers = [];
		this.#unlisten?.();
		this.#calls.closeAll();
		for (const p of [this.#peer, ...this.#retired]) p?.destroy();
		this.#peer = null;
		this.#retired = [];
		this.#media.stop();
	}

	/** Back to the lobby with nothing open (tests). */
	reset(): void {
		this.close();
		this.#media.reset();
		this.#phase = 'lobby';
		this.#notice = null;
		this.#refusal = null;
		this.#error = null;
		this.#selfId = '';
		this.#self = null;
		this.#participants = [];
		this.#renewing = false;
		this.#recallAll = false;
		this.#closed = false;
	}

	#later(fn: () => void, ms: number) {
		const t = setTimeout(() => {
			this.#timers = this.#timers.filter((x) => x !== t);
			fn();
		}, ms);
		this.#timers.push(t);
	}

	#state(): StateMessage {
		return { type: 'state', audio: this.micOn, video: this.camOn };
	}

	/** Opens a PeerJS peer with an issued id; once it is open it becomes ours and the previous one retires. */
	async #connect(answer: JoinAnswer): Promise<void> {
		const { Peer } = await import('peerjs');
		if (this.#closed) return;
		this.#participants = answer.participants;
		const previous = this.#peer;
		const peer = new Peer(answer.peer_id, {
			host: this.signaling.host,
			port: this.signaling.port,
			path: this.signaling.path,
			secure: this.signaling.secure,
			key: this.signaling.key,
			token: answer.peer_secret,
			config: { iceServers: this.#iceServers },
			debug: 0
		});
		this.#peer = peer;
		if (previous) this.#retired.push(previous);
		peer.on('open', () => {
			if (this.#peer !== peer || this.#closed) return;
			this.#selfId = answer.peer_id;
			this.#notice = navigator.onLine === false ? OFFLINE() : null;
			this.#error = null;
			this.#phase = 'joined';
			this.#renewal.succeeded();
			this.#retire();
			this.#renewal.beforeExpiry(answer);
			if (this.#recallAll) {
				this.#recallAll = false;
				this.#calls.callWhom('back-online');
			} else {
				this.#calls.callWhom('arrived');
			}
		});
		// Calls may still reach a retiring peer's id: they are handled alike.
		peer.on('call', (call) => void this.#calls.answer(call));
		peer.on('connection', (conn) => void this.#calls.accept(conn));
		peer.on('disconnected', () => {
			if (this.#peer !== peer || this.#closed) return;
			// The peer-server closed our socket (the id expired or was revoked) or the network dropped it.
			this.#notice = navigator.onLine === false ? OFFLINE() : LOST_SIGNAL();
			this.#scheduleRenew();
		});
		peer.on('error', (err: PeerError<string>) => this.#onPeerError(peer, err));
	}

	/**
	 * Lets the older peers go: their signaling sockets close (their ids are spent), and a peer is
	 * destroyed once no call or data connection of ours still runs through it.
	 */
	#retire() {
		const inUse = this.#calls.providers();
		this.#retired = this.#retired.filter((p) => {
			if (!inUse.includes(p)) {
				p.destroy();
				return false;
			}
			if (!p.disconnected) p.disconnect();
			return true;
		});
	}

	/** Asks for a new id after a pause that grows while the server stays out of reach. */
	#scheduleRenew(now = false) {
		if (this.#closed || this.#renewing) return;
		this.#renewal.soon(now);
	}

	/** Gets a fresh id and secret and moves to a new peer; a refusal now ends the visit. */
	async #renew(): Promise<void> {
		if (this.#closed || this.#renewing) return;
		this.#renewing = true;
		const asked = await askForId(this.interviewId);
		// Asking replaced our old id: its socket may close any moment now, which must not ask again.
		if (asked.ok && !this.#closed) await this.#connect(asked.answer);
		this.#renewing = false;
		if (this.#closed || asked.ok) return;
		if ('refusal' in asked) {
			this.#end(asked.refusal);
			return;
		}
		this.#notice = navigator.onLine === false ? OFFLINE() : LOST_SIGNAL();
		this.#scheduleRenew();
	}

	/** The room will not have us any more (taken off the panel, cancelled, closed): hang up and say why. */
	#end(refusal: RoomRefusal) {
		const message = refusal.code === 'not_found' ? m.room_removed() : refusal.message;
		this.#refusal = { ...refusal, message };
		this.#phase = 'refused';
		this.close();
	}

	/** The browser's own view of the network: a hint to act at once instead of waiting for timeouts. */
	#listenToNetwork() {
		const offline = () => {
			this.#notice = OFFLINE();
			this.#recallAll = true;
		};
		const online = () => {
			if (this.#closed) return;
			this.#notice = LOST_SIGNAL();
			// The network may have changed under every connection: a new id, and every call placed again.
			this.#recallAll = true;
			this.#renewal.succeeded();
			this.#scheduleRenew(true);
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		this.#unlisten = () => {
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		};
	}

	/**
	 * Re-reads the participants: tiles of people no longer in the room go, tiles that waited too long
	 * for a lost person go, and those we miss are called (unless we are answering a call right now).
	 */
	async #refreshParticipants(callMissing = true): Promise<void> {
		if (this.#closed) return;
		const read = await readParticipants(this.interviewId);
		if (!read) return;
		if ('refusal' in read) {
			// Taken off the panel, the interview cancelled or moved, the room closed: the visit ends.
			if (read.status === 403 || read.status === 404) this.#end(read.refusal);
			return;
		}
		this.#participants = read.participants;
		if (this.#closed) return;
		this.#calls.prune();
		if (callMissing) this.#calls.callWhom('reread');
	}

	#onPeerError(peer: PeerType, err: PeerError<string>) {
		if (err.type === 'peer-unavailable') {
			// Somebody we called is not connected to the signaling server (gone, or getting a new id).
			this.#calls.unreachable(/peer (\S+)$/.exec(err.message)?.[1]);
			return;
		}
		// A retiring peer's troubles are nobody's concern: its calls run without its socket.
		if (peer !== this.#peer) return;
		if (
			err.type === 'network' ||
			err.type === 'socket-error' ||
			err.type === 'socket-closed' ||
			err.type === 'disconnected' ||
			err.type === 'server-error' ||
			err.type === 'unavailable-id'
		) {
			// The peer-server refused or dropped this id: 'disconnected' follows, and a new id with it.
			this.#notice = navigator.onLine === false ? OFFLINE() : LOST_SIGNAL();
			return;
		}
		if (err.type === 'invalid-id' || err.type === 'invalid-key') {
			this.#error = m.room_visit_refused();
			return;
		}
		this.#error = m.room_connection_failed({ type: err.type });
	}
}
