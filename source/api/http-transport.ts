/**
 * The `fetch` that ofetch is given: one HTTP exchange over node:http or
 * node:https, buffered, with the subset of the Fetch API ofetch reads.
 *
 * Why not Node's own fetch: it lives in undici, which Node loads on first use.
 * That costs about 30 ms and 8 MiB at every start of the wizard, a fifth of
 * its start-up, for features this client never uses (streams, redirects,
 * CORS, connection pools). Redirects are not followed: the Qovery API does
 * not send them, and following one could carry the token to another host.
 */
import http from 'node:http';
import type {RequestOptions} from 'node:https';
import {isIP} from 'node:net';
import type {TLSSocket} from 'node:tls';
import {bareHostname} from './host-name.js';
import type {Proxy} from './proxy.js';

/** Answers larger than this are refused: no Qovery answer comes near it. */
export const maxAnswerBytes = 32 * 1024 * 1024;

type HeadersInit = PlainHeaders | Record<string, string> | Iterable<readonly [string, string]> | undefined;

/** Case-insensitive header map with the methods ofetch calls. */
export class PlainHeaders implements Iterable<[string, string]> {
	readonly #values = new Map<string, string>();

	constructor(init?: HeadersInit) {
		if (init === undefined) {
			return;
		}

		const pairs = Symbol.iterator in init ? (init as Iterable<readonly [string, string]>) : Object.entries(init);
		for (const [name, value] of pairs) {
			this.set(name, value);
		}
	}

	get(name: string): string | null {
		return this.#values.get(name.toLowerCase()) ?? null;
	}

	has(name: string): boolean {
		return this.#values.has(name.toLowerCase());
	}

	set(name: string, value: string): void {
		this.#values.set(name.toLowerCase(), String(value));
	}

	append(name: string, value: string): void {
		const current = this.get(name);
		this.set(name, current === null ? value : `${current}, ${value}`);
	}

	delete(name: string): void {
		this.#values.delete(name.toLowerCase());
	}

	forEach(callback: (value: string, name: string) => void): void {
		for (const [name, value] of this.#values) {
			callback(value, name);
		}
	}

	entries(): IterableIterator<[string, string]> {
		return this.#values.entries();
	}

	[Symbol.iterator](): IterableIterator<[string, string]> {
		return this.#values.entries();
	}

	/** Node's incoming headers: repeated ones arrive as arrays. */
	static fromIncoming(incoming: http.IncomingHttpHeaders): PlainHeaders {
		const headers = new PlainHeaders();
		for (const [name, value] of Object.entries(incoming)) {
			if (value !== undefined) {
				headers.set(name, Array.isArray(value) ? value.join(', ') : value);
			}
		}

		return headers;
	}
}

export type TransportRequest = {
	method?: string;
	headers?: HeadersInit;
	body?: unknown;
	signal?: AbortSignal | null;
	/** An https request goes through this proxy's CONNECT tunnel (see proxy.ts). */
	proxy?: Proxy;
};

/** The part of a Fetch `Response` ofetch and the client read. */
export class BufferedResponse {
	readonly ok: boolean;
	/** Non-null, so ofetch knows there is a body to read. */
	readonly body: Buffer;

	constructor(
		readonly status: number,
		readonly statusText: string,
		readonly headers: PlainHeaders,
		body: Buffer,
	) {
		this.ok = status >= 200 && status < 300;
		this.body = body;
	}

	/** UTF-8, a byte-order mark dropped as fetch's text() drops it. */
	async text(): Promise<string> {
		const text = this.body.toString('utf8');
		return text.startsWith('\uFEFF') ? text.slice(1) : text;
	}

	async json(): Promise<unknown> {
		return JSON.parse(await this.text()) as unknown;
	}

	async arrayBuffer(): Promise<ArrayBuffer> {
		return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
	}
}

const tooLarge = () => new TransportError(`the answer is larger than ${maxAnswerBytes / 1024 / 1024} MiB`, 'ERR_ANSWER_TOO_LARGE');

