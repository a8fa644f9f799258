/** Reading HTML form posts: a body that cannot be read or holds a NUL character is a 400, not a 500. */
import { error } from '@sveltejs/kit';
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
		if (!fields.has(key)) fields.set(key, value);
	}
	if (nulPaths(Object.fromEntries(fields)).length) error(400, 'The form holds a character that cannot be stored.');
	return fields;
}
