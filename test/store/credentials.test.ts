import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {defaultApiUrl} from '../../source/api/client.js';
import {checkApiUrl, resolveCredentials} from '../../source/store/credentials.js';
import {openSettings, type Profile} from '../../source/store/settings.js';

const temporaryRoots: string[] = [];
after(() => {
	for (const root of temporaryRoots) {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

function temporaryDirectory(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-credentials-'));
	temporaryRoots.push(root);
	return root;
}

function fakeStore(profiles: Record<string, Profile>) {
	return {getProfile: (name: string) => profiles[name]};
}

const store = fakeStore({default: {token: 'stored-token', apiUrl: 'https://profile.example.com'}, bare: {}});
const allTokens = {QOVERY_API_TOKEN: 'a-token', QOVERY_CLI_ACCESS_TOKEN: 'b-token', Q_CLI_ACCESS_TOKEN: 'c-token'};

test('the token comes from the first variable set, then the profile', () => {
	const cases: Array<[NodeJS.ProcessEnv, string | undefined, string | undefined]> = [
		[allTokens, 'a-token', 'QOVERY_API_TOKEN'],
		[{...allTokens, QOVERY_API_TOKEN: '  '}, 'b-token', 'QOVERY_CLI_ACCESS_TOKEN'],
		[{Q_CLI_ACCESS_TOKEN: 'c-token'}, 'c-token', 'Q_CLI_ACCESS_TOKEN'],
		[{}, 'stored-token', 'profile'],
	];
	for (const [env, token, source] of cases) {
		const resolved = resolveCredentials({env, profile: 'default', store});
		assert.equal(resolved.token, token);
		assert.equal(resolved.tokenSource, source);
	}
});

test('no token anywhere gives an undefined source', () => {
	for (const profile of ['bare', 'missing']) {
		const resolved = resolveCredentials({env: {}, profile, store});
		assert.equal(resolved.token, undefined);
		assert.equal(resolved.tokenSource, undefined);
	}

	assert.equal(resolveCredentials({env: {}, profile: 'default'}).tokenSource, undefined);
});

test('the API URL comes from the flag, then QOVERY_API_URL, then the profile, then the default', () => {
	const env = {QOVERY_API_URL: 'https://variable.example.com'};
	assert.deepEqual(
		pick(resolveCredentials({env, profile: 'default', apiUrlFlag: 'https://flag.example.com', store})),
		['https://flag.example.com', 'flag'],
	);
	assert.deepEqual(pick(resolveCredentials({env, profile: 'default', store})), ['https://variable.example.com', 'QOVERY_API_URL']);
	assert.deepEqual(pick(resolveCredentials({env: {QOVERY_API_URL: ''}, profile: 'default', store})), ['https://profile.example.com', 'profile']);
	assert.deepEqual(pick(resolveCredentials({env: {}, profile: 'bare', store})), [defaultApiUrl, 'default']);
	assert.deepEqual(pick(resolveCredentials({env: {}, profile: 'default'})), [defaultApiUrl, 'default']);
});

test('an empty --api-url is kept so that it is refused, not silently replaced', () => {
	const resolved = resolveCredentials({env: {}, profile: 'default', apiUrlFlag: ' ', store});
	assert.deepEqual(pick(resolved), ['', 'flag']);
	assert.ok(checkApiUrl(resolved.apiUrl));
});

test('token and URL are chosen independently', () => {
	const resolved = resolveCredentials({env: {QOVERY_API_TOKEN: 'a-token'}, profile: 'default', store});
	assert.equal(resolved.tokenSource, 'QOVERY_API_TOKEN');
	assert.equal(resolved.apiUrlSource, 'profile');
});

test('a profile saved in a real store is found', () => {
	const directory = temporaryDirectory();
	const env = {QOVERY_SSO_CONFIG_DIR: directory};
	const settings = openSettings(env);
	settings.saveProfile('work', {token: 'work-token', apiUrl: 'http://127.0.0.1:8080'});
	assert.deepEqual(resolveCredentials({env, profile: 'work', store: openSettings(env)}), {
		token: 'work-token',
		tokenSource: 'profile',
		apiUrl: 'http://127.0.0.1:8080',
		apiUrlSource: 'profile',
	});
});

test('https anywhere and plain http to this machine are accepted', () => {
	for (const url of [
		'https://api.qovery.com',
		'https://example.com:8443/prefix',
		'http://127.0.0.1:3000',
		'http://127.0.0.2',
		'http://127.255.255.254/api',
		'http://localhost:8080',
		'http://LOCALHOST',
		'http://[::1]:9000',
		'HTTP://127.0.0.1',
	]) {
		assert.equal(checkApiUrl(url), undefined, url);
	}
});

test('plain http elsewhere, other schemes and non-URLs are refused', () => {
	for (const url of [
		'http://example.com',
		'http://api.qovery.com',
		'http://128.0.0.1',
		'http://10.0.0.1',
		'http://localhost.example.com',
		'http://127.0.0.1.example.com',
		'http://[::2]',
		'ftp://127.0.0.1',
		'ftp://example.com',
		'file:///etc/passwd',
		'api.qovery.com',
		'',
		'not a url',
	]) {
		const message = checkApiUrl(url);
		assert.equal(typeof message, 'string', url);
	}

	assert.match(checkApiUrl('http://example.com') ?? '', /unencrypted/);
	assert.match(checkApiUrl('ftp://example.com') ?? '', /https/);
});

test('a URL with credentials is refused without repeating them', () => {
	const message = checkApiUrl('https://user:secret@api.qovery.com');
	assert.ok(message);
	assert.ok(!message.includes('secret'));
});

function pick(resolved: {apiUrl: string; apiUrlSource: string}): [string, string] {
	return [resolved.apiUrl, resolved.apiUrlSource];
}
