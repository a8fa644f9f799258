import { describe, expect, it } from 'vitest';
import { calendarDocName, notesDocName, parseDocName } from './doc-names';

const ORG = '0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';
const ID = '11111111-1111-4111-8111-111111111111';

describe('document names', () => {
	it('names the calendar and notes documents and parses them back', () => {
		expect(calendarDocName(ORG)).toBe(`org:${ORG}:calendar`);
		expect(notesDocName(ID)).toBe(`interview:${ID}:notes`);
		expect(parseDocName(calendarDocName(ORG))).toEqual({ kind: 'calendar', orgId: ORG, generation: 0 });
		expect(parseDocName(notesDocName(ID))).toEqual({ kind: 'notes', interviewId: ID });
	});

	it('names each generation of a calendar, the first one as before compaction existed', () => {
		expect(calendarDocName(ORG, 0)).toBe(`org:${ORG}:calendar`);
		expect(calendarDocName(ORG, 3)).toBe(`org:${ORG}:calendar:g3`);
		expect(parseDocName(`org:${ORG}:calendar:g3`)).toEqual({ kind: 'calendar', orgId: ORG, generation: 3 });
		for (const bad of [-1, 1.5, Number.NaN, 1e12]) expect(() => calendarDocName(ORG, bad)).toThrow(RangeError);
	});

	it('gives one canonical name per organization and generation', () => {
		expect(calendarDocName(ORG.toUpperCase())).toBe(`org:${ORG}:calendar`);
		expect(parseDocName(`org:${ORG.toUpperCase()}:calendar`)).toBeNull();
		// Generation 0 has one spelling only, and no leading zeros.
		expect(parseDocName(`org:${ORG}:calendar:g0`)).toBeNull();
		expect(parseDocName(`org:${ORG}:calendar:g01`)).toBeNull();
	});

	it('refuses anything that is not exactly a known name', () => {
		for (const name of [
			'',
			`org:${ORG}`,
			`org:${ORG}:notes`,
			`org:not-a-uuid:calendar`,
			`xorg:${ORG}:calendar`,
			`org:${ORG}:calendar:x`,
			`org:${ORG}:calendar:g`,
			`org:${ORG}:calendar:g1:g2`,
			`interview:${ID}:notes/..`
		]) {
			expect(parseDocName(name)).toBeNull();
		}
		expect(() => calendarDocName('acme')).toThrow(RangeError);
	});
});
