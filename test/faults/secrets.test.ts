/**
 * The token stays secret whatever goes wrong: never in argv, output, error
 * messages, stack traces or debug logs; plain http:// is refused before a
 * single byte leaves for a host other than this machine. Every output of the
 * file is grepped for the token by the last test.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {startFakeApi, type FakeApi, type FaultRule} from '../../source/fake/server.js';
import {cleanupTemporary, killAll, stackTrace} from '../helpers/pty.js';
import {commandLineOf, examplePaths, exampleState, faultToken, faultTokenMask, OutputLog, probeAttempts, runCommand, startWizard, temporaryFile, writeProbe} from '../helpers/fault-states.js';

const log = new OutputLog();
after(() => {
	killAll();
	cleanupTemporary();
});

const target = ['--org', 'Example Org', '--connection', 'example-saml'];

async function fakeWith(t: TestContext, rules: FaultRule[] = []): Promise<FakeApi> {
	const fake = await startFakeApi({state: exampleState()});
	t.after(async () => fake.close());
	for (const rule of rules) {
		fake.inject(rule);
	}

	return fake;
}

describe('argv, debug logs and crashes', {concurrency: 4, timeout: 60_000}, () => {
	test('the running process never has the token on its command line', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'hang'}}]);
		let argv: string | undefined;
		const result = await runCommand(log, t.name, {
			apiUrl: fake.url,
			args: ['show', ...target, '--api-url', fake.url, '--timeout', '2'],
			onStart(child) {
				setTimeout(() => {
					argv = commandLineOf(child.pid!);
				}, 700);
			},
		});
		assert.equal(result.code, 0, result.stderr);
		assert.ok(argv?.includes('show'), `read the command line: ${argv}`);
		assert.ok(!argv!.includes(faultToken) && !argv!.includes(faultToken.slice(-8)));
	});

	test('no flag takes a token: --token is refused without repeating its value', async t => {
		const result = await runCommand(log, t.name, {token: null, args: ['show', `--token=${faultToken}`]});
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Unknown option '--token'/);
	});

	test('a token pasted as an argument is refused without being echoed', async t => {
		const local = new OutputLog();
		for (const args of [[faultToken], ['login', faultToken]]) {
			const result = await runCommand(local, t.name, {token: null, args});
			assert.equal(result.code, 2);
		}

		local.assertNoToken();
	});

	for (const [name, flag, env] of [
		['--debug', ['--debug'], {}],
		['DEBUG=qovery-sso', [], {DEBUG: 'other,qovery-sso'}],
	] as const) {
		test(`${name} logs each request with its status, timing and the authorization redacted; retries too`, async t => {
			const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 503, body: {message: `upstream rejected Token ${faultToken}`}}}]);
			const result = await runCommand(log, t.name, {apiUrl: fake.url, args: ['show', ...target, '--api-url', fake.url, ...flag], env});
			assert.equal(result.code, 0, result.stderr);
			const debug = result.stderr.split('\n').filter(line => line.startsWith('debug: '));
			assert.match(debug[0]!, /^debug: GET \/organization -> 503 \(\d+ ms\) \[authorization: Token \*{4}1234\]$/);
			assert.ok(debug.some(line => /^debug: retrying listing organizations in 500 ms \(attempt 2\)$/.test(line)), debug.join('\n'));
			for (const route of Object.values(examplePaths)) {
				assert.ok(debug.some(line => line.startsWith(`debug: GET ${route} -> 200 (`)), `${route} logged:\n${debug.join('\n')}`);
			}

			assert.ok(result.stderr.includes(faultTokenMask));
		});
	}

	test('--debug on a PUT: logged the same way, the body never', async t => {
		const fake = await fakeWith(t);
		const file = temporaryFile('change.yaml', 'default_role: devops\ngroup_mappings:\n  admin: [SSO-Admins]\n  devops: [A-Group-Only-In-The-Body]\n');
		const result = await runCommand(log, t.name, {apiUrl: fake.url, args: ['apply', '--file', file, '--yes', ...target, '--api-url', fake.url, '--debug']});
		assert.equal(result.code, 0, result.stderr);
		const debug = result.stderr.split('\n').filter(line => line.startsWith('debug: '));
		assert.ok(debug.some(line => /^debug: PUT \/organization\/.+\/enterpriseconnection\/example-saml -> 200 \(\d+ ms\) \[authorization: Token \*{4}1234\]$/.test(line)), debug.join('\n'));
		assert.ok(debug.every(line => !line.includes('A-Group-Only-In-The-Body')));
	});

	test('a JWT is logged as Bearer with only its tail', async t => {
		const jwt = [Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'), Buffer.from('{"sub":"qovery|fault"}').toString('base64url'), 'c2lnbmF0dXJlLWZhdWx0'].join('.');
		const fake = await fakeWith(t);
		const local = new OutputLog();
		const result = await runCommand(local, t.name, {token: jwt, apiUrl: fake.url, args: ['show', ...target, '--api-url', fake.url, '--debug']});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /\[authorization: Bearer \*{4}dWx0\]/);
		assert.equal(fake.requests[0]!.scheme, 'Bearer');
		local.assertNoToken(jwt);
	});

	for (const debug of [false, true]) {
		test(`an uncaught exception: one readable line${debug ? ', the stack with --debug' : ', no stack without --debug'}, exit 1, no token`, async t => {
			const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'hang'}}]);
			const probe = writeProbe();
			const result = await runCommand(log, t.name, {
				apiUrl: fake.url,
				args: ['show', ...target, '--api-url', fake.url, '--timeout', '5', ...(debug ? ['--debug'] : [])],
				env: {NODE_OPTIONS: `--import=${probe.module}`},
				onStart(child) {
					const timer = setInterval(() => {
						if (fake.requests.length > 0) {
							clearInterval(timer);
							child.kill('SIGUSR2');
						}
					}, 20);
				},
			});
			assert.equal(result.code, 1, result.stderr);
			const lines = result.stderr.split('\n').filter(line => line !== '' && !line.startsWith('debug: '));
			assert.equal(lines[0], 'qovery-sso: unexpected error: injected crash for the test');
			if (debug) {
				assert.match(result.stderr, stackTrace);
			} else {
				assert.doesNotMatch(result.stderr, stackTrace);
				assert.deepEqual(lines, ['qovery-sso: unexpected error: injected crash for the test', 'Run again with --debug for details.']);
			}
		});
	}
});

describe('plain http:// is refused before any connection, except to this machine', {concurrency: 4, timeout: 60_000}, () => {
	test('the probe sees traffic when there is some (so its silence below means something)', async t => {
		const fake = await fakeWith(t);
		const probe = writeProbe();
		const result = await runCommand(log, t.name, {apiUrl: fake.url, args: ['show', ...target, '--api-url', fake.url], env: {NODE_OPTIONS: `--import=${probe.module}`}});
		assert.equal(result.code, 0, result.stderr);
		assert.ok(probeAttempts(probe.record).some(line => line.includes('127.0.0.1')), probeAttempts(probe.record).join('\n'));
	});

	const cases: Array<{name: string; args: string[]; apiUrl?: string}> = [
		{name: 'show --api-url', args: ['show', '--api-url', 'http://example.invalid']},
		{name: 'QOVERY_API_URL for apply', args: ['apply', '--file', 'FILE', '--yes'], apiUrl: 'http://example.invalid/'},
		{name: 'login --with-token', args: ['login', '--with-token', '--api-url', 'http://example.invalid:8080']},
		{name: 'http to a name that only looks local', args: ['show', '--api-url', 'http://127.0.0.1.example.invalid']},
	];
	for (const {name, args, apiUrl} of cases) {
		test(`${name}: exit 2, says why, nothing attempted`, async t => {
			const probe = writeProbe();
			const file = temporaryFile('change.yaml', 'default_role: devops\n');
			const result = await runCommand(log, t.name, {
				apiUrl,
				args: args.map(argument => (argument === 'FILE' ? file : argument)),
				stdin: `${faultToken}\n`,
				env: {NODE_OPTIONS: `--import=${probe.module}`, PROBE_BLOCK: '1'},
			});
			assert.equal(result.code, 2, result.stderr);
			assert.match(result.stderr, /uses plain http:\/\/ to .*example\.invalid; the token would travel unencrypted, so use https:\/\//);
			assert.deepEqual(probeAttempts(probe.record), [], 'no lookup, connection or fetch');
			assert.ok(fs.existsSync(probe.pidFile), 'the probe was loaded');
			assert.doesNotMatch(result.stderr, stackTrace);
		});
	}

	test('the wizard refuses it too, before drawing anything or asking for a token', async t => {
		const probe = writeProbe();
		const session = startWizard(log, t.name, {args: ['--api-url', 'http://example.invalid'], token: null, env: {NODE_OPTIONS: `--import=${probe.module}`, PROBE_BLOCK: '1'}});
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 2, session.plain());
		assert.match(session.plain(), /uses plain http:\/\/ to example\.invalid/);
		assert.doesNotMatch(session.plain(), /Qovery API token:/);
		assert.deepEqual(probeAttempts(probe.record), []);
	});

	test('plain http to 127.0.0.1 is accepted', async t => {
		const fake = await fakeWith(t);
		const result = await runCommand(log, t.name, {apiUrl: fake.url, args: ['show', ...target, '--api-url', fake.url]});
		assert.equal(result.code, 0, result.stderr);
	});
});

describe('what is stored and recorded', {concurrency: 2}, () => {
	test('the history of an apply holds no token', async t => {
		const fake = await fakeWith(t);
		const file = temporaryFile('change.yaml', 'default_role: devops\n');
		const result = await runCommand(log, t.name, {apiUrl: fake.url, args: ['apply', '--file', file, '--yes', ...target, '--api-url', fake.url]});
		assert.equal(result.code, 0, result.stderr);
		const history = fs.readFileSync(path.join(result.configDir, 'history.json'), 'utf8');
		assert.ok(!history.includes(faultToken) && !history.includes(faultToken.slice(-8)));
		assert.equal(fs.statSync(path.join(result.configDir, 'history.json')).mode & 0o777, 0o600);
	});

	test('login: a rejected token whose rejection quotes it is shown masked', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 401, body: {message: `token ${faultToken} revoked`}}}]);
		const result = await runCommand(log, t.name, {token: null, args: ['login', '--with-token', '--api-url', fake.url], stdin: `${faultToken}\n`});
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /The token was rejected by .* \(HTTP 401\): token \*{4}1234 revoked\./);
		assert.match(result.stderr, /Nothing was stored\./);
	});
});

test('no output of this file holds the token, or more of it than the masked tail', async () => {
	killAll();
	await log.settled();
	log.assertNoToken();
});
