/**
 * A storm of admins for fault tests: each editor holds the calendar open in its own provider (its own
 * socket, as its own browser tab would) and keeps moving its own interview's location. Every editor
 * records the last value it sent and the last value the server acknowledged (the provider's
 * `unsyncedChanges` going down; back at 0 is what the user sees as "saved").
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { getInterview, updateInterview } from '../../src/lib/collab/calendar';
import { eventually } from './collab';

/**
 * ws emits 'error' when a socket still connecting is closed, after the provider has removed its
 * listeners (an editor closed while reconnecting to a killed server): keep one listener always.
 */
class QuietWebSocket extends WebSocket {
	constructor(...args: ConstructorParameters<typeof WebSocket>) {
		super(...args);
		this.on('error', () => {});
	}
}

export interface Editor {
	readonly interviewId: string;
	readonly doc: Y.Doc;
	readonly provider: HocuspocusProvider;
	/** Sequence number of the latest edit made (0: none yet). */
	readonly sent: number;
	/** Sequence number of the latest edit the server acknowledged. */
	readonly acked: number;
	/** Moves the interview to the next location, `<tag> #<n>`. */
	edit(): void;
	/** Drops the connection; edits stay local until `goOnline`. */
	goOffline(): void;
	goOnline(): void;
	close(): void;
}

/** The sequence number written into a location by `Editor.edit`, or -1. */
export function seqOf(location: string | null | undefined, tag: string): number {
	const m = new RegExp(`^${tag} #(\\d+)$`).exec(location ?? '');
	return m ? Number(m[1]) : -1;
}

/** Connects an editor of `interviewId` in the document `name` at `wsUrl` and waits for its first sync. */
export async function connectEditor(opts: {
	wsUrl: string;
	name: string;
	token: () => Promise<string>;
	interviewId: string;
	tag: string;
	actor: string;
}): Promise<Editor> {
	const doc = new Y.Doc();
	const socket = new HocuspocusProviderWebsocket({
		url: opts.wsUrl,
		WebSocketPolyfill: QuietWebSocket,
		delay: 200,
		minDelay: 100,
		maxDelay: 1_000
	});
	let synced!: () => void;
	const ready = new Promise<void>((res) => (synced = res));
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name: opts.name,
		document: doc,
		token: opts.token,
		onSynced: () => synced()
	});
	provider.attach();
	let sent = 0;
	let acked = 0;
	// Acknowledgements come in order on a connection, one per update: each settles the oldest edit in
	// flight. Back at 0, everything sent is settled (a reconnection's sync covers what was in flight).
	let inFlight: number[] = [];
	let unsynced = 0;
	provider.on('unsyncedChanges', ({ number }: { number: number }) => {
		if (number === 0) {
			acked = sent;
			inFlight = [];
		} else for (let n = unsynced; n > number && inFlight.length; n--) acked = inFlight.shift()!;
		unsynced = number;
	});
	await ready;
	// Synced means the server's state arrived; the acknowledgement of this client's own sync reply may
	// still be on its way, and must not be taken for the acknowledgement of a first edit.
	await eventually(() => getInterview(doc, opts.interviewId) !== null && provider.unsyncedChanges === 0, 10_000);
	return {
		interviewId: opts.interviewId,
		doc,
		provider,
		get sent() {
			return sent;
		},
		get acked() {
			return acked;
		},
		edit() {
			sent += 1;
			inFlight.push(sent);
			const result = updateInterview(
				doc,
				opts.interviewId,
				{ location: `${opts.tag} #${sent}` },
				{ actor: opts.actor, now: new Date() }
			);
			if (!result.ok) throw new Error(`edit refused: ${result.problem.message}`);
		},
		goOffline() {
			socket.disconnect();
		},
		goOnline() {
			void socket.connect();
		},
		close() {
			provider.destroy();
			socket.destroy();
		}
	};
}

/** Every editor edits every `everyMs`, staggered; returns the function that stops them. */
export function storm(editors: Editor[], everyMs: number): () => void {
	const timers: NodeJS.Timeout[] = [];
	editors.forEach((editor, i) => {
		timers.push(
			setTimeout(
				() => {
					editor.edit();
					timers.push(setInterval(() => editor.edit(), everyMs));
				},
				(i * everyMs) / editors.length
			)
		);
	});
	return () => {
		for (const t of timers) clearInterval(t);
	};
}

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Books `count` in-person interviews through the API as an admin, one a day from ten days ahead,
 * spread over the demo's eligible applications (a round of their own each), and returns their ids.
 */
export async function bookInterviews(call: Call, count: number): Promise<string[]> {
	const apps = (await call('GET', '/api/v1/applications?page_size=100')).body.data as {
		id: string;
		status: string;
		interview_enabled: boolean;
	}[];
	const eligible = apps.filter((a) => a.interview_enabled && ['selected', 'interview_scheduled'].includes(a.status));
	const interviewers = (await call('GET', '/api/v1/members?role=interviewer')).body.data as { id: string }[];
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		// After the demo's own interviews (the full demo's reach three weeks out): rounds follow their dates.
		const start = new Date(Date.now() + (25 + i) * 86_400_000);
		start.setUTCHours(14, 0, 0, 0);
		const booked = await call('POST', '/api/v1/interviews', {
			application_id: eligible[i % eligible.length]!.id,
			start: start.toISOString(),
			duration_min: 30,
			timezone: 'Europe/Berlin',
			type: 'in_person',
			mode: 'offline',
			location: 'Room 0',
			// Above every round the demo books (at most 3), so no earlier round comes after it.
			round: 4 + i,
			panel: [interviewers[i % interviewers.length]!.id]
		});
		if (booked.status !== 201) throw new Error(`booking ${i} failed: ${JSON.stringify(booked.body)}`);
		ids.push(booked.body.id as string);
	}
	return ids;
}
