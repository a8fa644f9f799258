/** The server-sent events of `GET /api/v1/me/events`, as the server sends them and the pages listen for them. */

export const STREAM_EVENTS = {
	/** Sent once the stream is open. */
	ready: 'ready',
	/** An interview the person takes part in changed; data `{ interview_id }`. */
	interviewChanged: 'interview.changed',
	/** The person's inbox got an item; data `{}`. */
	notificationCreated: 'notification.created'
} as const;

/** The data of an `interview.changed` event. */
export interface InterviewChangedData {
	interview_id: string | null;
}
