/**
 * Requests from a chosen loopback source address (127.0.0.2, 127.0.0.3, …): Linux routes the whole
 * 127.0.0.0/8 to lo, so one test machine can be several clients as the server sees them.
 */
import { request } from 'node:http';

export interface FromAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

/** POSTs JSON to `base + path` from the source address `from`. */
export function postFrom(from: string, base: string, path: string, body: unknown): Promise<FromAnswer> {
	const url = new URL(path, base);
	const data = Buffer.from(JSON.stringify(body));
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: from,
				headers: { 'content-type': 'application/json', 'content-length': data.length, origin: url.origin }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// not JSON: keep the text
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
				});
			}
		);
		req.on('error', reject);
		req.end(data);
	});
}
