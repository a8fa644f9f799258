/**
 * What happened to an email a person asked for, told as it is: queued in the outbox for a mail server
 * to deliver, not sent at all because this server has no mail server (`SMTP_URL` unset: the outbox
 * only logs), or not queued because the same message already was. The pages and the API say this,
 * never "mailed" for a message nobody will receive.
 */
import type { MailTransport } from './transport';

export type MailOutcome = 'queued' | 'no_mail_server' | 'not_queued';

/** The outcome of queuing `queued` messages with this transport. */
export function mailOutcome(queued: number | boolean, transport: Pick<MailTransport, 'kind'>): MailOutcome {
	if (!queued) return 'not_queued';
	return transport.kind === 'smtp' ? 'queued' : 'no_mail_server';
}

/** One sentence for the admin: what became of the email of `what` to `to`. */
export function mailOutcomeSentence(outcome: MailOutcome, what: string, to: string): string {
	switch (outcome) {
		case 'queued':
			return `The ${what} email to ${to} is queued for sending (its delivery shows in Outbox).`;
		case 'no_mail_server':
			return `No email was sent: this server has no mail server set up (SMTP_URL), so copy the link and send it to ${to} yourself.`;
		case 'not_queued':
			return `No new email was queued for ${to}: the same ${what} was queued before; copy the link to send it yourself.`;
	}
}
