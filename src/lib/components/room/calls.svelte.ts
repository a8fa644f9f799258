/**
 * The calls of the mesh: one media call and one data connection per remote participant, placed and
 * answered by the mesh rule (`mesh.ts`), kept up while ICE recovers, placed again after a drop, and
 * accepted only from a peer id that the app lists as a participant's current one. Each side
 * announces its microphone and camera state on the data connection.
 */
import type { DataConnection, MediaConnection, Peer as PeerType } from 'peerjs';
import { keepsOurs, recallDelayMs, whomToCall, type CallOccasion } from './mesh';
import { RemotePeer } from './remote-peer.svelte';
import { isStateMessage, type JoinAnswer, type Participant, type Present, type StateMessage } from './types';

/** How long a dropped participant's tile waits for them to come back before it goes. */
export const RECONNECT_GRACE_MS = 60_000;
/** How long ICE may stay "disconnected" (it often recovers by itself) before we call again. */
export const ICE_RECOVERY_MS = 4_000;

/** What the calls need to know of the visit they belong to. */
export interface CallHost {
	/** The peer with our current id (null before the first one opens). */
	peer(): PeerType | null;
	/** Our current peer id. */
	selfId(): string;
	self(): JoinAnswer['self'] | null;
	/** Who is in the room, as the app last said. */
	participants(): readonly Participant[];
	localStream(): MediaStream | null;
	closed(): boolean;
	/** What we tell the others about our microphone and camera. */
	state(): StateMessage;
	/** Runs `fn` after `ms` unless the visit ends first. */
	later(fn: () => void, ms: number): void;
	/** Re-reads who is in the room (to recognise a caller whose new id we do not know yet). */
	reread(): Promise<void>;
}

export class MeshCalls {
	#remotes = $state<RemotePeer[]>([]);

	constructor(private readonly host: CallHost) {}

	/** One tile per remote person, in the order they were first met. */
	get remotes(): RemotePeer[] {
		return this.#remotes;
	}

	/** Places the calls the mesh rule says to place now. */
	callWhom(occasion: CallOccasion): void {
		const [self, selfId, participants] = [this.host.self(), this.host.selfId(), this.host.participants()];
		const present = participants.filter((p): p is Present => Boolean(p.peer_id));
		const toCall = whomToCall(occasion, { userId: self?.user_id ?? '', peerId: selfId }, present, (userId) =>
			Boolean(this.#remoteOf(userId)?.call)
		);
		for (const p of toCall) {
			const remote = this.#remoteOf(p.user_id);
			// Back from offline: every call is placed again from our new peer (the old paths may be gone).
			if (occasion === 'back-online' && remote?.status === 'connected') remote.status = 'reconnecting';
			this.#callPeer(p);
		}
	}

	/** Tells everybody our microphone and camera state. */
	broadcastState(): void {
		for (const r of this.#remotes) this.#send(r, this.host.state());
	}

	/** Says goodbye to everybody (before leaving). */
	sayBye(): void {
		for (const r of this.#remotes) this.#send(r, { type: 'bye' });
	}

	/** The peers our calls still run through (a retiring peer stays until none does). */
	providers(): unknown[] {
		return this.#remotes.flatMap((r) => [r.call?.provider, r.data?.provider]);
	}

	/**
	 * After a re-read of who is in the room: tiles of people no longer in it go, tiles that waited
	 * too long for a lost person go, the others take the name the app has now.
	 */
	prune(now = Date.now()): void {
		for (const r of this.#remotes) {
			const listed = this.#byUser(r.userId);
			// Somebody no longer of this room is hung up on at once, whatever the state of their call.
			if (!listed) this.#drop(r);
			else if (r.lostAt !== null && now - r.lostAt > RECONNECT_GRACE_MS) this.#drop(r);
			else r.name = listed.name;
		}
	}

	/** Somebody we called is not connected to the signaling server (gone, or getting a new id). */
	unreachable(peerId: string | undefined): void {
		const remote = this.#remotes.find((r) => r.call?.peer === peerId);
		if (remote?.call) this.#lost(remote, remote.call);
	}

	/** Hangs up on everybody. */
	closeAll(): void {
		for (const r of this.#remotes) this.#hangUp(r);
		this.#remotes = [];
	}

	/** Forgets every tile (tests). */
	reset(): void {
		this.closeAll();
	}

	/** The participant whose current peer id this is (the only ids we take calls from). */
	#byPeerId(peerId: string): Participant | undefined {
		return this.host.participants().find((p) => p.peer_id === peerId);
	}

	/** The participant with this user id, with their current peer id if they have one. */
	#byUser(userId: string): Participant | undefined {
		return this.host.participants().find((p) => p.user_id === userId);
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

	#send(remote: RemotePeer, message: StateMessage) {
		if (remote.data?.open) void remote.data.send(message);
	}

	/** Calls (media and data) one person at their current peer id, replacing a call to an older one. */
	#callPeer(p: Present) {
		const peer = this.host.peer();
		if (!peer || !peer.open || this.host.closed()) return;
		const remote = this.#ensureRemote(p.peer_id, p);
		if (remote.call && remote.call.peer === p.peer_id && remote.call.provider === peer) return;
		const stream = this.host.localStream() ?? new MediaStream();
		const options = {
			metadata: this.host.self(),
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
			const conn = peer.connect(p.peer_id, { metadata: this.host.self(), reliable: true });
			if (conn) {
				remote.dataOutgoing = true;
				this.#wireData(remote, conn);
			}
		}
	}

	/** The caller, looked up again when we do not know their id yet; undefined when they are no participant. */
	async #caller(peerId: string): Promise<Participant | undefined> {
		let who = this.#byPeerId(peerId);
		if (!who) {
			await this.host.reread();
			who = this.#byPeerId(peerId);
		}
		if (!who || this.host.closed() || who.user_id === this.host.self()?.user_id) return undefined;
		return who;
	}

