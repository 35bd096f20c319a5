import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough, Readable, Writable} from 'node:stream';
import type {QoveryApi} from '../../source/api/client.js';
import {errorForStatus} from '../../source/api/errors.js';
import {runLogin, type LoginOptions} from '../../source/commands/login.js';
import {runLogout} from '../../source/commands/logout.js';
import {openSettings} from '../../source/store/settings.js';

const temporaryRoots: string[] = [];
after(() => {
	for (const root of temporaryRoots) {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

function temporaryDirectory(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-login-'));
	temporaryRoots.push(root);
	return root;
}

const token = 'qov_t_PLACEHOLDER';
const apiUrl = 'http://127.0.0.1:9';
const organization = {id: '00000000-0000-4000-8000-000000000001', name: 'Example Org'};

class Capture extends Writable {
	text = '';

	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
		this.text += chunk.toString();
		done();
	}
}

/** Answers listOrganizations as told and records the tokens it was built with. */
function fakeApi(answer: () => Promise<unknown[]>): {createApi: (value: string) => QoveryApi; seen: string[]} {
	const seen: string[] = [];
	const unused = async () => {
		throw new Error('not used by login');
	};
	return {
		seen,
		createApi(value) {
			seen.push(value);
			return {
				listOrganizations: answer as QoveryApi['listOrganizations'],
				listConnections: unused,
				getConnection: unused,
				listAvailableRoles: unused,
				putConnection: unused,
			};
		},
	};
}

function setup(overrides: Partial<LoginOptions> = {}) {
	const directory = temporaryDirectory();
	const env: NodeJS.ProcessEnv = {QOVERY_SSO_CONFIG_DIR: directory};
	const stdout = new Capture();
	const stderr = new Capture();
	const fake = fakeApi(async () => [organization, {...organization, id: 'other'}]);
	const options: LoginOptions = {
		profile: 'default',
		apiUrl,
		withToken: true,
		stdin: Readable.from([`${token}\n`]),
		stdout,
		stderr,
		env,
		createApi: fake.createApi,
		...overrides,
	};
	return {directory, env, stdout, stderr, options, seen: fake.seen, file: path.join(directory, 'config.json')};
}

function assertNoToken(...streams: Capture[]): void {
	for (const stream of streams) {
		assert.ok(!stream.text.includes(token), `token leaked: ${stream.text}`);
	}
}

test('--with-token checks the token, stores it with the API URL and prints a masked summary', async () => {
	const {options, env, stdout, stderr, seen, file} = setup();
	assert.equal(await runLogin(options), 0);
	assert.deepEqual(seen, [token]);
	assert.equal(stdout.text, `Logged in to ${apiUrl} as profile "default" (token ****LDER); 2 organization(s) visible.\n`);
	assert.equal(stderr.text, '');
	assert.deepEqual(openSettings(env).getProfile('default'), {token, apiUrl});
	assert.equal(fs.statSync(file).mode & 0o777, 0o600);
	assertNoToken(stdout, stderr);
});

test('a token split over chunks without a final newline is read whole', async () => {
	const {options, env} = setup({stdin: Readable.from([Buffer.from('qov_t_PLACE'), 'HOLDER'])});
	assert.equal(await runLogin(options), 0);
	assert.equal(openSettings(env).getProfile('default')?.token, token);
});

test('a rejected token (401) is reported as rejected and nothing is stored', async () => {
	const rejecting = fakeApi(async () => {
		// A server that echoes the token back must not get it printed.
		throw errorForStatus('listing organizations', 401, {message: `bad credentials ${token}`}, {});
	});
	const {options, env, stdout, stderr, file} = setup({createApi: rejecting.createApi});
	assert.equal(await runLogin(options), 1);
	assert.match(stderr.text, /token was rejected/);
	assert.match(stderr.text, /Nothing was stored/);
	assert.equal(stdout.text, '');
	assertNoToken(stdout, stderr);
	assert.equal(fs.existsSync(file), false);
	assert.equal(openSettings(env).getProfile('default'), undefined);
});

test('another API failure gives its message and hint, exit 1, and keeps an earlier login', async () => {
	const first = setup();
	assert.equal(await runLogin(first.options), 0);

	const failing = fakeApi(async () => {
		throw errorForStatus('listing organizations', 503, '', {});
	});
	const stderr = new Capture();
	const second = setup({...first.options, stdin: Readable.from(['qov_t_OTHER_TOKEN']), createApi: failing.createApi, stdout: new Capture(), stderr});
	assert.equal(await runLogin(second.options), 1);
	assert.match(stderr.text, /HTTP 503/);
	assert.match(stderr.text, /try again/);
	assert.ok(!stderr.text.includes('qov_t_OTHER_TOKEN'));
	assert.deepEqual(openSettings(first.env).getProfile('default'), {token, apiUrl});
});

test('an error that is not an API error is rethrown, not reported as cancelled', async () => {
	const broken = fakeApi(async () => {
		throw new TypeError('a bug');
	});
	const {options, stderr, env} = setup({createApi: broken.createApi});
	await assert.rejects(runLogin(options), TypeError);
	assert.ok(!stderr.text.includes('Cancelled'));
	assert.equal(openSettings(env).getProfile('default'), undefined);
});

test('empty stdin with --with-token exits 2 without calling the API', async () => {
	for (const input of [[], ['  \n']]) {
		const {options, stderr, seen} = setup({stdin: Readable.from(input)});
		assert.equal(await runLogin(options), 2);
		assert.match(stderr.text, /No token on standard input/);
		assert.deepEqual(seen, []);
	}
});

test('several lines on stdin are refused without being echoed', async () => {
	const {options, stderr, seen} = setup({stdin: Readable.from([`${token}\nsecond line\n`])});
	assert.equal(await runLogin(options), 2);
	assert.deepEqual(seen, []);
	assertNoToken(stderr);
});

test('without --with-token and without a terminal: one line, exit 2, no prompt', async () => {
	const {options, stdout, stderr, seen} = setup({withToken: false});
	assert.equal(await runLogin(options), 2);
	assert.equal(stderr.text.trim().split('\n').length, 1);
	assert.match(stderr.text, /terminal.*--with-token/);
	assert.equal(stdout.text, '');
	assert.deepEqual(seen, []);
});

test('plain http to a remote host is refused before the token is read', async () => {
	const stdin = new PassThrough();
	const {options, stderr, seen} = setup({apiUrl: 'http://api.example.com', stdin});
	assert.equal(await runLogin(options), 2);
	assert.match(stderr.text, /unencrypted/);
	assert.deepEqual(seen, []);
	assert.equal(stdin.readableLength, 0);
});

test('profiles are stored separately', async () => {
	const first = setup({profile: 'work'});
	assert.equal(await runLogin(first.options), 0);
	const second = setup({...first.options, profile: 'home', apiUrl: 'https://api.example.com', stdin: Readable.from(['qov_t_HOME_TOKEN'])});
	assert.equal(await runLogin(second.options), 0);
	const store = openSettings(first.env);
	assert.deepEqual(store.profileNames(), ['home', 'work']);
	assert.deepEqual(store.getProfile('work'), {token, apiUrl});
	assert.deepEqual(store.getProfile('home'), {token: 'qov_t_HOME_TOKEN', apiUrl: 'https://api.example.com'});
});

test('a corrupt config file is reported and moved aside, and the login still succeeds', async () => {
	const {options, env, stderr, directory, file} = setup();
	const content = `{"auth":{"type":"token","value":"${token}"},"lastOrg":"00000000-0000-4000-8000-00000000000`;
	fs.writeFileSync(file, content);
	assert.equal(await runLogin(options), 0);
	assert.ok(stderr.text.includes(file));
	assertNoToken(stderr);
	const copies = fs.readdirSync(directory).filter(name => name.startsWith('config.json.corrupt-'));
	assert.equal(copies.length, 1);
	assert.equal(fs.readFileSync(path.join(directory, copies[0]!), 'utf8'), content);
	assert.equal(openSettings(env).getProfile('default')?.token, token);
});

/** A stand-in terminal: inquirer only needs a readable stream flagged as a TTY. */
function fakeTerminal(): PassThrough & {isTTY: boolean; setRawMode: (mode: boolean) => void} {
	return Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => {}});
}

