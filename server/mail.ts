/**
 * Outgoing mail through nodemailer. With `SMTP_URL` set, mail goes to that server; without it, each
 * message is written to the log (and the most recent ones kept in memory), so a demo or a test sees
 * exactly what would have been sent.
 */
import { createTransport } from 'nodemailer';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

export interface Mailer {
	/** 'smtp' when a server is configured, else 'log'. */
	kind: 'smtp' | 'log';
	send(message: MailMessage): Promise<void>;
	/** The last messages sent (kept for the log transport only). */
	recent: MailMessage[];
}

const RECENT_MAX = 50;

/** Builds the mailer for the configuration. */
export function createMailer(opts: { smtpUrl?: string; from: string; log?: (line: string) => void }): Mailer {
	const log = opts.log ?? ((line: string) => console.log(line));
	const recent: MailMessage[] = [];
	const transport = opts.smtpUrl ? createTransport(opts.smtpUrl) : createTransport({ jsonTransport: true });
	return {
		kind: opts.smtpUrl ? 'smtp' : 'log',
		recent,
		async send(message) {
			await transport.sendMail({ from: opts.from, ...message });
			if (!opts.smtpUrl) {
				recent.push(message);
				if (recent.length > RECENT_MAX) recent.shift();
				log(`[mail] to ${message.to}: ${message.subject}`);
			}
		}
	};
}
