-- The language a person reads Parley in (src/lib/i18n/locale.ts): their own choice in Settings,
-- null until they make one; and the organization's default for everyone who never chose. The
-- values are checked against the languages Parley is built with where they are written
-- (src/lib/server/language.ts), not here, so that adding a language needs no migration.
alter table users add column locale text check (locale is null or locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
alter table organizations add column default_locale text not null default 'en'
	check (default_locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
