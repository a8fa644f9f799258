import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type NotificationKind } from '$lib/contract/notifications';
import type { Payload, RecipientFacts } from '../notifications/payload';
import { parseStrict } from '../../../../tests/helpers/ical-strict';
import { renderInbox, renderMail } from './render';

const INTERVIEW = {
	id: '0b7c1f8e-4a52-4f2b-9a1e-3f6d2c9b8a11',
	start: '2026-12-01T14:00:00.000Z',
	end: '2026-12-01T14:45:00.000Z',
	duration_min: 45,
	timezone: 'America/New_York',
	org_timezone: 'America/New_York',
	type: 'video',
	mode: 'online',
	location: '',
	round: 2,
	status: 'scheduled',
	sequence: 3,
	updated_at: '2026-11-20T10:00:00.000Z',
	org_name: 'Northfield University Admissions',
	candidate: { id: 'c1', name: 'Sam Carter', email: 'sam@student.test' },
	panel: [
		{ id: 'p1', name: 'Ines Okafor', email: 'ines@northfield.test' },
		{ id: 'p2', name: 'Marco Bianchi', email: 'marco@northfield.test' }
	]
};
const EVERYONE = ['ines@northfield.test', 'marco@northfield.test', 'sam@student.test'];

const candidate = {
	id: 'c1',
	name: 'Sam Carter',
	email: 'sam@student.test',
	role: 'candidate' as const,
	timezone: 'Europe/Berlin'
};
const panelist = {
	id: 'p1',
	name: 'Ines Okafor',
	email: 'ines@northfield.test',
	role: 'interviewer' as const,
	timezone: 'America/New_York'
};

function payload(kind: NotificationKind, recipient: RecipientFacts = candidate, extra: Partial<Payload> = {}): Payload {
	const base: Payload = { kind, recipient, interview: INTERVIEW };
	if (kind === 'delivery_failed') {
		return {
			kind,
			recipient: { ...recipient, role: 'admin' },
			org_name: 'Northfield University Admissions',
			failed: {
				outbox_id: 'o1',
				kind: 'interview_scheduled',
				to_name: 'Sam Carter',
				to_address: 'sam@student.test',
				error: '550 No such user'
			},
			...extra
		};
	}
	if (kind === 'scheduling_request') {
		return {
			kind,
			recipient: { ...recipient, role: 'candidate' },
			org_name: 'Northfield University Admissions',
			expires_at: '2026-12-08T10:00:00.000Z',
			secret_url: 'https://parley.example.edu/s/abc',
			request: { duration_min: 45, window_start: '2026-12-01T00:00:00.000Z', window_end: '2026-12-12T00:00:00.000Z' },
			...extra
		};
	}
	if (kind === 'invitation' || kind === 'personal_link') {
		return {
			kind,
			recipient: { ...recipient, role: kind === 'invitation' ? 'invitee' : 'candidate' },
			org_name: 'Northfield University Admissions',
			invited_role: 'interviewer',
			expires_at: '2026-12-08T10:00:00.000Z',
			secret_url: 'https://parley.example.edu/invite/abc',
			...extra
		};
	}
	return { ...base, ...extra };
}

const render = (p: Payload) =>
	renderMail(p, { origin: 'https://parley.example.edu', organizerEmail: 'no-reply@parley.local' });

