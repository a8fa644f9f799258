/** Configuration from the environment, validated once. Every variable is listed in the README. */
import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../collab-server/capacity';
import { PROJECTION_SPACING_MS } from '../collab-server/projection/pace';

const bool = (fallback: boolean) =>
	z
		.enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
		.optional()
		.transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));

const iceServer = z.object({
	urls: z.union([z.string(), z.array(z.string())]),
	username: z.string().optional(),
	credential: z.string().optional()
});

const schema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	/** The public origin (https://parley.example.edu); sets Secure cookies and absolute links. */
	ORIGIN: z.string().url().optional(),
	DATABASE_URL: z.string().optional(),
	PARLEY_DATA_DIR: z.string().default('.data'),
	PARLEY_SEED_DEMO: bool(true),
	REDIS_URL: z.string().optional(),
	/** JSON array of RTCIceServer objects for the video room. */
	ICE_SERVERS: z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (!v) return [];
			try {
				return z.array(iceServer).parse(JSON.parse(v));
			} catch {
				ctx.addIssue({ code: 'custom', message: 'ICE_SERVERS must be a JSON array of {urls, username?, credential?}' });
				return z.NEVER;
			}
		}),
	/** Where browsers reach the collab-server when it runs apart from the app (default: same origin /collab). */
	COLLAB_URL: z.string().optional(),
	/** Where browsers reach the peer-server when it runs apart from the app (default: same origin /peerjs). */
	PEER_URL: z.string().optional(),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Parley <no-reply@parley.local>'),
	/** Outbox tunables (defaults in src/lib/server/notifications/worker.ts, OUTBOX_DEFAULTS). */
	OUTBOX_POLL_MS: z.coerce.number().int().min(50).optional(),
	OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000).optional(),
	OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(50).optional(),
	OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).optional(),
	OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).optional(),
	/** Largest WebSocket message the collab-server accepts. */
	COLLAB_MAX_MESSAGE_BYTES: z.coerce
		.number()
		.int()
		.positive()
		.default(4 * 1024 * 1024),
	/** Largest encoded size of one collab document; a client update past it is refused (decision 87). */
	COLLAB_MAX_DOCUMENT_BYTES: z.coerce
		.number()
		.int()
		.min(64 * 1024)
		.default(MAX_DOCUMENT_BYTES),
	/** A collab socket that has not authenticated a document within this long is closed (4408). */
	COLLAB_AUTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
	/** Unauthenticated collab sockets one address may hold at once; more are refused with 429 at upgrade. */
	COLLAB_MAX_PENDING_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
	/** How often every open collab connection is re-checked against its session and its access. */
	COLLAB_RECHECK_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
	/** Acknowledge collab updates only once journaled in Postgres; `0` only to measure its cost (bench durability). */
	COLLAB_JOURNAL: bool(true),
	/** Least time between two projection batches of one calendar (decision 83); `0` only to measure the pace (bench storm-cost). */
	COLLAB_PROJECTION_SPACING_MS: z.coerce.number().int().min(0).max(10_000).default(PROJECTION_SPACING_MS),
	/** Run the background jobs (status automation, reminders, feedback requests, the outbox worker) in this process. */
	PARLEY_JOBS: bool(true),
	/** `npm start` rebuilds the app when its sources are newer than the build; off for images built once. */
	PARLEY_AUTO_BUILD: bool(true)
});

export type Config = z.output<typeof schema>;

/** Reads and validates the configuration; exits with a readable message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const result = schema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	return result.data;
}
