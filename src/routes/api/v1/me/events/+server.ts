import type { RequestHandler } from './$types';
import { NOTIFICATION_EVENT } from '$lib/notifications/kinds';
import { endpoint } from '$lib/server/endpoint';
import { requireUser } from '$lib/server/guards';
import { runtime } from '$lib/server/runtime';

/** A comment line keeps proxies and the browser from timing the stream out. */
const HEARTBEAT_MS = 15_000;
/** Streams end after this long; EventSource reconnects, which re-checks the session. */
const MAX_STREAM_MS = 10 * 60_000;
/** How soon EventSource reconnects after the stream ends or drops. */
const RETRY_MS = 2_000;

/**
 * GET /api/v1/me/events — server-sent events for the signed-in person: `interview.changed` whenever
 * an interview they take part in changes, and `notification.created` when their inbox gets an item
 * (fed by the event bus: LISTEN/NOTIFY across instances). The payloads name nothing more than the
 * interview; the page re-reads what it may see.
 */
export const GET: RequestHandler = endpoint(async (event) => {
	const actor = requireUser(event);
	const userId = actor.user.id;
	const { bus } = runtime();
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			const send = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					cleanup();
				}
			};
			const unsubscribe = bus.subscribe((e) => {
				if (!e.userIds?.includes(userId)) return;
				if (e.type === 'interview.changed')
					send(`event: interview.changed\ndata: ${JSON.stringify({ interview_id: e.interviewId ?? null })}\n\n`);
				else if (e.type === NOTIFICATION_EVENT) send(`event: ${NOTIFICATION_EVENT}\ndata: {}\n\n`);
			});
			const heartbeat = setInterval(() => send(`: heartbeat\n\n`), HEARTBEAT_MS);
			const end = setTimeout(() => {
				cleanup();
				try {
					controller.close();
				} catch {
					// already closed
				}
			}, MAX_STREAM_MS);
			cleanup = () => {
				if (!open) return;
				open = false;
				unsubscribe();
				clearInterval(heartbeat);
				clearTimeout(end);
			};
			event.request.signal.addEventListener('abort', () => cleanup());
			send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
		},
		cancel() {
			cleanup();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
});
