import { describe, expect, it } from 'vitest';
import { hasNul, wellFormed, wellFormedDeep } from './text';

describe('well-formed text', () => {
	it('replaces lone surrogates with U+FFFD and keeps pairs', () => {
		expect(wellFormed('Room \ud800')).toBe('Room \ufffd');
		expect(wellFormed('\udc00 a')).toBe('\ufffd a');
		expect(wellFormed('\udc00\ud800')).toBe('\ufffd\ufffd');
		expect(wellFormed('😀 ok')).toBe('😀 ok');
		expect(wellFormed('plain')).toBe('plain');
	});

	it('normalizes every string and key of a parsed JSON value, and nothing else', () => {
		const parsed = JSON.parse('{"a\\ud800":["x\\udfff",1,true,null,{"b":"\\ud83d"}],"__proto__":"p"}') as unknown;
		const out = wellFormedDeep(parsed) as Record<string, unknown>;
		expect(out).toEqual({ 'a\ufffd': ['x\ufffd', 1, true, null, { b: '\ufffd' }], ['__proto__']: 'p' });
		// The __proto__ key stays a plain key: it does not change the prototype.
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(Object.keys(out)).toContain('__proto__');
	});

	it('finds NUL characters', () => {
		expect(hasNul('a\u0000b')).toBe(true);
		expect(hasNul('ab')).toBe(false);
	});
});
