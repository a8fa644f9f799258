/** How the audit log's actions read: written in `$lib/format/audit` (the pages' loaders describe histories too). */
export { actionLabel } from '$lib/format/audit';
