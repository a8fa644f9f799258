/**
 * What happened to an email a person asked for, told as it is: queued in the outbox for a mail server
 * to deliver, not sent at all because this server has no mail server (`SMTP_URL` unset: the outbox
 * only logs), or not queued because the same message already was. The pages and the API say this,
 * never "mailed" for a message nobody will receive.
 */
import { m } from '$lib/paraglide/messages';
import type { MailTransport } from './transport';

export type MailOutcome = 'queued' | 'no_mail_server' | 'not_queued';

/** The outcome of queuing `queued` messages with this transport. */
export function mailOutcome(queued: number | boolean, transport: Pick<MailTransport, 'kind'>): MailOutcome {
	if (!queued) return 'not_queued';
	return transport.kind === 'smtp' ? 'queued' : 'no_mail_server';
}

/** One sentence for the admin, in the page's language: what became of the email of `what` to `to`. */
export function mailOutcomeSentence(outcome: MailOutcome, what: 'invitation' | 'personal link', to: string): string {
	const kind = what === 'invitation' ? m.outcome_what_invitation() : m.outcome_what_link();
	switch (outcome) {
		case 'queued':
			return m.outcome_queued({ what: kind, to });
		case 'no_mail_server':
			return m.outcome_no_server({ to });
		case 'not_queued':
			return m.outcome_not_queued({ what: kind, to });
	}
}
