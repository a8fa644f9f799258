/**
 * Who a client is, as far as an address can say: the key rate limits count by (sign-in throttling,
 * the collab-server's cap on unauthenticated sockets). Behind a proxy the address comes from the header
 * adapter-node is told to trust (`ADDRESS_HEADER`, `XFF_DEPTH`), read here the same way for WebSocket
 * upgrades, which do not pass through SvelteKit.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The key an address is counted under: IPv4 as it is, IPv6 by its /64, anything else as given. */
export function addressKey(raw: string): string {
	const ip =
		raw
			.trim()
			.toLowerCase()
			.replace(/^\[|\]$/g, '')
			.split('%')[0] ?? '';
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
	if (mapped) return mapped[1]!;
	const kind = isIP(ip);
	if (kind === 4) return ip;
	if (kind === 6) return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
	return ip.slice(0, 100) || 'unknown';
}

/** The eight groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
	const [head = '', tail] = ip.split('::');
	const split = (part: string) => {
		const groups = part ? part.split(':') : [];
		const last = groups[groups.length - 1];
		if (last?.includes('.')) {
			const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
			groups.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
		}
		return groups;
	};
	const h = split(head);
	const t = tail === undefined ? [] : split(tail);
	const zeros = Array(8 - h.length - t.length).fill('0');
	return [...h, ...zeros, ...t].map((g) => parseInt(g, 16).toString(16));
}

/** The client address of a raw request (a WebSocket upgrade), by adapter-node's rules. */
export function clientAddress(req: IncomingMessage, env: NodeJS.ProcessEnv = process.env): string {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	const raw = header ? req.headers[header] : undefined;
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (header && value) {
		if (header !== 'x-forwarded-for') return value.trim();
		const hops = value.split(',').map((part) => part.trim());
		const depth = Math.max(1, Number(env.XFF_DEPTH ?? 1) || 1);
		return hops[hops.length - depth] ?? hops[0] ?? 'unknown';
	}
	return req.socket.remoteAddress ?? 'unknown';
}