/** An error carrying the code Node gave (ECONNRESET…), as fetch's causes do. */
class TransportError extends Error {
	constructor(
		message: string,
		readonly code: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

export async function httpFetch(input: string | URL, init: TransportRequest = {}): Promise<BufferedResponse> {
	const url = new URL(input);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TransportError(`unsupported protocol ${url.protocol}`, 'ERR_UNSUPPORTED_PROTOCOL');
	}

	// node:https brings TLS and crypto (about 10 ms to load): only when a URL needs it.
	const send = url.protocol === 'https:' ? (await import('node:https')).request : http.request;
	const signal = init.signal ?? undefined;
	signal?.throwIfAborted();
	const tunnel = init.proxy && url.protocol === 'https:' ? await openTunnel(init.proxy, url, signal) : undefined;
	const headers = new PlainHeaders(init.headers);
	const body = encodeBody(init.body);
	if (body !== undefined) {
		headers.set('content-length', String(body.byteLength));
	}

	// No agent with the tunnel, or Node would make its own connection and ignore this one.
	const connection = tunnel ? {createConnection: () => tunnel} : {};
	// Certificates are checked whatever NODE_TLS_REJECT_UNAUTHORIZED says: the token is an admin's.
	const options: RequestOptions = {method: init.method ?? 'GET', headers: Object.fromEntries(headers), rejectUnauthorized: true, ...connection};
	try {
		return await exchange(send, url, options, body, signal);
	} catch (error) {
		// A kept-alive connection the server closed while it sat idle (the
		// wizard waits for a person): a read goes once more on a new
		// connection, as Node's docs advise. Not a PUT: a reset after the
		// server read it looks the same, and a save's attempts are the retry
		// policy's to count and announce. (The PUT follows the re-check GET at
		// once, so it never rides a long-idle connection.)
		if (error instanceof StaleConnection) {
			// A connection of its own: the pool may hold more dropped ones.
			return exchange(send, url, {...options, agent: false}, body, signal);
		}

		throw error;
	}
}

/** A promise's outcome runs once (the first of answer, error or abort) and then stops listening to `signal`. */
function settleOnce(signal: AbortSignal | undefined, onAbort: () => void): (outcome: () => void) => void {
	let settled = false;
	return outcome => {
		if (!settled) {
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			outcome();
		}
	};
}

/** A request written to a reused connection that turned out to be closed, before any answer. */
class StaleConnection extends Error {
	constructor(override readonly cause: Error) {
		super(cause.message);
		this.name = 'StaleConnection';
	}
}

type Send = (url: URL, options: RequestOptions, onResponse: (response: http.IncomingMessage) => void) => http.ClientRequest;

async function exchange(send: Send, url: URL, options: RequestOptions, body: Buffer | undefined, signal: AbortSignal | undefined): Promise<BufferedResponse> {
	return new Promise<BufferedResponse>((resolve, reject) => {
		const finish = settleOnce(signal, onAbort);
		let answered = false;
		const request = send(url, options, response => {
			answered = true;
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.byteLength;
				if (size > maxAnswerBytes) {
					request.destroy();
					finish(() => {
						reject(tooLarge());
					});
					return;
				}

				chunks.push(chunk);
			});
			response.on('end', () => {
				if (!response.complete) {
					finish(() => {
						reject(new TransportError('the connection was cut before the answer arrived', 'ECONNRESET'));
					});
					return;
				}

				finish(() => {
					try {
						const body = decodeContent(Buffer.concat(chunks), response.headers['content-encoding']);
						resolve(new BufferedResponse(response.statusCode ?? 0, response.statusMessage ?? '', PlainHeaders.fromIncoming(response.headers), body));
					} catch (error) {
						reject(error);
					}
				});
			});
			response.on('error', (error: Error & {code?: string}) => {
				finish(() => {
					reject(new TransportError(error.message, error.code ?? 'ECONNRESET'));
				});
			});
			// Node 20 ends a cut answer with 'aborted' and may never emit 'end'.
			response.on('aborted', () => {
				finish(() => {
					reject(new TransportError('the connection was cut before the answer arrived', 'ECONNRESET'));
				});
			});
		});

		function onAbort() {
			request.destroy();
			finish(() => {
				reject(signal?.reason ?? new DOMException('stopped', 'AbortError'));
			});
		}

		signal?.addEventListener('abort', onAbort, {once: true});
		request.on('error', (error: Error & {code?: string}) => {
			const stale = options.method === 'GET' && request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
			finish(() => {
				reject(stale ? new StaleConnection(error) : error);
			});
		});
		request.end(body);
	});
}

