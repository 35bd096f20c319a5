/**
 * The fetch-shaped transport ofetch runs on, against plain HTTP servers on
 * 127.0.0.1 that each test shapes itself.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, test, type TestContext} from 'node:test';
import {httpFetch, maxAnswerBytes, PlainHeaders} from '../../source/api/http-transport.js';

type Seen = {method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string};

async function server(t: TestContext, handle: (request: http.IncomingMessage, response: http.ServerResponse, seen: Seen) => void): Promise<{url: string; seen: Seen}> {
	const seen: Seen = {headers: {}, body: ''};
	const instance = http.createServer((request, response) => {
		seen.method = request.method;
		seen.url = request.url;
		seen.headers = request.headers;
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			seen.body += chunk;
		});
		request.on('end', () => {
			handle(request, response, seen);
		});
	});
	await new Promise<void>(resolve => instance.listen(0, '127.0.0.1', resolve));
	t.after(async () => {
		instance.closeAllConnections();
		await new Promise(resolve => instance.close(resolve));
	});
	return {url: `http://127.0.0.1:${(instance.address() as AddressInfo).port}`, seen};
}

async function rejection(promise: Promise<unknown>): Promise<Error & {code?: string}> {
	try {
		await promise;
	} catch (error) {
		return error as Error & {code?: string};
	}

	assert.fail('expected the request to fail');
}

describe('PlainHeaders', () => {
	test('names are case-insensitive and come out in lower case', () => {
		const headers = new PlainHeaders({Authorization: 'Token x', Accept: 'application/json'});
		assert.equal(headers.get('authorization'), 'Token x');
		assert.equal(headers.has('ACCEPT'), true);
		assert.equal(headers.get('content-type'), null);
		headers.set('Content-Type', 'application/json');
		assert.deepEqual([...headers], [['authorization', 'Token x'], ['accept', 'application/json'], ['content-type', 'application/json']]);
	});

	test('it copies another instance and pairs, and append joins values', () => {
		const copy = new PlainHeaders(new PlainHeaders([['X-One', '1']]));
		copy.append('x-one', '2');
		assert.equal(copy.get('X-One'), '1, 2');
		copy.delete('X-ONE');
		assert.equal(copy.has('x-one'), false);
	});
});

describe('httpFetch', () => {
	test('sends method, headers and the body with its length, and reads the answer', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(201, 'Created', {'content-type': 'application/json', 'x-trace': 'abc'});
			response.end('{"ok":true}');
		});
		const response = await httpFetch(`${api.url}/organization/a%20b`, {
			method: 'PUT',
			headers: new PlainHeaders({authorization: 'Token secret', 'content-type': 'application/json'}),
			body: '{"é":1}',
		});
		assert.equal(api.seen.method, 'PUT');
		assert.equal(api.seen.url, '/organization/a%20b');
		assert.equal(api.seen.headers.authorization, 'Token secret');
		assert.equal(api.seen.headers['content-length'], String(Buffer.byteLength('{"é":1}')));
		assert.equal(api.seen.body, '{"é":1}');
		assert.equal(response.status, 201);
		assert.equal(response.ok, true);
		assert.equal(response.statusText, 'Created');
		assert.equal(response.headers.get('X-Trace'), 'abc');
		assert.deepEqual(await response.json(), {ok: true});
	});

	test('an error status is an answer, not a failure', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(503, {'retry-after': '2'});
			response.end('busy');
		});
		const response = await httpFetch(api.url);
		assert.equal(response.ok, false);
		assert.equal(response.status, 503);
		assert.equal(response.headers.get('retry-after'), '2');
		assert.equal(await response.text(), 'busy');
	});

	test('a redirect is not followed, so the token never goes to another host', async t => {
		let followed = false;
		const elsewhere = await server(t, (_request, response) => {
			followed = true;
			response.end('{}');
		});
		const api = await server(t, (_request, response) => {
			response.writeHead(302, {location: `${elsewhere.url}/stolen`});
			response.end();
		});
		const response = await httpFetch(api.url, {headers: {authorization: 'Token secret'}});
		assert.equal(response.status, 302);
		assert.equal(followed, false);
	});

	test('a UTF-8 byte-order mark is dropped, as fetch does', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from('{"ok":1}')]));
		});
		assert.deepEqual(await (await httpFetch(api.url)).json(), {ok: 1});
	});

	test('the client reports a redirect with where it points and why it was not followed', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(301, {location: 'https://elsewhere.example/v2'});
			response.end();
		});
		const {createClient} = await import('../../source/api/client.js');
		const client = createClient({apiUrl: api.url, token: 'qov_redirect', retry: {maxAttempts: 1, maxTotalMs: 0, baseDelayMs: 0, maxRetryAfterMs: 0}});
		await assert.rejects(client.listOrganizations(), (error: Error & {detail?: string; hint?: string}) => {
			assert.equal(error.detail, 'the server answered with a redirect (HTTP 301) to https://elsewhere.example/v2');
			assert.match(error.hint ?? '', /Redirects are not followed, so the token stays with this host; check --api-url/);
			return true;
		});
	});

	test('repeated answer headers are joined', async t => {
		const api = await server(t, (_request, response) => {
			response.setHeader('set-cookie', ['a=1', 'b=2']);
			response.end();
		});
		const response = await httpFetch(api.url);
		assert.equal(response.headers.get('set-cookie'), 'a=1, b=2');
	});

	test(`an answer larger than ${maxAnswerBytes / 1024 / 1024} MiB is refused while it arrives`, async t => {
		const api = await server(t, (_request, response) => {
			const chunk = Buffer.alloc(1024 * 1024, 'x');
			const write = () => {
				while (response.write(chunk)) {
					// Keep the pipe full until the client hangs up.
				}
			};

			response.on('drain', write);
			response.on('close', () => response.off('drain', write));
			write();
		});
		const error = await rejection(httpFetch(api.url));
		assert.equal(error.code, 'ERR_ANSWER_TOO_LARGE');
		assert.match(error.message, /larger than 32 MiB/);
	});

	test('an answer cut in the middle fails with ECONNRESET', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-length': '100'});
			response.write('{"partial":');
			setTimeout(() => response.socket?.destroy(), 20);
		});
		const error = await rejection(httpFetch(api.url));
		assert.equal(error.code, 'ECONNRESET');
	});

	test('a refused connection carries ECONNREFUSED', async () => {
		const closed = http.createServer();
		await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise(resolve => closed.close(resolve));
		const error = await rejection(httpFetch(`http://127.0.0.1:${port}/`));
		assert.equal(error.code, 'ECONNREFUSED');
	});

	test('aborting rejects with the reason given, even after the headers came', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{');
			// The rest never comes.
		});
		const controller = new AbortController();
		const pending = httpFetch(api.url, {signal: controller.signal});
		setTimeout(() => controller.abort(new DOMException('no answer in time', 'TimeoutError')), 50);
		const error = await rejection(pending);
		assert.equal(error.name, 'TimeoutError');
	});

	test('a signal already aborted sends nothing', async t => {
		let requests = 0;
		const api = await server(t, (_request, response) => {
			requests++;
			response.end();
		});
		const error = await rejection(httpFetch(api.url, {signal: AbortSignal.abort(new DOMException('stopped', 'AbortError'))}));
		assert.equal(error.name, 'AbortError');
		assert.equal(requests, 0);
	});

	test('only http and https are spoken', async () => {
		const error = await rejection(httpFetch('file:///etc/passwd'));
		assert.equal(error.code, 'ERR_UNSUPPORTED_PROTOCOL');
	});
});

describe('httpFetch with compressed answers (asked for or not, as fetch would)', () => {
	const zlib = process.getBuiltinModule('node:zlib');
	const json = JSON.stringify({results: [{id: 'a', name: 'Acme Corp'}]});

	for (const [coding, compress] of [
		['gzip', zlib.gzipSync],
		['deflate', zlib.deflateSync],
		['br', zlib.brotliCompressSync],
	] as const) {
		test(`a ${coding} answer is decoded`, async t => {
			const api = await server(t, (_request, response) => {
				response.writeHead(200, {'content-type': 'application/json', 'content-encoding': coding});
				response.end(compress(Buffer.from(json)));
			});
			const response = await httpFetch(api.url);
			assert.equal(await response.text(), json);
			assert.equal(api.seen.headers['accept-encoding'], undefined, 'no compression is asked for');
		});
	}

	test('an encoding it cannot read is an error saying which', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-encoding': 'zstd'});
			response.end('????');
		});
		const error = await rejection(httpFetch(api.url));
		assert.equal(error.code, 'ERR_CONTENT_ENCODING');
		assert.match(error.message, /encoded as "zstd"/);
	});

	test('a compressed answer that would unpack past the limit is refused', async t => {
		const bomb = zlib.gzipSync(Buffer.alloc(maxAnswerBytes + 1024 * 1024));
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-encoding': 'gzip'});
			response.end(bomb);
		});
		const error = await rejection(httpFetch(api.url));
		assert.equal(error.code, 'ERR_ANSWER_TOO_LARGE');
	});

	test('a body that claims gzip but is not is an error, not garbage', async t => {
		const api = await server(t, (_request, response) => {
			response.writeHead(200, {'content-encoding': 'gzip'});
			response.end(json);
		});
		const error = await rejection(httpFetch(api.url));
		assert.equal(error.code, 'ERR_CONTENT_ENCODING');
	});
});

describe('httpFetch on kept-alive connections', () => {
	/** Answers one request per connection, keeping it open, and drops the connection when a second request comes on it. */
	async function oneRequestPerConnection(t: TestContext): Promise<{url: string; connections: () => number; answered: () => number}> {
		let connections = 0;
		let answered = 0;
		const sockets = new Set<import('node:net').Socket>();
		const net = await import('node:net');
		const server = net.createServer(socket => {
			connections++;
			sockets.add(socket);
			let requests = 0;
			let buffer = '';
			socket.on('data', (chunk: Buffer) => {
				buffer += chunk.toString('latin1');
				while (buffer.includes('\r\n\r\n')) {
					buffer = buffer.slice(buffer.indexOf('\r\n\r\n') + 4);
					requests++;
					if (requests > 1) {
						// Closed while idle, as a load balancer does: the second request finds it gone.
						socket.resetAndDestroy();
						return;
					}

					answered++;
					socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}');
				}
			});
			socket.on('error', () => {});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		t.after(async () => {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise(resolve => server.close(resolve));
		});
		return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, answered: () => answered};
	}

	test('a read on a connection the server dropped while idle goes again on a new one, silently', async t => {
		const api = await oneRequestPerConnection(t);
		assert.equal((await httpFetch(`${api.url}/a`)).status, 200);
		assert.equal((await httpFetch(`${api.url}/b`)).status, 200);
		assert.equal((await httpFetch(`${api.url}/c`)).status, 200);
		assert.equal(api.answered(), 3);
		assert.ok(api.connections() >= 3, `a fresh connection each time the old one was gone (${api.connections()})`);
	});

	test('with several dropped connections in the pool, the read goes again on a connection of its own', async t => {
		const api = await oneRequestPerConnection(t);
		// Two at once: two kept-alive connections, both dropped at their next request.
		await Promise.all([httpFetch(`${api.url}/a`), httpFetch(`${api.url}/b`)]);
		assert.equal((await httpFetch(`${api.url}/c`)).status, 200);
		assert.equal((await httpFetch(`${api.url}/d`)).status, 200);
		assert.equal(api.answered(), 4);
	});

	test('a PUT on such a connection is not resent here: its attempts are the retry policy\'s to count', async t => {
		const api = await oneRequestPerConnection(t);
		assert.equal((await httpFetch(`${api.url}/a`)).status, 200);
		const error = await rejection(httpFetch(`${api.url}/c`, {method: 'PUT', body: '{}'}));
		assert.equal(error.code, 'ECONNRESET');
		assert.equal(api.answered(), 1);
	});

	test('a connection cut on a fresh socket is still an error (nothing is resent blindly)', async t => {
		const api = await server(t, (request, response) => {
			request.socket.resetAndDestroy();
			response.destroy();
		});
		const error = await rejection(httpFetch(`${api.url}/x`, {headers: {connection: 'close'}}));
		assert.equal(error.code, 'ECONNRESET');
	});
});

