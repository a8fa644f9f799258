import type { RequestHandler } from './$types';
import { defineRoute } from '$lib/server/route';
import { MEMBER } from '$lib/server/api-docs';
import { requireUser } from '$lib/server/guards';
import { STREAM_EVENTS, type InterviewChangedData } from '$lib/contract/events';

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
export const GET: RequestHandler = defineRoute(
	{
		operationId: 'myEvents',
		tag: 'Me',
		summary: 'Server-sent events about my interviews',
		description:
			'A `text/event-stream`: `ready` first, then `interview.changed` with `{"interview_id"}` whenever an interview the person takes part in changes; a comment heartbeat every 15 s. The stream ends after 10 minutes and EventSource reconnects (re-checking the session).',
		access: ['admin', 'interviewer', 'candidate'],
		who: 'Any member of an organization.',
		responses: {
			200: {
				description: 'The event stream.',
				media: { type: 'text/event-stream', description: 'event: interview.changed\\ndata: {"interview_id":"…"}' }
			}
		},
		errors: { ...MEMBER }
	},
	async (event) => {
		const actor = requireUser(event);
		const userId = actor.user.id;
		const { bus } = event.locals.ctx;
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
					if (e.type === STREAM_EVENTS.interviewChanged) {
						const data: InterviewChangedData = { interview_id: e.interviewId ?? null };
						send(`event: ${STREAM_EVENTS.interviewChanged}\ndata: ${JSON.stringify(data)}\n\n`);
					} else if (e.type === STREAM_EVENTS.notificationCreated)
						send(`event: ${STREAM_EVENTS.notificationCreated}\ndata: {}\n\n`);
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
				send(`retry: ${RETRY_MS}\nevent: ${STREAM_EVENTS.ready}\ndata: {}\n\n`);
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
	}
);
