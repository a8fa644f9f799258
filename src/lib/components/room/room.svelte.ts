/**
 * The browser side of the video room: the local camera and microphone, a PeerJS peer with the id and
 * secret the app issued, and a full mesh of calls to the other participants (up to six people). Every
 * pair also keeps a PeerJS data connection on which each side announces its microphone and camera
 * state.
 *
 * Peer ids are short-lived. Before ours expires, whenever our signaling socket drops (the peer-server
 * closes it when the id expires or is revoked) and when the browser comes back online, we ask the app
 * for a fresh id and secret and open a new PeerJS peer with them. The calls of the old peer stay up
 * (WebRTC does not need the signaling socket once connected); after being offline they are placed
 * again from the new peer, since the network under them may have changed.
 *
 * Who calls whom: a newcomer (or a peer back with a new id) calls everybody it is not connected to;
 * after a dropped call only the side with the smaller peer id calls again, and when two calls cross,
 * the one placed by the smaller id wins. So every pair ends with exactly one call. A call is accepted
 * only from a peer id that the app lists as a participant's current one.
 */
import type { DataConnection, MediaConnection, Peer as PeerType, PeerError } from 'peerjs';

/** How often the room re-reads who is in it, to find dropped, re-joined or removed peers. */
export const PARTICIPANTS_POLL_MS = 5_000;
/** Delay before calling a dropped peer again. */
export const RECALL_DELAY_MS = 2_000;
/** How long a dropped participant's tile waits for them to come back before it goes. */
export const RECONNECT_GRACE_MS = 60_000;
/** How long ICE may stay "disconnected" (it often recovers by itself) before we call again. */
export const ICE_RECOVERY_MS = 4_000;
/** First delay before asking for a new peer id after the signaling socket dropped; it doubles up to the max. */
export const RENEW_DELAY_MS = 1_000;
export const RENEW_MAX_DELAY_MS = 15_000;
/** Ask for the next peer id this long before ours expires (at the latest at half its lifetime). */
export const RENEW_BEFORE_EXPIRY_MS = 2 * 60_000;

export type RoomRole = 'candidate' | 'interviewer' | 'admin';

export interface Participant {
	user_id: string;
	name: string;
	role: RoomRole;
	peer_id?: string;
}

export interface JoinAnswer {
	peer_id: string;
	/** Only we get this: the PeerJS `token` that proves the id is ours. */
	peer_secret: string;
	issued_at: string;
	expires_at: string;
	closes_at: string;
	self: { user_id: string; name: string; role: RoomRole };
	participants: Participant[];
	ice_servers: RTCIceServer[];
	max_people: number;
}

export interface RoomRefusal {
	code: string;
	message: string;
	details: { reason?: string; opens_at?: string; closes_at?: string; max_people?: number; present?: number };
}

/** Where the browser reaches the peer-server. */
export interface SignalingServer {
	host: string;
	port: number;
	path: string;
	secure: boolean;
	key: string;
}

type StateMessage = { type: 'state'; audio: boolean; video: boolean } | { type: 'bye' };

function isStateMessage(data: unknown): data is StateMessage {
	if (!data || typeof data !== 'object') return false;
	const d = data as Record<string, unknown>;
	return (d.type === 'state' && typeof d.audio === 'boolean' && typeof d.video === 'boolean') || d.type === 'bye';
}

type Listed = Participant & { peer_id: string };

/** One remote participant of the mesh: one tile per person, whichever peer id they use now. */
export class RemotePeer {
	readonly userId: string;
	/** The peer id of the call we have (or are setting up) with this person. */
	peerId = $state('');
	name = $state('');
	role = $state<RoomRole>('interviewer');
	stream = $state<MediaStream | null>(null);
	audio = $state(true);
	video = $state(true);
	status = $state<'connecting' | 'connected' | 'reconnecting'>('connecting');
	call: MediaConnection | null = null;
	data: DataConnection | null = null;
	/** Whether this side placed the current call. */
	outgoing = false;
	/** Whether this side opened the current data connection. */
	dataOutgoing = false;
	/** Whether a call with this person ever carried media (a first failed call drops the tile). */
	everConnected = false;
	/** When the connection was lost (null while it works). */
	lostAt: number | null = null;

	constructor(peerId: string, who: Participant) {
		this.userId = who.user_id;
		this.peerId = peerId;
		this.name = who.name;
		this.role = who.role;
	}
}

