import { describe, expect, it } from 'vitest';
import { backoffMs } from '../notifications/outbox';
import { createMailTransport, messageIdFor, sendError } from './transport';

describe('the mail transport', () => {
	it('writes a message in full to the log when no SMTP server is configured, and keeps it', async () => {
		const lines: string[] = [];
		const t = createMailTransport({ from: 'Parley <no-reply@northfield.test>', log: (l) => lines.push(l) });
		expect(t.kind).toBe('log');
		await t.send({
			to: { name: 'Sam Carter', address: 'sam@student.test' },
			subject: 'Your interview',
			text: 'Hello Sam,\n\nSee you on Tuesday.',
			html: '<p>Hello</p>',
			messageId: messageIdFor('abc', 'Parley <no-reply@northfield.test>'),
			calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }
		});
		const logged = lines.join('\n');
		expect(logged).toContain('<abc@northfield.test>');
		expect(logged).toContain('To: Sam Carter <sam@student.test>');
		expect(logged).toContain('Subject: Your interview');
		expect(logged).toContain('Calendar: METHOD:REQUEST');
		expect(logged).toContain('See you on Tuesday.');
		expect(t.recent.at(-1)?.subject).toBe('Your interview');
	});

	it('treats an SMTP 5xx answer as permanent and anything else as worth a retry', () => {
		expect(
			sendError(Object.assign(new Error('x'), { responseCode: 550, response: '550 No such user' })).permanent
		).toBe(true);
		expect(sendError(Object.assign(new Error('x'), { responseCode: 451, response: '451 Try later' })).permanent).toBe(
			false
		);
		expect(sendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })).permanent).toBe(false);
	});

	it('waits exponentially longer between attempts, up to the cap', () => {
		const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 10 };
		const none = () => 0;
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffMs(a, policy, none))).toEqual([
			1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000
		]);
		// Jitter adds at most a quarter.
		expect(backoffMs(3, policy, () => 0.999)).toBeLessThanOrEqual(5_000);
	});
});
