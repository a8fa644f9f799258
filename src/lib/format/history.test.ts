import { describe, expect, it } from 'vitest';
import { describeEntries, describeEntry } from './history';
import { showInstants } from './instants';
import { setViewerLocale } from './viewer';

/** Intl puts U+202F/U+00A0 in some outputs: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

describe('an interview’s history, described where it is loaded', () => {
	const moved = {
		action: 'rescheduled',
		old_values: { start: '2026-11-26T14:30:00Z', panel: ['u1'] },
		new_values: { start: '2026-11-27T09:00:00Z', panel: ['u1', 'u2'] }
	};

	it('leaves times to the page, which writes them in the viewer’s zone (the server may not know it)', () => {
		setViewerLocale('en-GB');
		const d = describeEntry(moved, { u1: 'Ines Okafor', u2: 'Marco Bianchi' });
		expect(d.title).toBe('Rescheduled');
		// No zone was applied yet: the instants are still there, marked, whatever zone the server runs in.
		expect(d.detail).not.toMatch(/GMT/);
		const tokyo = plain(showInstants(d.detail, 'Asia/Tokyo'));
		expect(tokyo).toContain('Thu, 26 Nov 2026, 23:30 GMT+9');
		expect(tokyo).toContain('Fri, 27 Nov 2026, 18:00 GMT+9');
		expect(tokyo).toContain('Ines Okafor, Marco Bianchi');
		expect(tokyo).not.toMatch(/[\uE000\uE001]/);
		expect(plain(showInstants(d.detail, 'Europe/Berlin'))).toContain('Thu, 26 Nov 2026, 15:30 GMT+1');
	});

	it('shows an instant it cannot read as it came, and text without instants unchanged', () => {
		const d = describeEntry({ action: 'scheduled', old_values: null, new_values: { start: 'soon' } });
		expect(showInstants(d.detail, 'UTC')).toBe('soon');
		expect(showInstants('Ines; Marco', 'UTC')).toBe('Ines; Marco');
	});

	it('says who submitted a withheld scorecard and when, never what', () => {
		const [e] = describeEntries([{ id: 1, action: 'scorecard', old_values: null, new_values: { hidden: true } }], {});
		expect(e).toMatchObject({ id: 1, title: 'Scorecard submitted', detail: '' });
	});
});
