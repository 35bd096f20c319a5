/**
 * proxyFor: which proxy the environment asks for, as curl and the official
 * Qovery CLI read https_proxy / HTTPS_PROXY and no_proxy / NO_PROXY.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {ProxyConfigError, proxyFor} from '../../source/api/proxy.js';

const api = new URL('https://api.qovery.com');

describe('proxyFor', () => {
	test('no variable: a direct connection', () => {
		assert.equal(proxyFor(api, {}), undefined);
	});

	test('HTTPS_PROXY gives host, port and the variable; a port-less URL means 80', () => {
		assert.deepEqual(proxyFor(api, {HTTPS_PROXY: 'http://proxy.corp:3128'}), {address: 'proxy.corp:3128', hostname: 'proxy.corp', port: 3128, authorization: undefined, variable: 'HTTPS_PROXY'});
		assert.equal(proxyFor(api, {HTTPS_PROXY: 'http://proxy.corp'})?.port, 80);
	});

	test('the lower-case variable wins, as in curl', () => {
		assert.equal(proxyFor(api, {https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2'})?.address, 'lower:1');
	});

	test('a value without a scheme is an http proxy', () => {
		assert.equal(proxyFor(api, {HTTPS_PROXY: 'proxy.corp:8080'})?.address, 'proxy.corp:8080');
	});

	test('credentials in the URL become Proxy-Authorization, decoded, and never appear in the address', () => {
		const proxy = proxyFor(api, {HTTPS_PROXY: 'http://jo%40corp:p%3Ass@proxy.corp:3128'})!;
		assert.equal(proxy.authorization, `Basic ${Buffer.from('jo@corp:p:ss').toString('base64')}`);
		assert.equal(proxy.address, 'proxy.corp:3128');
	});

	test('an IPv6 proxy keeps its brackets in the address only', () => {
		const proxy = proxyFor(api, {HTTPS_PROXY: 'http://[fd00::1]:3128'})!;
		assert.equal(proxy.hostname, 'fd00::1');
		assert.equal(proxy.address, '[fd00::1]:3128');
	});

	test('plain http targets and this machine are never proxied', () => {
		const env = {HTTPS_PROXY: 'http://proxy.corp:3128'};
		for (const target of ['http://127.0.0.1:8080', 'https://127.0.0.1:8443', 'https://localhost', 'https://[::1]:9']) {
			assert.equal(proxyFor(new URL(target), env), undefined, target);
		}
	});

	test('NO_PROXY: exact hosts, domains with or without a dot, ports, "*" and mixed separators', () => {
		const proxied = (target: string, noProxy: string) => proxyFor(new URL(target), {HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy}) !== undefined;
		assert.equal(proxied('https://api.qovery.com', 'api.qovery.com'), false);
		assert.equal(proxied('https://api.qovery.com', 'qovery.com'), false);
		assert.equal(proxied('https://api.qovery.com', '.qovery.com'), false);
		assert.equal(proxied('https://api.qovery.com', '*.qovery.com'), false);
		assert.equal(proxied('https://api.qovery.com', 'QOVERY.COM'), false);
		assert.equal(proxied('https://api.qovery.com', 'example.org, corp.local qovery.com'), false);
		assert.equal(proxied('https://api.qovery.com', '*'), false);
		assert.equal(proxied('https://api.qovery.com', 'api.qovery.com:443'), false);
		assert.equal(proxied('https://api.qovery.com', 'api.qovery.com:8443'), true);
		assert.equal(proxied('https://api.qovery.com', 'overy.com'), true, 'a suffix that is not a whole label does not match');
		assert.equal(proxied('https://api.qovery.com', 'example.org'), true);
		assert.equal(proxied('https://api.qovery.com', ''), true);
	});

	test('no_proxy wins over NO_PROXY', () => {
		assert.equal(proxyFor(api, {HTTPS_PROXY: 'http://p:1', no_proxy: 'example.org', NO_PROXY: 'qovery.com'})?.address, 'p:1');
	});

	test('an unusable setting is an error naming the variable', () => {
		assert.throws(() => proxyFor(api, {HTTPS_PROXY: 'http://'}), (error: Error) => error instanceof ProxyConfigError && /HTTPS_PROXY is not a valid proxy URL/.test(error.message));
		assert.throws(() => proxyFor(api, {https_proxy: 'https://proxy.corp:443'}), (error: Error) => error instanceof ProxyConfigError && /https_proxy uses https:\/\/; only http:\/\/ proxies/.test(error.message));
		assert.throws(() => proxyFor(api, {HTTPS_PROXY: 'socks5://proxy.corp:1080'}), ProxyConfigError);
	});
});
