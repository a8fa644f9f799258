/** The notification services' dependencies, taken from the process's runtime (for routes). */
import { runtime } from '../runtime';
import type { PreviewDeps } from './admin';

/** Database, bus, sender and public origin, as the routes hand them to the services. */
export function previewDeps(): PreviewDeps {
	const r = runtime();
	return { sql: r.db.sql, bus: r.bus, from: r.config.MAIL_FROM, origin: r.origin };
}
