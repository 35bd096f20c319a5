/**
 * The Qovery API is HTTPS. Here a TLS front on 127.0.0.1, with the test
 * certificate of test/fixtures/tls, passes the bytes to the fake API: the
 * transport must refuse a certificate it cannot trust, say what to do, and
 * work once the certificate is trusted the way Node trusts a private CA.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {httpFetch} from '../../source/api/http-transport.js';
import {demoIds} from '../../source/fake/demo-data.js';
import {httpsFake, testCertificate as certificate} from '../helpers/https-fake.js';
import {cleanupTemporary, runPiped} from '../helpers/pty.js';

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

	test('NODE_TLS_REJECT_UNAUTHORIZED=0 does not switch the check off: the token never goes to an untrusted server', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t);
		const result = await runPiped({apiUrl: api.url, args: ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json'], env: {NODE_TLS_REJECT_UNAUTHORIZED: '0'}});
		assert.equal(result.code, 1);
		assert.match(result.stderr, /TLS certificate was not trusted/);
		assert.equal(api.requests(), 0);
	});

	test('a server that asks for a client certificate is said to, not reported as an untrusted certificate', async t => {
		t.after(() => cleanupTemporary());
		const api = await httpsFake(t, {requestCert: true});
		const result = await runPiped({apiUrl: api.url, args: ['show', '--org', demoIds.acme.organization, '--connection', 'acme-okta', '--json'], env: {NODE_EXTRA_CA_CERTS: certificate}});
		assert.equal(result.code, 1);
		assert.match(result.stderr, /asks for a client certificate/);
		assert.doesNotMatch(result.stderr, /not trusted|NODE_EXTRA_CA_CERTS|Retrying/);
	});
});
