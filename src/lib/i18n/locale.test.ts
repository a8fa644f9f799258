import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asLocale, decideLocale, fromAcceptLanguage, LOCALES } from './locale';

describe('fromAcceptLanguage', () => {
	it('takes the best-ranked language Parley speaks, a regional tag counting for its language', () => {
		expect(fromAcceptLanguage('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
		expect(fromAcceptLanguage('de-DE,de;q=0.9,fr;q=0.5,en;q=0.4')).toBe('fr');
		expect(fromAcceptLanguage('en;q=0.2, fr;q=0.7')).toBe('fr');
		expect(fromAcceptLanguage('EN-gb')).toBe('en');
	});

	it('is null for nothing Parley speaks, a refused language or no header', () => {
		expect(fromAcceptLanguage('de, es;q=0.5')).toBeNull();
		expect(fromAcceptLanguage('fr;q=0')).toBeNull();
		expect(fromAcceptLanguage('')).toBeNull();
		expect(fromAcceptLanguage(null)).toBeNull();
		expect(fromAcceptLanguage('*')).toBeNull();
	});

	it('never throws and always answers a language Parley speaks or null', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (header) => {
				const got = fromAcceptLanguage(header);
				expect(got === null || LOCALES.includes(got)).toBe(true);
			})
		);
	});
});

describe('decideLocale', () => {
	const none = { preference: null, orgDefault: null, cookie: null, acceptLanguage: null, api: false };

	it('follows the person, then the sign-in switch, then the organization, then the browser', () => {
		expect(decideLocale({ ...none, preference: 'fr', cookie: 'en', orgDefault: 'en', acceptLanguage: 'en' })).toBe(
			'fr'
		);
		expect(decideLocale({ ...none, cookie: 'fr', orgDefault: 'en', acceptLanguage: 'en' })).toBe('fr');
		expect(decideLocale({ ...none, orgDefault: 'fr', acceptLanguage: 'en' })).toBe('fr');
		expect(decideLocale({ ...none, acceptLanguage: 'fr-FR' })).toBe('fr');
		expect(decideLocale(none)).toBe('en');
	});

	it('lets the API follow Accept-Language before anything else', () => {
		expect(decideLocale({ ...none, api: true, preference: 'fr', acceptLanguage: 'en-US' })).toBe('en');
		expect(decideLocale({ ...none, api: true, preference: 'fr', acceptLanguage: 'de' })).toBe('fr');
	});

	it('ignores a cookie that names no language Parley speaks', () => {
		expect(decideLocale({ ...none, cookie: 'xx', acceptLanguage: 'fr' })).toBe('fr');
		expect(asLocale('<script>')).toBeNull();
	});
});