describe('the client on answers that are not HTTP(S) as expected', () => {
	async function attemptsOf(t: TestContext, apiUrl: string) {
		const {createClient} = await import('../../source/api/client.js');
		const waits: number[] = [];
		const client = createClient({apiUrl, token: 'qov_protocol', timeoutMs: 5000, sleep: async ms => {
			waits.push(ms);
		}});
		try {
			await client.listOrganizations();
		} catch (error) {
			return {error: error as Error & {kind?: string; detail?: string}, waits};
		}

		t.assert.fail('expected a failure');
	}

	async function rawServer(t: TestContext, reply: string): Promise<string> {
		const net = await import('node:net');
		const server = net.createServer(socket => {
			socket.on('error', () => {});
			socket.once('data', () => socket.end(reply));
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		t.after(async () => new Promise(resolve => server.close(resolve)));
		return `127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	test('an answer that is not HTTP is said so and not tried again', async t => {
		const address = await rawServer(t, 'SSH-2.0-OpenSSH_9.2\r\n\r\n');
		const {error, waits} = (await attemptsOf(t, `http://${address}`))!;
		assert.equal(error.kind, 'protocol');
		assert.match(error.detail ?? '', /^the answer is not valid HTTP \(HPE_/);
		assert.deepEqual(waits, []);
	});

	test('https to a server that speaks plain HTTP is a failed TLS handshake, not tried again', async t => {
		const address = await rawServer(t, 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
		const {error, waits} = (await attemptsOf(t, `https://${address}`))!;
		assert.equal(error.kind, 'protocol');
		assert.match(error.detail ?? '', /^the TLS handshake failed \((EPROTO|ERR_SSL_[A-Z_]+)\)$/);
		assert.deepEqual(waits, []);
	});

	test('an answer over the size limit is downloaded once, not four times', async t => {
		let requests = 0;
		const api = await server(t, (_request, response) => {
			requests++;
			response.writeHead(200, {'content-type': 'application/json'});
			const chunk = Buffer.alloc(1024 * 1024, 0x20);
			const write = () => {
				while (response.write(chunk)) {
					// Until the client hangs up.
				}
			};

			response.on('drain', write);
			response.on('close', () => response.off('drain', write));
			write();
		});
		const {error, waits} = (await attemptsOf(t, api.url))!;
		assert.equal(error.kind, 'protocol');
		assert.match(error.detail ?? '', /larger than 32 MiB/);
		assert.deepEqual(waits, []);
		assert.equal(requests, 1);
	});
});
