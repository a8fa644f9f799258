/** One remote participant of the mesh: one tile per person, whichever peer id they use now. */
import type { DataConnection, MediaConnection } from 'peerjs';
import type { Participant, RoomRole } from './types';

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
