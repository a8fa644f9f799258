/**
 * What the server knows about when a client's change was made: not before that connection's
 * previous sync, and not after now. The first update a connection sends (the work done offline) is
 * bounded by the last time the same user synced this document on this instance, or by the moment
 * the connection opened when that is unknown; every later message by the previous one. The clock is
 * the server's.
 */

/** Users remembered per document, so a reconnect knows when that user last synced. */
const USER_MEMORY_LIMIT = 10_000;

interface ConnectionTimes {
	/** The lower bound for the message being handled now. */
	bound: number;
	/** When the previous message of this connection arrived. */
	last: number;
	/** Until the first update: the user's last sync before this connection opened. */
	since: number;
	updated: boolean;
	key: string;
}

/** Reads lib0's variable-length unsigned integers, the framing of every Hocuspocus message. */
function readVarUint(bytes: Uint8Array, at: { pos: number }): number {
	let value = 0;
	for (let shift = 0; shift < 35; shift += 7) {
		const byte = bytes[at.pos++];
		if (byte === undefined) return -1;
		value += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) return value;
	}
	return -1;
}

/** True when a raw Hocuspocus message carries document content (sync step 2 or an update). */
function carriesUpdate(message: Uint8Array): boolean {
	const at = { pos: 0 };
	const nameLength = readVarUint(message, at);
	if (nameLength < 0) return false;
	at.pos += nameLength;
	const type = readVarUint(message, at);
	// MessageType.Sync (0) or SyncReply (4), then y-protocols' step 2 (1) or update (2).
	if (type !== 0 && type !== 4) return false;
	const step = readVarUint(message, at);
	return step === 1 || step === 2;
}

/** Keeps the time bounds of every open connection; keyed by the connection object itself. */
export class ConnectionClock {
	readonly #times = new WeakMap<object, ConnectionTimes>();
	readonly #userLast = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	#open(connection: object, key: string): ConnectionTimes {
		const at = this.now();
		const times = { bound: at, last: at, since: this.#userLast.get(key) ?? at, updated: false, key };
		this.#times.set(connection, times);
		return times;
	}

	/** Called before each message of a connection is applied. */
	message(connection: object, documentName: string, userId: string | null, raw: Uint8Array): void {
		const key = `${documentName}|${userId ?? ''}`;
		const times = this.#times.get(connection) ?? this.#open(connection, key);
		const at = this.now();
		const update = carriesUpdate(raw);
		times.bound = times.updated ? times.last : Math.min(times.since, times.last);
		times.last = at;
		if (update) times.updated = true;
		this.#userLast.delete(key);
		this.#userLast.set(key, at);
		if (this.#userLast.size > USER_MEMORY_LIMIT) this.#userLast.delete(this.#userLast.keys().next().value!);
	}

	/** The earliest time a change from this connection can have been made; null when never seen. */
	notBefore(connection: object): number | null {
		return this.#times.get(connection)?.bound ?? null;
	}
}