test('the prompt masks the token and the answer is stored', async () => {
	const stdin = fakeTerminal();
	const {options, stdout, stderr, env} = setup({withToken: false, stdin});
	const running = runLogin(options);
	setImmediate(() => stdin.write(`${token}\r`));
	assert.equal(await running, 0);
	assert.match(stdout.text, /\*{5,}/);
	assert.match(stdout.text, /Logged in to/);
	assertNoToken(stdout, stderr);
	assert.equal(openSettings(env).getProfile('default')?.token, token);
});

test('Ctrl+C at the prompt: one line, exit 130, nothing stored, no API call', async () => {
	const stdin = fakeTerminal();
	const {options, stdout, stderr, seen, file} = setup({withToken: false, stdin});
	const running = runLogin(options);
	setImmediate(() => stdin.write('qov_t\x03'));
	assert.equal(await running, 130);
	assert.equal(stderr.text, 'Cancelled, nothing was changed.\n');
	assert.ok(!stdout.text.includes('ExitPromptError'));
	assert.deepEqual(seen, []);
	assert.equal(fs.existsSync(file), false);
});

test('logout removes the token and says so; a second logout finds nothing', async () => {
	const {options, env, file} = setup();
	assert.equal(await runLogin(options), 0);

	const stderr = new Capture();
	assert.equal(await runLogout({profile: 'default', stderr, env}), 0);
	assert.match(stderr.text, /Removed the token of profile "default" \(\*\*\*\*LDER\)/);
	assert.ok(stderr.text.includes(file));
	assertNoToken(stderr);
	assert.equal(openSettings(env).getProfile('default'), undefined);
	assert.equal(fs.statSync(file).mode & 0o777, 0o600);

	const again = new Capture();
	assert.equal(await runLogout({profile: 'default', stderr: again, env}), 0);
	assert.match(again.text, /nothing to remove/);
});