/** Turns a getUserMedia failure into a sentence a participant can act on. */
export function mediaErrorMessage(err: unknown): string {
	const name = err instanceof DOMException || err instanceof Error ? err.name : '';
	if (name === 'NotAllowedError' || name === 'SecurityError')
		return 'Parley may not use your camera and microphone. Allow them for this site in your browser’s settings, then reload. You can still join and see and hear the others.';
	if (name === 'NotFoundError' || name === 'OverconstrainedError')
		return 'No camera or microphone was found. You can still join and see and hear the others.';
	if (name === 'NotReadableError' || name === 'AbortError')
		return 'Your camera or microphone is in use by another application. Close it, then reload.';
	return 'Your camera and microphone could not be started. You can still join and see and hear the others.';
}

type Asked = { ok: true; answer: JoinAnswer } | { ok: false; refusal: RoomRefusal } | { ok: false; offline: true };

const LOST_SIGNAL = 'Connection to the room was lost. Reconnecting…';
const OFFLINE = 'You are offline. The call continues as soon as your connection is back.';

/** The state of one visit to a room, for `Room.svelte`. */
export class RoomSession {
	#phase = $state<'lobby' | 'joining' | 'joined' | 'left' | 'refused'>('lobby');
	#localStream = $state<MediaStream | null>(null);
	#mediaProblem = $state<string | null>(null);
	#micOn = $state(true);
	#camOn = $state(true);
	#hasAudio = $state(false);
	#hasVideo = $state(false);
	#remotes = $state<RemotePeer[]>([]);
	#notice = $state<string | null>(null);
	#refusal = $state<RoomRefusal | null>(null);
	#error = $state<string | null>(null);
	#selfId = $state('');

	/** The peer with our current id; older peers stay until their calls end. */
	#peer: PeerType | null = null;
	#retired: PeerType[] = [];
	#self: JoinAnswer['self'] | null = null;
	#participants: Participant[] = [];
	#iceServers: RTCIceServer[] = [];
	#timers: ReturnType<typeof setTimeout>[] = [];
	#poll: ReturnType<typeof setInterval> | null = null;
	#renewTimer: ReturnType<typeof setTimeout> | null = null;
	#renewing = false;
	#renewDelay = RENEW_DELAY_MS;
	/** Set when we were offline: the next peer places every call again. */
	#recallAll = false;
	#closed = false;
	#unlisten: (() => void) | null = null;

	constructor(
		readonly interviewId: string,
		readonly signaling: SignalingServer
	) {}

	get phase() {
		return this.#phase;
	}
	get localStream() {
		return this.#localStream;
	}
	get mediaProblem() {
		return this.#mediaProblem;
	}
	get micOn() {
		return this.#micOn && this.#hasAudio;
	}
	get camOn() {
		return this.#camOn && this.#hasVideo;
	}
	get hasAudio() {
		return this.#hasAudio;
	}
	get hasVideo() {
		return this.#hasVideo;
	}
	get remotes() {
		return this.#remotes;
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
	async startPreview(): Promise<void> {
		if (!navigator.mediaDevices?.getUserMedia) {
			this.#mediaProblem = 'This browser cannot use a camera here (the page needs https). You can still join.';
			return;
		}
		let stream: MediaStream | null = null;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
		} catch (err) {
			this.#mediaProblem = mediaErrorMessage(err);
			// One of the two may still work (a laptop without a camera, a refused microphone).
			for (const constraints of [{ audio: true }, { video: true }]) {
				try {
					stream = await navigator.mediaDevices.getUserMedia(constraints);
					this.#mediaProblem = constraints.audio
						? 'No camera is available: the others will hear you but not see you.'
						: 'No microphone is available: the others will see you but not hear you.';
					break;
				} catch {
					// try the next one
				}
			}
		}
		if (this.#closed) {
			stream?.getTracks().forEach((t) => t.stop());
			return;
		}
		this.#localStream = stream;
		this.#hasAudio = Boolean(stream?.getAudioTracks().length);
		this.#hasVideo = Boolean(stream?.getVideoTracks().length);
	}

