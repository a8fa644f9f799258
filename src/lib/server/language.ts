/**
 * The language preferences the account keeps (docs/decisions.md, "Languages"): a person's own choice, and their
 * organization's default for everyone who never chose. Values are checked against the languages
 * Parley is built with (src/lib/i18n/locale.ts) before they are written.
 */
import type { Sql } from '../../../db/client';
import { asLocale, BASE_LOCALE, type Locale } from '$lib/i18n/locale';
import { ApiError } from './errors';
import type { Actor } from './guards';
import { m } from '$lib/paraglide/messages';

export interface LanguageSettings {
	/** Null: they follow the organization's default. */
	own: Locale | null;
	orgDefault: Locale;
}

export async function loadLanguage(sql: Sql, actor: Actor): Promise<LanguageSettings> {
	const [row] = await sql<{ locale: string | null; default_locale: string }[]>`
		select u.locale, o.default_locale from users u, organizations o
		where u.id = ${actor.user.id} and o.id = ${actor.orgId}`;
	return { own: asLocale(row?.locale), orgDefault: asLocale(row?.default_locale) ?? BASE_LOCALE };
}

/** The person's own language, or null to follow the organization's. */
export async function saveOwnLanguage(sql: Sql, actor: Actor, locale: Locale | null): Promise<void> {
	await sql`update users set locale = ${locale} where id = ${actor.user.id}`;
}

/** The organization's default language; only its admins may change it. */
export async function saveOrgLanguage(sql: Sql, actor: Actor, locale: Locale): Promise<void> {
	if (actor.role !== 'admin') throw new ApiError('forbidden', m.api_admin_language());
	await sql`update organizations set default_locale = ${locale} where id = ${actor.orgId}`;
}
