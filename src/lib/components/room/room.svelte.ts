/**
 * The browser side of the video room: the local camera and microphone, a PeerJS peer with the id the
 * app issued, and a full mesh of calls to the other participants (up to six people). Every pair also
 * keeps a PeerJS data connection on which each side announces its microphone and camera state.
 *
 * Who calls whom: a newcomer (or a peer whose signaling came back) calls everybody it is not
 * connected to; after a dropped call only the side with the smaller peer id calls again, and when two
 * calls cross, the one placed by the smaller id wins. So every pair ends with exactly one call.
 */
import type { DataConnection, MediaConnection, Peer as PeerType, PeerError } from 'peerjs';

/** How often the room re-reads who is in it, to find dropped or re-joined peers. */
export const PARTICIPANTS_POLL_MS = 5_000;
/** Delay before calling a dropped peer again. */
export const RECALL_DELAY_MS = 2_000;
/** Calls to a dropped peer before its tile goes. */
export const MAX_RECALLS = 5;
/** Delay before reconnecting to the signaling server after it dropped us. */
export const SIGNAL_RECONNECT_DELAY_MS = 2_000;
/** The mesh grows with every person; beyond this the room says so. */
export const MAX_PARTICIPANTS = 6;

export type RoomRole = 'candidate' | 'interviewer' | 'admin';

export interface Participant {
	user_id: string;
	name: string;
	role: RoomRole;
	peer_id?: string;
}

export interface JoinAnswer {
	peer_id: string;
	expires_at: string;
	self: { user_id: string; name: string; role: RoomRole };
	participants: Participant[];
	ice_servers: RTCIceServer[];
}

export interface RoomRefusal {
	code: string;
	message: string;
	details: { reason?: string; opens_at?: string; closes_at?: string };
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

/** One remote participant of the mesh. */
export class RemotePeer {
	readonly peerId: string;
	userId = $state('');
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
	/** Calls placed since the last working connection (to stop retrying a peer that is gone). */
	retries = 0;