test('logout only touches its own profile and mentions a token still set in the environment', async () => {
	const first = setup({profile: 'work'});
	assert.equal(await runLogin(first.options), 0);
	const second = setup({...first.options, profile: 'home', stdin: Readable.from(['qov_t_HOME_TOKEN'])});
	assert.equal(await runLogin(second.options), 0);

	const stderr = new Capture();
	assert.equal(await runLogout({profile: 'work', stderr, env: {...first.env, QOVERY_API_TOKEN: 'from-env'}}), 0);
	assert.match(stderr.text, /QOVERY_API_TOKEN is still set/);
	assert.ok(!stderr.text.includes('from-env'));
	assert.deepEqual(openSettings(first.env).profileNames(), ['home']);
});

for (const [name, content] of [['cut off', '{"profiles":{"default":{"token":"qov_t_PLACEHOLDER"'], ['empty', ''], ['wrong shape', '{"auth": "oops"}']] as const) {
	test(`logout works with a ${name} config file in place and says where it went`, async () => {
		const {env, file, directory} = setup();
		fs.writeFileSync(file, content);
		const stderr = new Capture();
		assert.equal(await runLogout({profile: 'default', stderr, env}), 0);
		assert.ok(stderr.text.includes(file));
		assert.match(stderr.text, /kept as .*config\.json\.corrupt-/);
		assert.match(stderr.text, /nothing to remove/);
		assertNoToken(stderr);
		const copies = fs.readdirSync(directory).filter(entry => entry.startsWith('config.json.corrupt-'));
		assert.equal(fs.readFileSync(path.join(directory, copies[0]!), 'utf8'), content);
	});
}
