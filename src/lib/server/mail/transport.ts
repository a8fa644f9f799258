/**
 * Where email goes: an SMTP server through nodemailer (`SMTP_URL`), or, without one, the log: each
 * message is written out in full (headers, text, the calendar part) and the latest are kept in memory,
 * so a demo or a test sees exactly what would have been sent. The outbox keeps every message either way.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type { IcsMethod } from '../ics';

/** One message, ready to go. */
export interface OutgoingMail {
	to: { name: string; address: string };
	subject: string;
	text: string;
	html: string;
	/** Stable across retries: a duplicate delivery is recognisable by it. */
	messageId: string;
	calendar: { method: IcsMethod; content: string } | null;
	/** A loop's further sessions: one invitation file each, attached after `calendar`. */
	moreCalendars?: { method: IcsMethod; content: string }[];
}

export interface MailTransport {
	/** 'smtp' when a server is configured, else 'log'. */
	kind: 'smtp' | 'log';
	/** Resolves once the server accepted the message (or it is logged); rejects with a `SendError`. */
	send(mail: OutgoingMail): Promise<void>;
	/** The last messages handed over (kept for the log transport only). */
	recent: OutgoingMail[];
	close(): void;
}

/** A failed delivery: `permanent` when retrying cannot help (the server refused with a 5xx). */
export class SendError extends Error {
	override readonly name = 'SendError';
	constructor(
		message: string,
		readonly permanent: boolean
	) {
		super(message);
	}
}

const RECENT_MAX = 50;

/** Classifies a nodemailer error: an SMTP 5xx answer is permanent, everything else is worth a retry. */
export function sendError(err: unknown): SendError {
	if (err instanceof SendError) return err;
	const e = err as { message?: string; responseCode?: number; code?: string; response?: string };
	const code = typeof e.responseCode === 'number' ? e.responseCode : null;
	const permanent = code !== null && code >= 500 && code < 600;
	const what = e.response ?? e.message ?? String(err);
	return new SendError(`${code ? `${code} ` : e.code ? `${e.code}: ` : ''}${what}`.slice(0, 1000), permanent);
}

/** The address in a header value such as `Parley <no-reply@parley.local>`. */
export function addressOf(from: string): string {
	return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain a Message-ID is made in: the sender's. */
export function messageIdFor(outboxId: string, from: string): string {
	const domain = addressOf(from).split('@')[1] || 'parley.local';
	return `<${outboxId}@${domain}>`;
}

export interface TransportOptions {
	smtpUrl?: string;
	from: string;
	/** SMTP connections kept open at once. */
	maxConnections?: number;
	/** The longest a silent server is waited for; below the worker's lease. */
	socketTimeoutMs?: number;
	log?: (line: string) => void;
}

/** The transport for the configuration. */
export function createMailTransport(opts: TransportOptions): MailTransport {
	const log = opts.log ?? ((line: string) => console.log(line));
	const recent: OutgoingMail[] = [];
	const timeout = opts.socketTimeoutMs ?? 60_000;
	const smtp: Transporter | null = opts.smtpUrl
		? createTransport({
				url: opts.smtpUrl,
				pool: true,
				maxConnections: opts.maxConnections ?? 4,
				maxMessages: 500,
				connectionTimeout: Math.min(10_000, timeout),
				greetingTimeout: Math.min(10_000, timeout),
				socketTimeout: timeout
			})
		: null;
	const message = (m: OutgoingMail) => ({
		from: opts.from,
		to: { name: m.to.name, address: m.to.address },
		subject: m.subject,
		text: m.text,
		html: m.html,
		messageId: m.messageId,
		// The invitation layout Gmail and Outlook answer with Accept / Decline.
		...(m.calendar
			? {
					icalEvent: {
						method: m.calendar.method,
						filename: m.calendar.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
						content: m.calendar.content
					}
				}
			: {}),
		...(m.moreCalendars?.length
			? {
					attachments: m.moreCalendars.map((c, n) => ({
						filename: `${c.method === 'CANCEL' ? 'cancel' : 'invite'}-${n + 2}.ics`,
						content: c.content,
						contentType: `text/calendar; charset=utf-8; method=${c.method}`
					}))
				}
			: {})
	});
	return {
		kind: smtp ? 'smtp' : 'log',
		recent,
		async send(m) {
			if (smtp) {
				try {
					await smtp.sendMail(message(m));
				} catch (err) {
					throw sendError(err);
				}
				return;
			}
			recent.push(m);
			if (recent.length > RECENT_MAX) recent.shift();
			log(
				[
					`[mail] (not sent: SMTP_URL is unset) ${m.messageId}`,
					`From: ${opts.from}`,
					`To: ${m.to.name} <${m.to.address}>`,
					`Subject: ${m.subject}`,
					...(m.calendar ? [`Calendar: METHOD:${m.calendar.method}`] : []),
					...(m.moreCalendars?.length ? [`And ${m.moreCalendars.length} more calendar file(s), one per session`] : []),
					'',
					m.text,
					`[mail] end of ${m.messageId} (HTML part: ${m.html.length} characters)`
				].join('\n')
			);
		},
		close() {
			smtp?.close();
		}
	};
}
