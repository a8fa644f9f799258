/**
 * A real SMTP server for tests (smtp-server) that parses what it accepts (mailparser). It can be
 * stopped and started again on the same port (the mail server goes down and comes back), made to
 * answer 451 or 550, or to stall before it answers the end of a message (a send in flight).
 * A message counts as delivered only once the server answered 250 on a connection still open, as a
 * real server would.
 */
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SinkMode = 'accept' | 'temporary' | 'permanent' | 'stall';

export interface Delivered {
	mail: ParsedMail;
	raw: string;
	/** The calendar part: its METHOD (from the content type) and text. */
	calendar: { method: string | null; text: string } | null;
	/** Every calendar part, in order (a loop's message carries one per session). */
	calendars: { method: string | null; text: string }[];
}

export interface SmtpSink {
	port: number;
	url: string;
	/** Messages accepted (answered 250). */
	delivered: Delivered[];
	/** Messages whose data arrived, accepted or not (a stalled one counts here only). */
	arrived: number;
	mode: SinkMode;
	/** Lets stalled messages through (answers 250 to those still connected). */
	release(): void;
	stop(): Promise<void>;
	start(): Promise<void>;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

function calendarOf(mail: ParsedMail): Delivered['calendar'] {
	return calendarsOf(mail)[0] ?? null;
}

/** Every text/calendar part of a message, with its METHOD (from the content type, else the file). */
function calendarsOf(mail: ParsedMail): Delivered['calendars'] {
	// The inline invitation may also arrive as an attachment: one entry per distinct file.
	const seen = new Set<string>();
	return mail.attachments
		.filter((a) => a.contentType === 'text/calendar')
		.flatMap((part) => {
			const text = part.content.toString('utf8');
			if (seen.has(text)) return [];
			seen.add(text);
			const fromType = /method=([A-Z]+)/i.exec(JSON.stringify(part.headers.get('content-type') ?? ''))?.[1];
			const fromBody = /^METHOD:(\w+)/m.exec(text)?.[1];
			return [{ method: (fromType ?? fromBody ?? null)?.toUpperCase() ?? null, text }];
		});
}

/** Starts a sink on `port` (0: a free one). */
export async function startSmtpSink(port = 0, mode: SinkMode = 'accept'): Promise<SmtpSink> {
	let server: SMTPServer | null = null;
	/** Session id → its answer, for messages held back in 'stall' mode. */
	const stalled = new Map<string, () => void>();
	const sink: SmtpSink = {
		port: port || (await freePort()),
		url: '',
		delivered: [],
		arrived: 0,
		mode,
		release() {
			for (const go of [...stalled.values()]) go();
		},
		async stop() {
			const s = server;
			server = null;
			if (!s) return;
			await new Promise<void>((resolve) => s.close(() => resolve()));
		},
		async start() {
			server = new SMTPServer({
				authOptional: true,
				disabledCommands: ['STARTTLS', 'AUTH'],
				logger: false,
				// A closed server must let go of its connections at once (the test stops it on purpose).
				closeTimeout: 100,
				// A sender that went away before the answer did not deliver.
				onClose(session) {
					stalled.delete(session.id);
				},
				onData(stream, session, callback) {
					const chunks: Buffer[] = [];
					stream.on('data', (c: Buffer) => chunks.push(c));
					stream.on('end', () => {
						sink.arrived++;
						const raw = Buffer.concat(chunks).toString('utf8');
						const finish = async () => {
							if (sink.mode === 'temporary') {
								const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
								return callback(err);
							}
							if (sink.mode === 'permanent') {
								const err = Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
								return callback(err);
							}
							const mail = await simpleParser(raw);
							sink.delivered.push({ mail, raw, calendar: calendarOf(mail), calendars: calendarsOf(mail) });
							callback();
						};
						if (sink.mode !== 'stall') {
							void finish();
							return;
						}
						// Stalled: answer only when released, and only if the sender is still connected.
						const go = () => {
							stalled.delete(session.id);
							sink.mode = 'accept';
							void finish();
						};
						stalled.set(session.id, go);
					});
				}
			});
			const s = server;
			await new Promise<void>((resolve, reject) => {
				s.once('error', reject);
				s.listen(sink.port, '127.0.0.1', () => resolve());
			});
			s.on('error', () => {});
		}
	};
	sink.url = `smtp://127.0.0.1:${sink.port}`;
	await sink.start();
	return sink;
}