	/** Asks the app for a peer id, connects to the signaling server and calls everybody present. */
	async join(): Promise<void> {
		if (this.#closed || this.#phase === 'joining' || this.#phase === 'joined') return;
		this.#phase = 'joining';
		this.#error = null;
		this.#refusal = null;
		const asked = await this.#askForId();
		if (this.#closed) return;
		if (!asked.ok) {
			if ('refusal' in asked) {
				this.#refusal = asked.refusal;
				this.#phase = 'refused';
			} else {
				this.#error = 'The server cannot be reached. Check your connection and try again.';
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
		this.#micOn = !this.#micOn;
		for (const t of this.#localStream?.getAudioTracks() ?? []) t.enabled = this.#micOn;
		this.#broadcastState();
	}

	/** Turns the camera off or on and tells the others. */
	toggleCam(): void {
		this.#camOn = !this.#camOn;
		for (const t of this.#localStream?.getVideoTracks() ?? []) t.enabled = this.#camOn;
		this.#broadcastState();
	}

	/** Leaves the room: says goodbye to every peer, closes the calls and stops the camera. */
	leave(): void {
		if (this.#closed) return;
		for (const r of this.#remotes) this.#send(r, { type: 'bye' });
		// Give the peer id back so nobody waits for us (keepalive: this also runs while the page unloads).
		if (this.#selfId)
			void fetch(`/api/v1/interviews/${this.interviewId}/join?peer_id=${encodeURIComponent(this.#selfId)}`, {
				method: 'DELETE',
				credentials: 'same-origin',
				keepalive: true
			}).catch(() => {});
		this.#phase = 'left';
		this.close();
	}

	/** Releases everything (also when the page goes away). */
	close(): void {
		this.#closed = true;
		if (this.#poll) clearInterval(this.#poll);
		if (this.#renewTimer) clearTimeout(this.#renewTimer);
		for (const t of this.#timers) clearTimeout(t);
		this.#timers = [];
		this.#unlisten?.();
		for (const r of this.#remotes) this.#hangUp(r);
		this.#remotes = [];
		for (const p of [this.#peer, ...this.#retired]) p?.destroy();
		this.#peer = null;
		this.#retired = [];
		this.#localStream?.getTracks().forEach((t) => t.stop());
		this.#localStream = null;
	}

	#later(fn: () => void, ms: number) {
		const t = setTimeout(() => {
			this.#timers = this.#timers.filter((x) => x !== t);
			fn();
		}, ms);
		this.#timers.push(t);
	}

	/** POST /join: a fresh peer id and secret, and who is in the room. */
	async #askForId(): Promise<Asked> {
		try {
			const res = await fetch(`/api/v1/interviews/${this.interviewId}/join`, {
				method: 'POST',
				credentials: 'same-origin'
			});
			const body = (await res.json()) as JoinAnswer | { error: RoomRefusal };
			if (res.ok && !('error' in body)) return { ok: true, answer: body };
			if ('error' in body) return { ok: false, refusal: body.error };
			return { ok: false, refusal: { code: 'internal', message: 'The room refused.', details: {} } };
		} catch {
			return { ok: false, offline: true };
		}
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
			this.#notice = navigator.onLine === false ? OFFLINE : null;
			this.#error = null;
			this.#phase = 'joined';
			this.#renewDelay = RENEW_DELAY_MS;
			this.#retire();
			this.#scheduleRefresh(answer);
			if (this.#recallAll) {
				this.#recallAll = false;
				this.#callEverybodyAgain();
			} else {
				// A newcomer, or a peer back with a new id, calls everybody it is not connected to.
				this.#callMissing(true);
			}
		});
		// Calls may still reach a retiring peer's id: they are handled alike.
		peer.on('call', (call) => void this.#onIncomingCall(call));
		peer.on('connection', (conn) => void this.#onIncomingData(conn));
		peer.on('disconnected', () => {
			if (this.#peer !== peer || this.#closed) return;
			// The peer-server closed our socket (the id expired or was revoked) or the network dropped it.
			this.#notice = navigator.onLine === false ? OFFLINE : LOST_SIGNAL;
			this.#scheduleRenew();
		});
		peer.on('error', (err: PeerError<string>) => this.#onPeerError(peer, err));
	}

	/**
	 * Lets the older peers go: their signaling sockets close (their ids are spent), and a peer is
	 * destroyed once no call or data connection of ours still runs through it.
	 */
	#retire() {
		const inUse = this.#remotes.flatMap((r) => [r.call?.provider, r.data?.provider]);
		this.#retired = this.#retired.filter((p) => {
			if (!inUse.includes(p)) {
				p.destroy();
				return false;
			}
			if (!p.disconnected) p.disconnect();
			return true;
		});
	}

	/** Asks for the next id a little before this one expires (none when it lasts until the room closes). */
	#scheduleRefresh(answer: JoinAnswer) {
		if (this.#renewTimer) clearTimeout(this.#renewTimer);
		this.#renewTimer = null;
		const lifetime = Date.parse(answer.expires_at) - Date.parse(answer.issued_at);
		if (!(lifetime > 0) || Date.parse(answer.expires_at) >= Date.parse(answer.closes_at)) return;
		const margin = Math.min(RENEW_BEFORE_EXPIRY_MS, lifetime / 2);
		this.#renewTimer = setTimeout(() => {
			this.#renewTimer = null;
			void this.#renew();
		}, lifetime - margin);
	}

	/** Asks for a new id after a pause that grows while the server stays out of reach. */
	#scheduleRenew(now = false) {
		if (this.#closed || this.#renewing) return;
		if (this.#renewTimer) clearTimeout(this.#renewTimer);
		const delay = now ? 0 : this.#renewDelay;
		this.#renewDelay = Math.min(this.#renewDelay * 2, RENEW_MAX_DELAY_MS);
		this.#renewTimer = setTimeout(() => {
			this.#renewTimer = null;
			void this.#renew();
		}, delay);
	}

	/** Gets a fresh id and secret and moves to a new peer; a refusal now ends the visit. */
	async #renew(): Promise<void> {
		if (this.#closed || this.#renewing) return;
		this.#renewing = true;
		const asked = await this.#askForId();
		// Asking replaced our old id: its socket may close any moment now, which must not ask again.
		if (asked.ok && !this.#closed) await this.#connect(asked.answer);
		this.#renewing = false;
		if (this.#closed || asked.ok) return;
		if ('refusal' in asked) {
			this.#end(asked.refusal);
			return;
		}
		this.#notice = navigator.onLine === false ? OFFLINE : LOST_SIGNAL;
		this.#scheduleRenew();
	}

	/** The room will not have us any more (taken off the panel, cancelled, closed): hang up and say why. */
	#end(refusal: RoomRefusal) {
		const message =
			refusal.code === 'not_found'
				? 'You are no longer a participant of this interview, so you have left its room.'
				: refusal.message;
		this.#refusal = { ...refusal, message };
		this.#phase = 'refused';
		this.close();
	}

	/** The browser's own view of the network: a hint to act at once instead of waiting for timeouts. */
	#listenToNetwork() {
		const offline = () => {
			this.#notice = OFFLINE;
			this.#recallAll = true;
		};
		const online = () => {
			if (this.#closed) return;
			this.#notice = LOST_SIGNAL;
			// The network may have changed under every connection: a new id, and every call placed again.
			this.#recallAll = true;
			this.#renewDelay = RENEW_DELAY_MS;
			this.#scheduleRenew(true);
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		this.#unlisten = () => {
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		};
	}

	#state(): StateMessage {
		return { type: 'state', audio: this.micOn, video: this.camOn };
	}

	#send(remote: RemotePeer, message: StateMessage) {
		if (remote.data?.open) void remote.data.send(message);
	}

	#broadcastState() {
		for (const r of this.#remotes) this.#send(r, this.#state());
	}

	/** The participant whose current peer id this is (the only ids we take calls from). */
	#byPeerId(peerId: string): Participant | undefined {
		return this.#participants.find((p) => p.peer_id === peerId);
	}

	/** The participant with this user id, with their current peer id if they have one. */
	#byUser(userId: string): Participant | undefined {
		return this.#participants.find((p) => p.user_id === userId);
	}

	#remoteOf(userId: string): RemotePeer | undefined {
		return this.#remotes.find((r) => r.userId === userId);
	}

	/** The tile of a person, created on first contact; it follows them to a new peer id. */
	#ensureRemote(peerId: string, who: Participant): RemotePeer {
		let remote = this.#remoteOf(who.user_id);
		if (!remote) {
			remote = new RemotePeer(peerId, who);
			this.#remotes = [...this.#remotes, remote];
		}
		remote.name = who.name;
		remote.role = who.role;
		return remote;
	}

	#drop(remote: RemotePeer) {
		this.#hangUp(remote);
		this.#remotes = this.#remotes.filter((r) => r !== remote);
	}

	#hangUp(remote: RemotePeer) {
		const { call, data } = remote;
		remote.call = null;
		remote.data = null;
		call?.close();
		data?.close();
	}

	/** Calls (media and data) one person at their current peer id, replacing a call to an older one. */
	#callPeer(p: Listed) {
		const peer = this.#peer;
		if (!peer || !peer.open || this.#closed) return;
		const remote = this.#ensureRemote(p.peer_id, p);
		if (remote.call && remote.call.peer === p.peer_id && remote.call.provider === peer) return;
		const stream = this.#localStream ?? new MediaStream();
		const options = {
			metadata: this.#self,
			// Receive the other side's media even when we have no camera or microphone.
			constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true }
		};
		const call = peer.call(p.peer_id, stream, options);
		if (!call) return;
		const old = remote.call;
		remote.call = null;
		old?.close();
		remote.peerId = p.peer_id;
		remote.outgoing = true;
		this.#wireCall(remote, call);
		if (!remote.data || remote.data.peer !== p.peer_id || remote.data.provider !== peer) {
			const oldData = remote.data;
			remote.data = null;
			oldData?.close();
			const conn = peer.connect(p.peer_id, { metadata: this.#self, reliable: true });
			if (conn) {
				remote.dataOutgoing = true;
				this.#wireData(remote, conn);
			}
		}
	}

	/** Calls each present participant we have no call with (everybody, or only where our id is smaller). */
	#callMissing(all: boolean) {
		for (const p of this.#participants) {
			if (!p.peer_id || p.user_id === this.#self?.user_id) continue;
			const existing = this.#remoteOf(p.user_id);
			if (existing?.call) continue;
			if (all || this.#selfId < p.peer_id) this.#callPeer(p as Listed);
		}
	}

	/** Back from offline: every call is placed again from our new peer (the old paths may be gone). */
	#callEverybodyAgain() {
		for (const p of this.#participants) {
			if (!p.peer_id || p.user_id === this.#self?.user_id) continue;
			const remote = this.#remoteOf(p.user_id);
			if (remote?.status === 'connected') remote.status = 'reconnecting';
			this.#callPeer(p as Listed);
		}
	}

	/**
	 * Re-reads the participants: tiles of people no longer in the room go, tiles that waited too long
	 * for a lost person go, and those we miss are called (unless we are answering a call right now).
	 */
	async #refreshParticipants(callMissing = true): Promise<void> {
		if (this.#closed) return;
		try {
			const res = await fetch(`/api/v1/interviews/${this.interviewId}/join`, { credentials: 'same-origin' });
			const body = (await res.json()) as { participants: Participant[] } | { error: RoomRefusal };
			if ('error' in body) {
				// Taken off the panel, the interview cancelled or moved, the room closed: the visit ends.
				if (res.status === 403 || res.status === 404) this.#end(body.error);
				return;
			}
			this.#participants = body.participants;
		} catch {
			return;
		}
		if (this.#closed) return;
		const now = Date.now();
		for (const r of this.#remotes) {
			const listed = this.#byUser(r.userId);
			// Somebody no longer of this room is hung up on at once, whatever the state of their call.
			if (!listed) this.#drop(r);
			else if (r.lostAt !== null && now - r.lostAt > RECONNECT_GRACE_MS) this.#drop(r);
			else r.name = listed.name;
		}
		if (callMissing) this.#callMissing(false);
	}

	async #onIncomingCall(call: MediaConnection) {
		let who = this.#byPeerId(call.peer);
		if (!who) {
			await this.#refreshParticipants(false);
			who = this.#byPeerId(call.peer);
		}
		// Only a participant's current peer id may call: anybody else is hung up on.
		if (!who || this.#closed || who.user_id === this.#self?.user_id) {
			call.close();
			return;
		}
		const remote = this.#ensureRemote(call.peer, who);
		const crossing =
			remote.call &&
			remote.call.peer === call.peer &&
			remote.outgoing &&
			remote.status !== 'connected' &&
			remote.call.provider === this.#peer;
		if (crossing && this.#selfId < call.peer) {
			// Both called at once: the call placed by the smaller id wins, and that is ours.
			call.close();
			return;
		}
		if (remote.call) {
			const old = remote.call;
			remote.call = null;
			old.close();
		}
		remote.peerId = call.peer;
		remote.outgoing = false;
		call.answer(this.#localStream ?? new MediaStream());
		this.#wireCall(remote, call);
	}

	async #onIncomingData(conn: DataConnection) {
		// Messages can arrive while we look the caller up: keep them.
		const early: unknown[] = [];
		const keep = (data: unknown) => void early.push(data);
		conn.on('data', keep);
		let who = this.#byPeerId(conn.peer);
		if (!who) {
			await this.#refreshParticipants(false);
			who = this.#byPeerId(conn.peer);
		}
		conn.off('data', keep);
		if (!who || this.#closed || who.user_id === this.#self?.user_id) {
			conn.close();
			return;
		}
		const remote = this.#ensureRemote(conn.peer, who);
		if (remote.data && remote.data !== conn) {
			// Crossed connections: like calls, the one opened by the smaller id wins on both sides.
			const crossing = remote.data.peer === conn.peer && remote.dataOutgoing && !remote.data.open;
			if (crossing && this.#selfId < conn.peer) {
				conn.close();
				return;
			}
			const old = remote.data;
			remote.data = null;
			old.close();
		}
		remote.dataOutgoing = false;
		this.#wireData(remote, conn);
		for (const data of early) this.#onData(remote, data);
	}

	#wireCall(remote: RemotePeer, call: MediaConnection) {
		remote.call = call;
		remote.status = remote.everConnected ? 'reconnecting' : 'connecting';
		const connected = () => {
			remote.status = 'connected';
			remote.everConnected = true;
			remote.lostAt = null;
		};
		call.on('stream', (stream) => {
			if (remote.call !== call) return;
			remote.stream = stream;
			connected();
		});
		call.on('iceStateChanged', (state) => {
			if (remote.call !== call) return;
			// Connected even when the other side sends no media (no camera or microphone).
			if (state === 'connected' || state === 'completed') connected();
			else if (state === 'failed' || state === 'closed') this.#lost(remote, call);
			else if (state === 'disconnected') {
				remote.status = 'reconnecting';
				remote.lostAt ??= Date.now();
				// Give ICE a moment to recover on its own before calling again.
				this.#later(() => {
					if (remote.call === call && call.peerConnection?.iceConnectionState === 'disconnected')
						this.#lost(remote, call);
				}, ICE_RECOVERY_MS);
			}
		});
		call.on('close', () => this.#lost(remote, call));
		call.on('error', () => this.#lost(remote, call));
	}

	#wireData(remote: RemotePeer, conn: DataConnection) {
		remote.data = conn;
		if (conn.open) this.#send(remote, this.#state());
		else conn.on('open', () => this.#send(remote, this.#state()));
		conn.on('data', (data) => this.#onData(remote, data));
		conn.on('close', () => {
			if (remote.data === conn) remote.data = null;
		});
	}

	#onData(remote: RemotePeer, data: unknown) {
		if (!isStateMessage(data)) return;
		if (data.type === 'bye') {
			this.#drop(remote);
			return;
		}
		remote.audio = data.audio;
		remote.video = data.video;
	}

	/**
	 * A call ended without a goodbye. A person we never reached goes (they call us when they come);
	 * otherwise the tile shows "reconnecting" and we call again when it is our turn, until the grace
	 * time runs out.
	 */
	#lost(remote: RemotePeer, call: MediaConnection) {
		if (remote.call !== call || this.#closed) return;
		remote.call = null;
		call.close();
		if (!remote.everConnected) {
			this.#drop(remote);
			return;
		}
		remote.status = 'reconnecting';
		remote.lostAt ??= Date.now();
		// The data connection is left alone: it may already be the one that replaces a crossed call,
		// and it closes by itself when the other side is really gone.
		// The smaller id calls again at once; the other side waits for that call and only tries itself
		// when it does not come.
		const theirs = this.#byUser(remote.userId)?.peer_id ?? remote.peerId;
		const myTurn = this.#selfId < theirs;
		this.#later(
			() => {
				if (this.#closed || !this.#remotes.includes(remote) || remote.call) return;
				const p = this.#byUser(remote.userId);
				if (remote.lostAt !== null && Date.now() - remote.lostAt > RECONNECT_GRACE_MS) {
					this.#drop(remote);
					return;
				}
				// Not in the room just now (no current id): keep the tile; they call us when they are back.
				if (p?.peer_id) this.#callPeer(p as Listed);
			},
			myTurn ? RECALL_DELAY_MS : RECALL_DELAY_MS * 4
		);
	}

	#onPeerError(peer: PeerType, err: PeerError<string>) {
		if (err.type === 'peer-unavailable') {
			// Somebody we called is not connected to the signaling server (gone, or getting a new id).
			const id = /peer (\S+)$/.exec(err.message)?.[1];
			const remote = this.#remotes.find((r) => r.call?.peer === id);
			if (remote?.call) this.#lost(remote, remote.call);
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
			this.#notice = navigator.onLine === false ? OFFLINE : LOST_SIGNAL;
			return;
		}
		if (err.type === 'invalid-id' || err.type === 'invalid-key') {
			this.#error = 'The room did not accept this visit. Reload the page to join again.';
			return;
		}
		this.#error = `The video connection failed (${err.type}). Reload the page to try again.`;
	}
}