	/** Answers a call from a participant's current peer id (anybody else is hung up on). */
	async answer(call: MediaConnection): Promise<void> {
		const who = await this.#caller(call.peer);
		if (!who) {
			call.close();
			return;
		}
		const remote = this.#ensureRemote(call.peer, who);
		const crossing =
			remote.call &&
			remote.call.peer === call.peer &&
			remote.outgoing &&
			remote.status !== 'connected' &&
			remote.call.provider === this.host.peer();
		if (crossing && keepsOurs(this.host.selfId(), call.peer)) {
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
		call.answer(this.host.localStream() ?? new MediaStream());
		this.#wireCall(remote, call);
	}

	/** Accepts a data connection from a participant's current peer id. */
	async accept(conn: DataConnection): Promise<void> {
		// Messages can arrive while we look the caller up: keep them.
		const early: unknown[] = [];
		const keep = (data: unknown) => void early.push(data);
		conn.on('data', keep);
		const who = await this.#caller(conn.peer);
		conn.off('data', keep);
		if (!who) {
			conn.close();
			return;
		}
		const remote = this.#ensureRemote(conn.peer, who);
		if (remote.data && remote.data !== conn) {
			// Crossed connections: like calls, the one opened by the smaller id wins on both sides.
			const crossing = remote.data.peer === conn.peer && remote.dataOutgoing && !remote.data.open;
			if (crossing && keepsOurs(this.host.selfId(), conn.peer)) {
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
				this.host.later(() => {
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
		if (conn.open) this.#send(remote, this.host.state());
		else conn.on('open', () => this.#send(remote, this.host.state()));
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
		if (remote.call !== call || this.host.closed()) return;
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
		const theirs = this.#byUser(remote.userId)?.peer_id ?? remote.peerId;
		this.host.later(
			() => {
				if (this.host.closed() || !this.#remotes.includes(remote) || remote.call) return;
				const p = this.#byUser(remote.userId);
				if (remote.lostAt !== null && Date.now() - remote.lostAt > RECONNECT_GRACE_MS) {
					this.#drop(remote);
					return;
				}
				// Not in the room just now (no current id): keep the tile; they call us when they are back.
				if (p?.peer_id) this.#callPeer(p as Present);
			},
			recallDelayMs(this.host.selfId(), theirs)
		);
	}
}