	constructor(peerId: string, who: Partial<Participant>) {
		this.peerId = peerId;
		this.userId = who.user_id ?? '';
		this.name = who.name ?? 'Participant';
		this.role = who.role ?? 'interviewer';
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

	#peer: PeerType | null = null;
	#selfId = '';
	#self: JoinAnswer['self'] | null = null;
	#participants: Participant[] = [];
	#iceServers: RTCIceServer[] = [];
	#timers: ReturnType<typeof setTimeout>[] = [];
	#poll: ReturnType<typeof setInterval> | null = null;
	#closed = false;

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
	get peerId() {
		return this.#selfId;
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
		if (this.#phase === 'joining' || this.#phase === 'joined') return;
		this.#phase = 'joining';
		this.#error = null;
		this.#refusal = null;
		let answer: JoinAnswer;
		try {
			const res = await fetch(`/api/v1/interviews/${this.interviewId}/join`, {
				method: 'POST',
				credentials: 'same-origin'
			});
			const body = (await res.json()) as JoinAnswer | { error: RoomRefusal };
			if (!res.ok || 'error' in body) {
				this.#refusal = 'error' in body ? body.error : { code: 'internal', message: 'The room refused.', details: {} };
				this.#phase = 'refused';
				return;
			}
			answer = body;
		} catch {
			this.#error = 'The server cannot be reached. Check your connection and try again.';
			this.#phase = 'lobby';
			return;
		}
		this.#selfId = answer.peer_id;
		this.#self = answer.self;
		this.#participants = answer.participants;
		this.#iceServers = answer.ice_servers;
		const { Peer } = await import('peerjs');
		const peer = new Peer(answer.peer_id, {
			host: this.signaling.host,
			port: this.signaling.port,
			path: this.signaling.path,
			secure: this.signaling.secure,
			key: this.signaling.key,
			config: { iceServers: this.#iceServers },
			debug: 0
		});
		this.#peer = peer;
		peer.on('open', () => {
			this.#notice = null;
			this.#phase = 'joined';
			// A newcomer, or a peer back from a signaling drop, calls everybody it is not connected to.
			this.#callMissing(true);
		});
		peer.on('call', (call) => void this.#onIncomingCall(call));
		peer.on('connection', (conn) => void this.#onIncomingData(conn));
		peer.on('disconnected', () => {
			if (this.#closed) return;
			this.#notice = 'Connection to the room was lost. Reconnecting…';
			this.#later(() => {
				if (!this.#closed && peer.disconnected && !peer.destroyed) peer.reconnect();
			}, SIGNAL_RECONNECT_DELAY_MS);
		});
		peer.on('error', (err: PeerError<string>) => this.#onPeerError(err));
		this.#poll = setInterval(() => void this.#refreshParticipants(), PARTICIPANTS_POLL_MS);
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
		for (const t of this.#timers) clearTimeout(t);
		this.#timers = [];
		for (const r of this.#remotes) this.#hangUp(r);
		this.#remotes = [];
		this.#peer?.destroy();
		this.#peer = null;
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

	#state(): StateMessage {
		return { type: 'state', audio: this.micOn, video: this.camOn };
	}

	#send(remote: RemotePeer, message: StateMessage) {
		if (remote.data?.open) void remote.data.send(message);
	}

	#broadcastState() {
		for (const r of this.#remotes) this.#send(r, this.#state());
	}

	#findParticipant(peerId: string): Participant | undefined {
		return this.#participants.find((p) => p.peer_id === peerId);
	}

	#remote(peerId: string): RemotePeer | undefined {
		return this.#remotes.find((r) => r.peerId === peerId);
	}

	/** The tile of a peer, created on first contact; an older tile of the same person goes away. */
	#ensureRemote(peerId: string, who: Participant): RemotePeer {
		let remote = this.#remote(peerId);
		if (!remote) {
			for (const old of this.#remotes.filter((r) => r.userId === who.user_id)) this.#drop(old);
			remote = new RemotePeer(peerId, who);
			this.#remotes = [...this.#remotes, remote];
		}
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

	/** Calls (media and data) one peer. */
	#callPeer(p: Participant & { peer_id: string }) {
		const peer = this.#peer;
		if (!peer || peer.disconnected || this.#closed) return;
		const remote = this.#ensureRemote(p.peer_id, p);
		if (remote.call) return;
		const stream = this.#localStream ?? new MediaStream();
		const options = {
			metadata: this.#self,
			// Receive the other side's media even when we have no camera or microphone.
			constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true }
		};
		const call = peer.call(p.peer_id, stream, options);
		if (!call) return;
		remote.outgoing = true;
		this.#wireCall(remote, call);
		if (!remote.data) {
			remote.dataOutgoing = true;
			this.#wireData(remote, peer.connect(p.peer_id, { metadata: this.#self, reliable: true }));
		}
	}

	/** Calls each present participant we have no call with (everybody, or only where our id is smaller). */
	#callMissing(all: boolean) {
		for (const p of this.#participants) {
			if (!p.peer_id || p.peer_id === this.#selfId || p.user_id === this.#self?.user_id) continue;
			const existing = this.#remote(p.peer_id);
			if (existing?.call) continue;
			if (all || this.#selfId < p.peer_id) this.#callPeer(p as Participant & { peer_id: string });
		}
	}

	/** Re-reads the participants; then calls those we miss, unless we are answering a call right now. */
	async #refreshParticipants(callMissing = true): Promise<void> {
		if (this.#closed) return;
		try {
			const res = await fetch(`/api/v1/interviews/${this.interviewId}/join`, { credentials: 'same-origin' });
			if (!res.ok) {
				if (res.status === 403) this.#notice = 'The room has closed.';
				return;
			}
			const body = (await res.json()) as { participants: Participant[] };
			this.#participants = body.participants;
		} catch {
			return;
		}
		const current = this.#participants.map((p) => p.peer_id);
		// A person who re-joined from another tab has a new id: their old tile goes once it is dead.
		for (const r of this.#remotes) if (!current.includes(r.peerId) && r.status !== 'connected') this.#drop(r);
		for (const r of this.#remotes) {
			const p = this.#findParticipant(r.peerId);
			if (p) r.name = p.name;
		}
		if (callMissing) this.#callMissing(false);
	}

	async #onIncomingCall(call: MediaConnection) {
		let who = this.#findParticipant(call.peer);
		if (!who) {
			await this.#refreshParticipants(false);
			who = this.#findParticipant(call.peer);
		}
		// Only the people of this interview may call (ids are random and issued per interview).
		if (!who || this.#closed) {
			call.close();
			return;
		}
		const remote = this.#ensureRemote(call.peer, who);
		if (remote.call && remote.status !== 'connected' && remote.outgoing && this.#selfId < call.peer) {
			// Both called at once: the call placed by the smaller id wins, and that is ours.
			call.close();
			return;
		}
		if (remote.call) {
			const old = remote.call;
			remote.call = null;
			old.close();
		}
		remote.outgoing = false;
		call.answer(this.#localStream ?? new MediaStream());
		this.#wireCall(remote, call);
	}

	async #onIncomingData(conn: DataConnection) {
		// Messages can arrive while we look the caller up: keep them.
		const early: unknown[] = [];
		const keep = (data: unknown) => void early.push(data);
		conn.on('data', keep);
		let who = this.#findParticipant(conn.peer);
		if (!who) {
			await this.#refreshParticipants(false);
			who = this.#findParticipant(conn.peer);
		}
		conn.off('data', keep);
		if (!who || this.#closed) {
			conn.close();
			return;
		}
		const remote = this.#ensureRemote(conn.peer, who);
		if (remote.data && remote.data !== conn) {
			// Crossed connections: like calls, the one opened by the smaller id wins on both sides.
			if (remote.dataOutgoing && this.#selfId < conn.peer) {
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
		remote.status = remote.status === 'connected' ? 'reconnecting' : 'connecting';
		call.on('stream', (stream) => {
			if (remote.call !== call) return;
			remote.stream = stream;
			remote.status = 'connected';
			remote.retries = 0;
		});
		call.on('iceStateChanged', (state) => {
			if (remote.call !== call) return;
			// Connected even when the other side sends no media (no camera or microphone).
			if (state === 'connected' || state === 'completed') remote.status = 'connected';
			else if (state === 'failed' || state === 'closed') this.#lost(remote, call);
			else if (state === 'disconnected') {
				remote.status = 'reconnecting';
				// Give ICE a moment to recover on its own before calling again.
				this.#later(() => {
					if (remote.call === call && call.peerConnection?.iceConnectionState === 'disconnected')
						this.#lost(remote, call);
				}, 4_000);
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

	/** A call ended without a goodbye: show the tile as reconnecting and call again if it is our turn. */
	#lost(remote: RemotePeer, call: MediaConnection) {
		if (remote.call !== call || this.#closed) return;
		remote.call = null;
		remote.status = 'reconnecting';
		call.close();
		// The data connection is left alone: it may already be the one that replaces a crossed call,
		// and it closes by itself when the other side is really gone.
		// The smaller id calls again at once; the other side waits for that call and only tries itself
		// when it does not come (the other side may be gone for good: then the call fails and the tile goes).
		const myTurn = this.#selfId < remote.peerId;
		this.#later(
			() => {
				if (this.#closed || !this.#remotes.includes(remote) || remote.call) return;
				const p = this.#findParticipant(remote.peerId);
				if (!p || remote.retries >= MAX_RECALLS) {
					this.#drop(remote);
					return;
				}
				remote.retries++;
				this.#callPeer(p as Participant & { peer_id: string });
			},
			myTurn ? RECALL_DELAY_MS : RECALL_DELAY_MS * 4
		);
	}

	#onPeerError(err: PeerError<string>) {
		if (err.type === 'peer-unavailable') {
			// Somebody who had joined is gone (or not back yet).
			const id = /peer (\S+)$/.exec(err.message)?.[1];
			const remote = id ? this.#remote(id) : undefined;
			// They will call us when they come back.
			if (remote && remote.status !== 'connected') this.#drop(remote);
			return;
		}
		if (
			err.type === 'network' ||
			err.type === 'socket-error' ||
			err.type === 'socket-closed' ||
			err.type === 'disconnected'
		) {
			this.#notice = 'Connection to the room was lost. Reconnecting…';
			return;
		}
		if (err.type === 'unavailable-id' || err.type === 'invalid-id' || err.type === 'invalid-key') {
			this.#error = 'The room did not accept this visit. Reload the page to join again.';
			return;
		}
		this.#error = `The video connection failed (${err.type}). Reload the page to try again.`;
	}
}
