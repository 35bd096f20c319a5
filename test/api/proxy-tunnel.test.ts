/**
 * Requests through an HTTP proxy's CONNECT tunnel. The proxy here runs on
 * 127.0.0.1 and sends every tunnel to the TLS front of the fake API, so the
 * API can be named https://api.qovery.test:PORT: a name nothing resolves,
 * which only the proxy ever sees.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {describe, test, type TestContext} from 'node:test';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {httpFetch} from '../../source/api/http-transport.js';
import {proxyFor} from '../../source/api/proxy.js';
import {demoIds} from '../../source/fake/demo-data.js';
import {httpsFake, testCertificate} from '../helpers/https-fake.js';
import {cleanupTemporary, runPiped} from '../helpers/pty.js';

type Tunnel = {target: string; authorization?: string; bytes: Buffer[]};

/** A CONNECT proxy that answers `status` (200: the tunnel goes to `frontPort`) and records each tunnel. */
async function connectProxy(t: TestContext, frontPort: number, status = 200): Promise<{port: number; tunnels: Tunnel[]}> {
	const tunnels: Tunnel[] = [];
	const sockets = new Set<net.Socket>();
	const proxy = http.createServer((_request, response) => {
		response.writeHead(405).end();
	});
	proxy.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
		const tunnel: Tunnel = {target: request.url ?? '', authorization: request.headers['proxy-authorization'], bytes: []};
		tunnels.push(tunnel);
		sockets.add(client);
		client.on('error', () => {});
		if (status !== 200) {
			client.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: 0\r\n\r\n`);
			return;
		}

		const upstream = net.connect(frontPort, '127.0.0.1', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			client.on('data', (chunk: Buffer) => tunnel.bytes.push(chunk));
			client.pipe(upstream).pipe(client);
		});
		sockets.add(upstream);
		upstream.on('error', () => client.destroy());
	});
	await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
	t.after(async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise(resolve => proxy.close(resolve));
	});
	return {port: (proxy.address() as net.AddressInfo).port, tunnels};
}

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

describe('through an HTTP proxy', {timeout: 30_000}, () => {
	test('the tunnel is asked for the API host, and the certificate is still checked inside it', async t => {
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port);
		const url = new URL(`https://api.qovery.test:${api.port}/organization`);
		await assert.rejects(httpFetch(url, {proxy: proxyFor(url, {HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`})}), (error: Error & {code?: string}) => {
			assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
			return true;
		});
		assert.deepEqual(proxy.tunnels.map(tunnel => tunnel.target), [`api.qovery.test:${api.port}`]);
		assert.equal(api.requests(), 0);
	});

	test('a proxy asking for credentials (407) is a proxy failure that says how to give them', async t => {
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port, 407);
		const apiUrl = `https://api.qovery.test:${api.port}`;
		const waits: number[] = [];
		const client = createClient({apiUrl, token: 'qov_proxy_token', proxy: proxyFor(new URL(apiUrl), {HTTPS_PROXY: `127.0.0.1:${proxy.port}`}), sleep: async ms => {
			waits.push(ms);
		}});
		await assert.rejects(client.listOrganizations(), (error: unknown) => {
			assert.ok(error instanceof ApiError);
			assert.equal(error.kind, 'proxy');
			assert.match(error.detail, new RegExp(`the proxy 127\\.0\\.0\\.1:${proxy.port} \\(HTTPS_PROXY\\) refused the tunnel to api\\.qovery\\.test:${api.port} \\(HTTP 407\\): it asks for credentials`));
			assert.match(error.hint, /HTTPS_PROXY/);
			return true;
		});
		assert.equal(api.requests(), 0);
		assert.deepEqual(waits, [], 'a proxy that said no is not asked again');
	});

	test('credentials the proxy refuses are said to be refused, not missing', async t => {
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port, 407);
		const url = new URL(`https://api.qovery.test:${api.port}/organization`);
		await assert.rejects(httpFetch(url, {proxy: proxyFor(url, {HTTPS_PROXY: `http://ops:wrong@127.0.0.1:${proxy.port}`})}), (error: Error & {code?: string}) => {
			assert.equal(error.code, 'ERR_PROXY_REFUSED');
			assert.match(error.message, /\(HTTP 407\): it refused the credentials given in the proxy URL$/);
			assert.doesNotMatch(error.message, /wrong/);
			return true;
		});
	});

	test('a proxy that is not there is named as such', async t => {
		const api = await httpsFake(t);
		const url = new URL(`https://api.qovery.test:${api.port}/organization`);
		const port = await closedPort();
		await assert.rejects(httpFetch(url, {proxy: proxyFor(url, {https_proxy: `http://127.0.0.1:${port}`})}), (error: Error & {code?: string}) => {
			assert.equal(error.code, 'ERR_PROXY');
			assert.match(error.message, new RegExp(`the proxy 127\\.0\\.0\\.1:${port} \\(https_proxy\\) could not be reached \\(ECONNREFUSED\\)`));
			return true;
		});
	});

	test('the built CLI goes through HTTPS_PROXY with its credentials; the proxy sees only the host and encrypted bytes', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port);
		const token = 'qov_secret_through_proxy_7731';
		const result = await runPiped({
			apiUrl: `https://api.qovery.test:${api.port}`,
			token,
			args: ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json', '--debug'],
			env: {HTTPS_PROXY: `http://ops%40corp:s3cret@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: testCertificate},
		});
		assert.equal(result.code, 0, result.stderr);
		assert.equal((JSON.parse(result.stdout) as {connection: {connection_name: string}}).connection.connection_name, 'acme-okta');
		assert.ok(proxy.tunnels.length >= 2, `one tunnel a request (${proxy.tunnels.length})`);
		for (const tunnel of proxy.tunnels) {
			assert.equal(tunnel.target, `api.qovery.test:${api.port}`);
			assert.equal(tunnel.authorization, `Basic ${Buffer.from('ops@corp:s3cret').toString('base64')}`);
			assert.ok(!Buffer.concat(tunnel.bytes).includes(token), 'the token crosses the proxy encrypted');
		}

		assert.deepEqual([...new Set(api.schemes())], ['Token'], 'the API got the token');
		assert.match(result.stderr, new RegExp(`via proxy 127\\.0\\.0\\.1:${proxy.port}`));
		assert.doesNotMatch(result.stderr + result.stdout, /s3cret|ops@corp|ops%40corp/, 'the proxy credentials are never shown');
	});

	test('this machine is reached directly even with HTTPS_PROXY set; an unusable HTTPS_PROXY is refused before any request', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port);
		const args = ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json'];
		const direct = await runPiped({apiUrl: api.url.replace('127.0.0.1', 'localhost'), args, env: {HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: testCertificate}});
		assert.equal(direct.code, 0, direct.stderr);
		assert.equal(proxy.tunnels.length, 0, 'this machine is never proxied');

		const reached = api.requests();
		const refused = await runPiped({apiUrl: `https://api.qovery.test:${api.port}`, args, env: {HTTPS_PROXY: 'socks5://127.0.0.1:1080'}});
		assert.equal(refused.code, 2);
		assert.match(refused.stderr, /HTTPS_PROXY uses socks5:\/\/; only http:\/\/ proxies are supported/);
		assert.equal(api.requests(), reached, 'nothing was sent with the unusable setting');
	});

	test('a trusted certificate for another host name is a name mismatch, not an untrust', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t);
		const proxy = await connectProxy(t, api.port);
		const result = await runPiped({
			apiUrl: `https://other.qovery.test:${api.port}`,
			args: ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json'],
			env: {HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: testCertificate},
		});
		assert.equal(result.code, 1);
		assert.match(result.stderr, /certificate is for another host name \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
		assert.doesNotMatch(result.stderr, /NODE_EXTRA_CA_CERTS|Retrying/);
		assert.equal(api.requests(), 0);
	});
});