describe('email templates', () => {
	it('writes every kind with a subject, an HTML part and a text part, and a link to the notification settings for interview mail', () => {
		for (const kind of NOTIFICATION_KINDS) {
			const m = render(
				payload(
					kind,
					kind === 'panel_added' || kind === 'panel_removed' || kind === 'feedback_request' ? panelist : candidate
				)
			);
			expect(m.subject.length, kind).toBeGreaterThan(10);
			expect(m.html, kind).toMatch(/^<!DOCTYPE html>/);
			expect(m.html, kind).toContain('<html lang="en">');
			expect(m.text.length, kind).toBeGreaterThan(100);
			if (!['invitation', 'personal_link', 'scheduling_request', 'delivery_failed', 'change_request'].includes(kind)) {
				expect(m.html, kind).toContain('href="https://parley.example.edu/settings#notifications"');
				expect(m.text, kind).toContain('https://parley.example.edu/settings#notifications');
			}
		}
	});

	it('writes the time in the recipient’s zone and names it, with the interview’s zone beside it', () => {
		const m = render(payload('interview_scheduled'));
		// 14:00 UTC is 15:00 in Berlin and 09:00 in New York.
		expect(m.text).toContain('Tuesday, 1 December 2026, 15:00–15:45');
		expect(m.text).toContain('Europe/Berlin (GMT+1)');
		expect(m.text).toContain('09:00–09:45 in America/New York (GMT-5)');
		const ny = render(payload('interview_scheduled', panelist));
		expect(ny.text).toContain('Tuesday, 1 December 2026, 09:00–09:45');
		expect(ny.text).not.toContain('Europe/Berlin');
	});

	it('shows the candidate no panel-internal detail: no reason, no round, no other candidate', () => {
		const reason = 'Marco is on leave; Lena Fischer takes the earlier slot';
		const forCandidate = render(
			payload('interview_rescheduled', candidate, {
				reason,
				previous: { start: '2026-11-30T14:00:00.000Z', end: '2026-11-30T14:45:00.000Z' }
			})
		);
		for (const part of [forCandidate.html, forCandidate.text]) {
			expect(part).not.toContain('Lena');
			expect(part).not.toContain('on leave');
			expect(part).not.toContain('Round');
		}
		expect(forCandidate.text).toContain('Was: (was) Monday, 30 November 2026');
		const forPanel = render(payload('interview_rescheduled', panelist, { reason }));
		expect(forPanel.text).toContain(`Reason: ${reason}`);
		expect(forPanel.text).toContain('Sam Carter · Round 2');
	});

	it('escapes what people typed into the HTML part', () => {
		const m = render(payload('interview_scheduled', { ...candidate, name: '<script>alert(1)</script> & "Sam"' }));
		expect(m.html).not.toContain('<script>alert');
		expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sam&quot;');
		expect(m.text).toContain('<script>alert(1)</script> & "Sam"');
	});

	it('attaches an invitation (REQUEST) to schedule changes and a CANCEL to cancellations, with the interview’s UID and SEQUENCE and CRLF lines', () => {
		for (const [kind, method] of [
			['interview_scheduled', 'REQUEST'],
			['interview_rescheduled', 'REQUEST'],
			['panel_added', 'REQUEST'],
			['interview_cancelled', 'CANCEL'],
			['panel_removed', 'CANCEL']
		] as const) {
			const { calendar } = render(payload(kind, kind.startsWith('panel') ? panelist : candidate));
			expect(calendar?.method, kind).toBe(method);
			const ics = calendar!.content;
			expect(ics).toContain(`METHOD:${method}\r\n`);
			expect(ics).toContain(`UID:${INTERVIEW.id}\r\n`);
			expect(ics).toContain('SEQUENCE:3\r\n');
			expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
			expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
		}
		const request = render(payload('interview_scheduled')).calendar!.content.replace(/\r\n[ \t]/g, '');
		expect(request).toMatch(/ATTENDEE;[^\r]*RSVP=TRUE[^\r]*:MAILTO:sam@student\.test/);
		expect(request).toMatch(/ATTENDEE;[^\r]*PARTSTAT=NEEDS-ACTION/);
	});

	it('names the organizer and every attendee in an invitation and a cancellation; a removal names the one removed', () => {
		for (const [kind, recipient] of [
			['interview_scheduled', candidate],
			['interview_rescheduled', panelist],
			['panel_added', panelist],
			['interview_cancelled', candidate]
		] as const) {
			const cal = parseStrict(render(payload(kind, recipient)).calendar!.content);
			expect(cal.events[0]!.organizer, kind).toBe('no-reply@parley.local');
			expect(cal.events[0]!.attendees, kind).toEqual(EVERYONE);
		}
		const removed = parseStrict(render(payload('panel_removed', panelist)).calendar!.content);
		expect([removed.method, removed.events[0]!.attendees]).toEqual(['CANCEL', ['ines@northfield.test']]);
		// A message queued before addresses were stored still names its own recipient.
		const old = payload('interview_scheduled', candidate, {
			interview: { ...INTERVIEW, candidate: { id: 'c1', name: 'Sam Carter' }, panel: [{ id: 'p1', name: 'Ines' }] }
		});
		expect(parseStrict(render(old).calendar!.content).events[0]!.attendees).toEqual(['sam@student.test']);
	});

	it('leaves reminders, feedback requests and invitations to join without a calendar file', () => {
		for (const kind of ['reminder_24h', 'reminder_1h', 'feedback_request', 'invitation'] as const) {
			expect(render(payload(kind, panelist)).calendar, kind).toBeNull();
		}
	});

	it('asks for the scorecard first, then reminds, and says when it is the last time', () => {
		const first = render(payload('feedback_request', panelist, { n: 0 }));
		expect(first.subject).toBe('Please submit your scorecard for Sam Carter');
		expect(first.html).toContain(`href="https://parley.example.edu/interviews/${INTERVIEW.id}#scorecard"`);
		const again = render(payload('feedback_request', panelist, { n: 4 }));
		expect(again.subject).toBe('Reminder: your scorecard for Sam Carter is still missing');
		expect(render(payload('feedback_request', panelist, { n: 10, last: true })).text).toContain(
			'This is the last reminder'
		);
	});

	it('says the one-time link is gone from a copy whose link was removed after sending', () => {
		const m = render(payload('invitation', candidate, { secret_url: undefined }));
		expect(m.text).toContain('The link is removed from this copy');
		expect(m.html).not.toContain('/invite/');
	});

	it('tells admins which email failed, what the server said, and where to resend it', () => {
		const item = renderInbox(payload('delivery_failed', panelist));
		expect(item).toEqual({
			title: 'Email to Sam Carter could not be delivered',
			body: '550 No such user',
			link: '/admin/outbox/o1'
		});
	});

	it('gives the inbox a title, a line and a link inside the app', () => {
		const item = renderInbox(payload('interview_scheduled', panelist));
		expect(item.title).toBe('Interview with Sam Carter: Tuesday, 1 December 2026, 09:00–09:45');
		expect(item.link).toBe(`/interviews/${INTERVIEW.id}`);
		expect(renderInbox(payload('reminder_1h')).link).toBe(`/interviews/${INTERVIEW.id}/room`);
	});
});
