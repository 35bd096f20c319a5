/**
 * The Qovery API is HTTPS. Here a TLS front on 127.0.0.1, with the test
 * certificate of test/fixtures/tls, passes the bytes to the fake API: the
 * transport must refuse a certificate it cannot trust, say what to do, and
 * work once the certificate is trusted the way Node trusts a private CA.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import {describe, test, type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {httpFetch} from '../../source/api/http-transport.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {startFakeApi} from '../../source/fake/server.js';
import {cleanupTemporary, runPiped} from '../helpers/pty.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls');
const certificate = path.join(fixtures, 'cert.pem');

/** The fake API behind a TLS front; the URL is https://127.0.0.1:port. */
async function httpsFake(t: TestContext): Promise<{url: string; requests: () => number}> {
	const fake = await startFakeApi({state: demoState()});
	const backend = new URL(fake.url);
	const sockets = new Set<net.Socket>();
	const front = tls.createServer({key: fs.readFileSync(path.join(fixtures, 'key.pem')), cert: fs.readFileSync(certificate)}, client => {
		const upstream = net.connect(Number(backend.port), '127.0.0.1');
		sockets.add(client).add(upstream);
		client.pipe(upstream).pipe(client);
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	front.on('tlsClientError', () => {});
	await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve));
	t.after(async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise(resolve => front.close(resolve));
		await fake.close();
	});
	return {url: `https://127.0.0.1:${(front.address() as net.AddressInfo).port}`, requests: () => fake.requests.length};
}

describe('HTTPS', {timeout: 30_000}, () => {
	test('an untrusted certificate is refused before anything is sent', async t => {
		const api = await httpsFake(t);
		await assert.rejects(httpFetch(`${api.url}/organization`), (error: Error & {code?: string}) => {
			assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
			return true;
		});
		assert.equal(api.requests(), 0);
	});

	test('the client says the certificate was not trusted and how to trust a private CA, and does not retry', async t => {
		const api = await httpsFake(t);
		const waits: number[] = [];
		const client = createClient({apiUrl: api.url, token: 'qov_tls_token', timeoutMs: 5000, sleep: async ms => {
			waits.push(ms);
		}});
		await assert.rejects(client.listOrganizations(), (error: unknown) => {
			assert.ok(error instanceof ApiError);
			assert.equal(error.kind, 'certificate');
			assert.match(error.detail, /TLS certificate was not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
			assert.match(error.hint, /NODE_EXTRA_CA_CERTS/);
			return true;
		});
		assert.deepEqual(waits, [], 'a refused certificate is not tried again');
	});

	test('the built CLI reads through HTTPS once NODE_EXTRA_CA_CERTS trusts the certificate, and refuses without it', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t);
		const args = ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json'];
		const trusted = await runPiped({apiUrl: api.url, args, env: {NODE_EXTRA_CA_CERTS: certificate}});
		assert.equal(trusted.code, 0, trusted.stderr);
		assert.equal((JSON.parse(trusted.stdout) as {connection: {connection_name: string}}).connection.connection_name, 'acme-okta');

		const untrusted = await runPiped({apiUrl: api.url, args});
		assert.equal(untrusted.code, 1);
		assert.match(untrusted.stderr, /TLS certificate was not trusted/);
		assert.match(untrusted.stderr, /NODE_EXTRA_CA_CERTS/);
	});
});