/**
 * A TLS connection to the API through an HTTP proxy: CONNECT, then TLS to
 * the API inside the tunnel, checked as a direct connection would be.
 */
async function openTunnel(proxy: Proxy, url: URL, signal: AbortSignal | undefined): Promise<TLSSocket> {
	const tls = await import('node:tls');
	const host = bareHostname(url.hostname);
	const authority = `${url.hostname}:${url.port === '' ? 443 : url.port}`;
	const through = `the proxy ${proxy.address} (${proxy.variable})`;
	return new Promise<TLSSocket>((resolve, reject) => {
		const finish = settleOnce(signal, onAbort);
		const connect = http.request({
			host: proxy.hostname,
			port: proxy.port,
			method: 'CONNECT',
			path: authority,
			agent: false,
			headers: {host: authority, ...(proxy.authorization ? {'proxy-authorization': proxy.authorization} : {})},
		});
		function onAbort() {
			connect.destroy();
			finish(() => {
				reject(signal?.reason ?? new DOMException('stopped', 'AbortError'));
			});
		}

		signal?.addEventListener('abort', onAbort, {once: true});
		connect.on('connect', (response, socket) => {
			if (response.statusCode !== 200) {
				socket.destroy();
				const reason = response.statusCode !== 407
					? ''
					: proxy.authorization
						? ': it refused the credentials given in the proxy URL'
						: ': it asks for credentials, given as http://user:password@host:port';
				finish(() => {
					reject(new TransportError(`${through} refused the tunnel to ${authority} (HTTP ${response.statusCode})${reason}`, 'ERR_PROXY_REFUSED'));
				});
				return;
			}

			const secure = tls.connect({socket, host, servername: isIP(host) === 0 ? host : undefined, rejectUnauthorized: true});
			signal?.addEventListener('abort', () => secure.destroy(), {once: true});
			secure.once('secureConnect', () => {
				finish(() => {
					resolve(secure);
				});
			});
			// A refused certificate keeps its own code, so it reads as one.
			secure.once('error', error => {
				finish(() => {
					reject(error);
				});
			});
		});
		connect.on('error', (error: Error & {code?: string}) => {
			finish(() => {
				reject(new TransportError(`${through} could not be reached (${error.code ?? error.message})`, 'ERR_PROXY'));
			});
		});
		connect.end();
	});
}

/**
 * No compression is asked for, but a proxy may compress anyway; fetch would
 * decode it, so this does too (within the same size limit).
 */
function decodeContent(body: Buffer, encoding: string | undefined): Buffer {
	const coding = encoding?.trim().toLowerCase();
	if (coding === undefined || coding === '' || coding === 'identity') {
		return body;
	}

	const zlib = process.getBuiltinModule('node:zlib');
	const limit = {maxOutputLength: maxAnswerBytes};
	try {
		switch (coding) {
			case 'gzip':
			case 'x-gzip': {
				return zlib.gunzipSync(body, limit);
			}

			case 'deflate': {
				return zlib.inflateSync(body, limit);
			}

			case 'br': {
				return zlib.brotliDecompressSync(body, limit);
			}

			default: {
				throw new TransportError(`the answer is encoded as "${coding}", which this client cannot read`, 'ERR_CONTENT_ENCODING');
			}
		}
	} catch (error) {
		if (error instanceof TransportError) {
			throw error;
		}

		const code = (error as {code?: string}).code;
		throw code === 'ERR_BUFFER_TOO_LARGE'
			? tooLarge()
			: new TransportError(`the ${coding} answer could not be decoded`, 'ERR_CONTENT_ENCODING');
	}
}

/** ofetch hands over JSON as a string; anything else here is a programming error. */
function encodeBody(body: unknown): Buffer | undefined {
	if (body === undefined || body === null) {
		return undefined;
	}

	if (typeof body === 'string') {
		return Buffer.from(body, 'utf8');
	}

	if (body instanceof Uint8Array) {
		return Buffer.from(body);
	}

	throw new TypeError('httpFetch sends strings and bytes only');
}
