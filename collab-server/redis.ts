/**
 * Scale-out through Redis: Hocuspocus' Redis extension, made to outlive a Redis that goes away.
 *
 * The extension publishes with no catch in several places (each change's sync step, a newly loaded
 * document's, the answer to another instance), and Hocuspocus calls `onChange` without awaiting it.
 * A publish refused because Redis is down, or because this instance is shutting down, so rejected
 * unhandled, and an unhandled rejection ends a Node process: a Redis outage stopped every instance.
 *
 * Here a failed publish is a lost message, which Yjs' sync protocol tolerates: every change publishes
 * the sender's state vector again, and once Redis is back every loaded document publishes its own;
 * the other instances answer with what it lacks and ask for what they lack (decision 86).
 */
import { Redis } from '@hocuspocus/extension-redis';
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, Document } from '@hocuspocus/server';

type Log = (message: string) => void;

export class ScaleOutRedis extends Redis {
	#closing = false;
	#down = false;
	#subscribedOnce = false;
	readonly #log: Log;

	constructor(url: string, log: Log = (message) => console.warn(message)) {
		const at = new URL(url);
		super({
			host: at.hostname,
			port: Number(at.port || 6379),
			options: { password: at.password || undefined, db: Number(at.pathname.slice(1) || 0) }
		});
		this.#log = log;
		const publish = this.pub.publish.bind(this.pub) as (channel: string, message: Buffer) => Promise<number>;
		const guarded = (channel: string, message: Buffer): Promise<number> =>
			publish(channel, message).catch((err: unknown) => {
				this.#lost(err);
				return 0;
			});
		Object.assign(this.pub, { publish: guarded });
		// Without a listener ioredis prints every failed reconnect; one line per outage says enough.
		for (const client of [this.pub, this.sub]) client.on('error', (err: unknown) => this.#lost(err));
		this.sub.on('ready', () => {
			if (!this.#subscribedOnce) {
				this.#subscribedOnce = true;
				return;
			}
			// ioredis says "ready" before it subscribes again. A PING sent after those SUBSCRIBEs is
			// answered once Redis has them: only then is what the others answer sure to reach this
			// instance. (Publishing at "ready", two instances back at the same moment each published
			// before the other had subscribed again, and neither heard the other.)
			setImmediate(
				() =>
					void this.sub.ping().then(
						() => this.#resync(),
						() => {}
					)
			);
		});
	}

	/** What was published meanwhile never arrived: each loaded document asks the others again. */
	#resync(): void {
		if (this.#closing) return;
		if (this.#down) this.#log('[collab] Redis is back: resynchronizing the loaded documents');
		this.#down = false;
		for (const [name, document] of this.instance.documents) this.#publishState(name, document);
	}

	#publishState(name: string, document: Document): void {
		// The extension's own first sync step (private in its types, public at run time).
		void (this as unknown as { publishFirstSyncStep(n: string, d: Document): Promise<number> }).publishFirstSyncStep(
			name,
			document
		);
	}

	#lost(err: unknown): void {
		if (this.#closing || this.#down) return;
		this.#down = true;
		this.#log(`[collab] Redis unreachable (${(err as Error).message}); other instances catch up once it is back`);
	}

	override async afterLoadDocument(data: afterLoadDocumentPayload): Promise<unknown> {
		if (this.#closing) return;
		return super.afterLoadDocument(data);
	}

	override async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
		// Its unsubscribe would only fail on a closed connection.
		if (this.#closing) return;
		return super.afterUnloadDocument(data);
	}

	/** Stops listening to other instances; what this one still publishes may be lost from here on. */
	async beginShutdown(): Promise<void> {
		this.#closing = true;
		await this.sub.quit().catch(() => {});
	}
}
