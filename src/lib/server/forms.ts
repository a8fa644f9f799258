/**
 * Reading HTML form posts: a body that cannot be read is a 400 and one holding a NUL character a 422,
 * never a 500; every value is normalized like the API's (a lone surrogate becomes U+FFFD).
 */
import { error } from '@sveltejs/kit';
import { wellFormed } from '$lib/domain/text';
import { nulPaths } from './validate';

/** The posted form's fields as strings (files are not accepted anywhere in Parley). */
export async function readForm(request: Request): Promise<Map<string, string>> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(400, 'The form could not be read. Reload the page and try again.');
	}
	const fields = new Map<string, string>();
	for (const [key, value] of form) {
		if (typeof value !== 'string') error(400, 'This form does not take files.');
		const name = wellFormed(key);
		if (!fields.has(name)) fields.set(name, wellFormed(value));
	}
	const nul = nulPaths(Object.fromEntries(fields)).map((p) => p.replaceAll('\u0000', '␀'));
	if (nul.length) error(422, `The form field ${nul.join(', ')} holds a NUL character, which cannot be stored.`);
	return fields;
}
