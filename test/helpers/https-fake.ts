/**
 * The fake API behind a TLS front on 127.0.0.1, with the test certificate of
 * test/fixtures/tls (127.0.0.1, localhost, api.qovery.test).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type {TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {demoState} from '../../source/fake/demo-data.js';
import {startFakeApi} from '../../source/fake/server.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls');
export const testCertificate = path.join(fixtures, 'cert.pem');

/** The URL is https://127.0.0.1:port; `port` is the TLS front's. `requestCert` demands a client certificate. */
export async function httpsFake(t: TestContext, options: {requestCert?: boolean} = {}): Promise<{url: string; port: number; requests: () => number; schemes: () => Array<string | undefined>}> {
	const fake = await startFakeApi({state: demoState()});
	const backend = new URL(fake.url);
	const sockets = new Set<net.Socket>();
	const front = tls.createServer({key: fs.readFileSync(path.join(fixtures, 'key.pem')), cert: fs.readFileSync(testCertificate), requestCert: options.requestCert ?? false, rejectUnauthorized: options.requestCert ?? false}, client => {
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
	const port = (front.address() as net.AddressInfo).port;
	return {url: `https://127.0.0.1:${port}`, port, requests: () => fake.requests.length, schemes: () => fake.requests.map(request => request.scheme)};
}
