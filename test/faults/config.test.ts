/**
 * The settings file as the built CLI meets it: C07 (a config.json cut off,
 * empty, or of the wrong shape: a clear message with its path, the file kept
 * aside, a fresh login offered, logout still working, no prompt without a
 * terminal) and C08 (0600 file in a 0700 directory whatever the umask and
 * whatever was there before; the token never shown in full).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {startFakeApi, type FakeApi} from '../../source/fake/server.js';
import {cleanupTemporary, killAll, stackTrace, temporaryDirectory} from '../helpers/pty.js';
import {exampleState, OutputLog, runCommand, startWizard} from '../helpers/fault-states.js';
import {keys, terminalRestored} from '../helpers/wizard-driver.js';

const log = new OutputLog();
after(() => {
	killAll();
	cleanupTemporary();
});

/** C07 and C08's token. */
const placeholder = 'qov_t_PLACEHOLDER';

async function fakeFor(t: TestContext): Promise<FakeApi> {
	const fake = await startFakeApi({state: exampleState(), acceptedTokens: [placeholder]});
	t.after(async () => fake.close());
	return fake;
}

const corruptFiles = [
	{name: 'cut off mid-write', text: `{"auth":{"type":"token","value":"${placeholder}"},"lastOrg":"00000000-0000-4000-8000-00000000000`, says: /The stored settings in (\S+) can't be read: it is not valid JSON \(error at [^)]+\); it may have been cut off or edited by hand\./},
	{name: 'empty (0 bytes)', text: '', says: /The stored settings in (\S+) can't be read: the file is empty\./},
	{name: 'valid JSON of the wrong shape {"auth": "oops"}', text: '{"auth": "oops"}', says: /Some stored settings in (\S+) have the wrong shape and were ignored: unknown setting "auth"\./},
];

function configWith(text: string): {directory: string; file: string} {
	const directory = temporaryDirectory('qovery-sso-faults-config-');
	const file = path.join(directory, 'config.json');
	fs.writeFileSync(file, text, {mode: 0o644});
	return {directory, file};
}

/** The copy moved aside: one file, the original bytes, 0600. */
function assertKeptAside(directory: string, original: string, output: string): string {
	const copies = fs.readdirSync(directory).filter(name => name.startsWith('config.json.corrupt-'));
	assert.equal(copies.length, 1, fs.readdirSync(directory).join(', '));
	const copy = path.join(directory, copies[0]!);
	assert.equal(fs.readFileSync(copy, 'utf8'), original, 'kept byte for byte');
	assert.equal(fs.statSync(copy).mode & 0o777, 0o600, 'the copy may hold a token: private');
	assert.ok(output.replaceAll(/\r?\n/g, '').includes(`The original file was kept as ${copy}`), output);
	return copy;
}

function assertNoCrash(output: string): void {
	assert.doesNotMatch(output, stackTrace);
	assert.doesNotMatch(output, /TypeError|SyntaxError|unexpected error/);
}

function mode(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

describe('C07: a corrupt config.json', {concurrency: 3, timeout: 120_000}, () => {
	for (const corrupt of corruptFiles) {
		test(`${corrupt.name}: the wizard says so with the path, keeps the file aside and offers a fresh login that works`, async t => {
			const fake = await fakeFor(t);
			const {directory, file} = configWith(corrupt.text);
			// The login it offers is saved under umask 000 too, and still private.
			const session = startWizard(log, t.name, {
				token: null,
				apiUrl: fake.url,
				configDir: directory,
				columns: 220,
				shell: `umask 000; exec "$NODE" "$CLI" --api-url '${fake.url}'`,
			});
			t.after(() => session.kill());
			await session.waitFor(/Qovery API token:/);
			const shown = session.plain();
			const said = corrupt.says.exec(shown);
			assert.ok(said, shown);
			assert.equal(said[1], file);
			assert.match(shown, /Log in again with `qovery-sso login` if no valid login is left\./);
			assert.match(shown, new RegExp(`No token found for ${fake.url.replaceAll('.', '\\.')} \\(profile "default"\\)\\.`));
			assertKeptAside(directory, corrupt.text, shown);
			assert.equal(fake.requests.length, 0, 'nothing is asked of the API before a token is given');

			session.write(`${placeholder}\r`);
			await session.waitForOutput(/Token \*{4}LDER accepted; 1 organization\(s\) visible\./);
			await session.waitForOutput(/Save it in profile "default"\?/);
			session.write('y\r');
			await session.waitFor(/Step 3 of 6: Default role[\s\S]*Ctrl\+C quit/);
			session.write(keys.ctrlC);
			assert.equal((await session.waitForExit()).exitCode, 130);
			const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {profiles: Record<string, {token: string}>};
			assert.equal(saved.profiles.default!.token, placeholder);
			assert.equal(mode(file), 0o600);
			assert.equal(mode(directory), 0o700);
			assertNoCrash(session.plain());
			assert.ok(!session.plain().includes(placeholder), 'the token is never shown, not even from the old file');
			assert.deepEqual(terminalRestored(session.raw), {cursorShown: true, pasteOff: true});
		});

		test(`${corrupt.name}: logout works with it in place and says where it went`, async t => {
			const {directory, file} = configWith(corrupt.text);
			const result = await runCommand(log, t.name, {token: null, configDir: directory, args: ['logout']});
			assert.equal(result.code, 0, result.stderr);
			assert.ok(corrupt.says.exec(result.stderr)?.[1] === file, result.stderr);
			assertKeptAside(directory, corrupt.text, result.stderr);
			assert.match(result.stderr, /Profile "default" has no stored login/);
			assertNoCrash(result.stderr);
			assert.ok(!result.stderr.includes(placeholder));
		});

		test(`${corrupt.name}: show with no terminal says so, exits 2, asks nothing`, async t => {
			const fake = await fakeFor(t);
			const {directory, file} = configWith(corrupt.text);
			const result = await runCommand(log, t.name, {token: null, apiUrl: fake.url, configDir: directory, args: ['show', '--api-url', fake.url]});
			assert.equal(result.code, 2, result.stderr);
			assert.equal(corrupt.says.exec(result.stderr)?.[1], file, result.stderr);
			assert.match(result.stderr, /no API token for/);
			assert.doesNotMatch(result.stderr, /Qovery API token:/);
			assertKeptAside(directory, corrupt.text, result.stderr);
			assertNoCrash(result.stderr);
			assert.equal(fake.requests.length, 0);
		});

		test(`${corrupt.name}: the wizard with stdin not a terminal gives the same message, a non-zero exit and no prompt`, async t => {
			const fake = await fakeFor(t);
			const {directory, file} = configWith(corrupt.text);
			const result = await runCommand(log, t.name, {token: null, apiUrl: fake.url, configDir: directory, args: ['--api-url', fake.url]});
			assert.notEqual(result.code, 0);
			assert.doesNotMatch(result.stderr, /Qovery API token:/);
			assertNoCrash(result.stderr);
			assert.equal(corrupt.says.exec(result.stderr)?.[1], file, result.stderr);
		});
	}
});

describe('C08: the settings file is private whatever the umask', {concurrency: 3, timeout: 60_000}, () => {
	for (const umask of ['022', '000']) {
		test(`umask ${umask}: login --with-token creates a 0600 file in a new 0700 directory; the token only masked`, async t => {
			const fake = await fakeFor(t);
			const directory = path.join(temporaryDirectory('qovery-sso-faults-c08-'), 'nested', 'qovery-sso');
			const result = await runCommand(log, t.name, {token: null, configDir: directory, prelude: `umask ${umask}`, stdin: `${placeholder}\n`, args: ['login', '--with-token', '--api-url', fake.url]});
			assert.equal(result.code, 0, result.stderr);
			assert.match(result.stdout, /Logged in to .* as profile "default" \(token \*{4}LDER\); 1 organization\(s\) visible\./);
			assert.equal(mode(path.join(directory, 'config.json')), 0o600);
			assert.equal(mode(directory), 0o700);
			for (const output of [result.stdout, result.stderr]) {
				assert.ok(!output.includes(placeholder) && !output.includes(placeholder.slice(-8)), output);
			}
		});
	}

	test('a 0644 file in a 0755 directory left by an older version is tightened by the next login (umask 000)', async t => {
		const fake = await fakeFor(t);
		const directory = temporaryDirectory('qovery-sso-faults-c08-');
		const file = path.join(directory, 'config.json');
		fs.writeFileSync(file, `${JSON.stringify({profiles: {old: {token: 'qov_t_OLDER_TOKEN'}}})}\n`);
		fs.chmodSync(file, 0o644);
		fs.chmodSync(directory, 0o755);
		const result = await runCommand(log, t.name, {token: null, configDir: directory, prelude: 'umask 000', stdin: `${placeholder}\n`, args: ['login', '--with-token', '--api-url', fake.url]});
		assert.equal(result.code, 0, result.stderr);
		assert.equal(mode(file), 0o600);
		assert.equal(mode(directory), 0o700);
		const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {profiles: Record<string, {token: string}>};
		assert.deepEqual(Object.keys(saved.profiles).sort(), ['default', 'old'], 'the other profile is kept');
	});

	test('a 0666 file is tightened even by a command that only reads it', async t => {
		const fake = await fakeFor(t);
		const directory = temporaryDirectory('qovery-sso-faults-c08-');
		const file = path.join(directory, 'config.json');
		fs.writeFileSync(file, `${JSON.stringify({profiles: {default: {token: placeholder, apiUrl: fake.url}}})}\n`);
		fs.chmodSync(file, 0o666);
		fs.chmodSync(directory, 0o777);
		const result = await runCommand(log, t.name, {token: null, configDir: directory, args: ['logout', '--profile', 'nobody']});
		assert.equal(result.code, 0, result.stderr);
		assert.equal(mode(file), 0o600);
		assert.equal(mode(directory), 0o700);
	});

	test('the default place (no QOVERY_SSO_CONFIG_DIR) is private too, and the stored token works with --debug without being shown', async t => {
		const fake = await fakeFor(t);
		const login = await runCommand(log, t.name, {token: null, prelude: 'umask 000', stdin: `${placeholder}\n`, args: ['login', '--with-token', '--api-url', fake.url], env: {QOVERY_SSO_CONFIG_DIR: undefined}});
		assert.equal(login.code, 0, login.stderr);
		const directory = path.join(login.home, '.config', 'qovery-sso-nodejs');
		assert.equal(mode(directory), 0o700);
		assert.equal(mode(path.join(directory, 'config.json')), 0o600);
		assert.equal(fs.existsSync(login.configDir) && fs.readdirSync(login.configDir).length > 0, false, 'nothing written to the unused override directory');

		const show = await runCommand(log, t.name, {token: null, env: {HOME: login.home, XDG_CONFIG_HOME: path.join(login.home, '.config'), QOVERY_SSO_CONFIG_DIR: undefined}, args: ['show', '--debug', '--api-url', fake.url]});
		assert.equal(show.code, 0, show.stderr);
		assert.match(show.stderr, /\[authorization: Token \*{4}LDER\]/);
		for (const output of [login.stdout, login.stderr, show.stdout, show.stderr]) {
			assert.ok(!output.includes(placeholder) && !output.includes(placeholder.slice(-8)), output);
		}
	});
});

test('no output of this file holds the fault token or the C07/C08 token in full', async () => {
	killAll();
	await log.settled();
	log.assertNoToken();
	log.assertNoToken(placeholder);
});
