/**
 * `npm run check:messages`: the message files stay complete and used (issue 14).
 *
 * - every language file (messages/<locale>.json, one per locale in project.inlang/settings.json)
 *   has exactly the keys of the base language's, and a plural message is plural in
 *   every language (the variants themselves follow each language's plural rules);
 * - every key is used somewhere in the code (`m.key`), so none lingers after its text is gone;
 * - French follows French typography: a no-break space before `:` and a narrow one before `;` `?`
 *   `!`, never a plain space, and the typographic apostrophe.
 *
 * A key the code uses but no file defines is already a type error (svelte-check).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Message = string | { match: Record<string, string> }[];
const ROOT = new URL('..', import.meta.url).pathname;
const settings = JSON.parse(readFileSync(join(ROOT, 'project.inlang/settings.json'), 'utf8')) as {
	baseLocale: string;
	locales: string[];
};

function load(locale: string): Record<string, Message> {
	const all = JSON.parse(readFileSync(join(ROOT, 'messages', `${locale}.json`), 'utf8')) as Record<string, Message>;
	delete all.$schema;
	return all;
}

/** Every .ts/.svelte/.js file under `dir`, generated output left out. */
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (path.endsWith(join('src', 'lib', 'paraglide'))) return [];
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

/** The texts of a message: the string, or every variant of a plural one. */
const texts = (msg: Message): string[] =>
	typeof msg === 'string' ? [msg] : msg.flatMap((v) => Object.values(v.match));

const problems: string[] = [];
const base = load(settings.baseLocale);
for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
	const other = load(locale);
	for (const key of Object.keys(base))
		if (!(key in other)) problems.push(`${locale}.json lacks "${key}"`);
		else if (typeof base[key] !== typeof other[key])
			problems.push(`${locale}.json: "${key}" is plural in one language only`);
	for (const key of Object.keys(other))
		if (!(key in base)) problems.push(`${locale}.json has "${key}", unknown in ${settings.baseLocale}.json`);
	if (locale === 'fr')
		for (const [key, msg] of Object.entries(other))
			for (const text of texts(msg)) {
				if (/ [:;?!]/.test(text))
					problems.push(`fr.json "${key}": a plain space before : ; ? or ! (use a no-break space)`);
				if (/[^\u00a0\u202f\s]:(\s|$)/.test(text.replace(/https?:/g, '')))
					problems.push(`fr.json "${key}": no space before ":" (use a no-break space)`);
				if (/[^\u202f\s][;?!](\s|$)/.test(text))
					problems.push(`fr.json "${key}": no narrow no-break space before ; ? or !`);
				if (text.includes("'")) problems.push(`fr.json "${key}": a straight apostrophe (use ’)`);
			}
}

const code = sources(join(ROOT, 'src'))
	.map((file) => readFileSync(file, 'utf8'))
	.join('\n');
for (const key of Object.keys(base)) {
	if (!new RegExp(`\\bm\\.${key}\\b`).test(code)) problems.push(`"${key}" is used nowhere in src/`);
}

if (problems.length > 0) {
	console.error(`Messages are incomplete or unused (${problems.length}):\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
console.log(`messages: ${Object.keys(base).length} keys in ${settings.locales.join(', ')}, all used`);
