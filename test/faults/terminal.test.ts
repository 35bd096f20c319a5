/**
 * The terminal is given back as it was on every way out of the wizard:
 * normal end, Ctrl+C, SIGTERM, SIGHUP, an uncaught exception, an API
 * failure, the keep-the-change prompt. Each run is wrapped in `sh` that
 * saves `stty -a` before and after; the cursor must be visible and
 * bracketed paste off after the last change of either.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {startFakeApi, type FakeApi, type FaultRule} from '../../source/fake/server.js';
import {cleanupTemporary, killAll, type PtySession, stackTrace, temporaryDirectory} from '../helpers/pty.js';
import {examplePaths, exampleState, OutputLog, startWizard, writeProbe} from '../helpers/fault-states.js';
import {keys, terminalRestored} from '../helpers/wizard-driver.js';

const log = new OutputLog();
after(() => {
	killAll();
	cleanupTemporary();
});

async function fakeWith(t: TestContext, rules: FaultRule[] = []): Promise<FakeApi> {
	const fake = await startFakeApi({state: exampleState()});
	t.after(async () => fake.close());
	for (const rule of rules) {
		fake.inject(rule);
	}

	return fake;
}

type Wrapped = {session: PtySession; sttyBefore: () => string; sttyAfter: () => string; cliPid: () => number};

/** The wizard under `sh`, which records `stty -a` before and after and exits with the CLI's code. */
function underStty(t: TestContext, fake: FakeApi, args: string[] = [], env: Record<string, string> = {}): Wrapped {
	const directory = temporaryDirectory('qovery-sso-faults-stty-');
	const words = ['--api-url', fake.url, ...args].map(word => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
	const session = startWizard(log, t.name, {
		apiUrl: fake.url,
		env: {NO_COLOR: '1', ...env, D: directory},
		shell: `stty -a > "$D/before"; "$NODE" "$CLI" ${words}; code=$?; stty -a > "$D/after"; exit $code`,
	});
	t.after(() => session.kill());
	return {
		session,
		sttyBefore: () => fs.readFileSync(path.join(directory, 'before'), 'utf8'),
		sttyAfter: () => fs.readFileSync(path.join(directory, 'after'), 'utf8'),
		// The CLI is the shell's one child.
		cliPid: () => Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(session.pid)], {encoding: 'utf8'}).trim().split(/\s+/)[0]),
	};
}

async function assertRestored(wrapped: Wrapped, exitCode: number): Promise<string> {
	const exit = await wrapped.session.waitForExit();
	const plain = wrapped.session.plain();
	assert.equal(exit.exitCode, exitCode, plain);
	assert.equal(wrapped.sttyAfter(), wrapped.sttyBefore(), 'stty -a is the same before and after');
	assert.doesNotMatch(wrapped.sttyAfter(), /-icanon|-echo\b/, 'canonical mode and echo are on');
	assert.deepEqual(terminalRestored(wrapped.session.raw), {cursorShown: true, pasteOff: true});
	assert.equal(wrapped.session.screen.cursorVisible, true);
	assert.equal(wrapped.session.screen.bracketedPaste, false);
	return plain;
}

const screens = {
	defaultRole: /Step 3 of 6: Default role[\s\S]*❯ Viewer \(current\)[\s\S]*Ctrl\+C quit/,
	groupSync: /Step 4 of 6: Enforced group sync[\s\S]*Ctrl\+C quit/,
	mappings: /Step 5 of 6: Group mappings[\s\S]*Continue to review/,
	review: /Step 6 of 6: Review[\s\S]*Send these changes\?/,
};

/** Default role Viewer → Billing, on to the review. */
async function toReview(session: PtySession): Promise<void> {
	await session.waitFor(screens.defaultRole);
	session.write(keys.up);
	await session.waitFor(/❯ Billing/);
	session.write(keys.enter);
	await session.waitFor(screens.groupSync);
	session.write(keys.enter);
	await session.waitFor(screens.mappings);
	session.write('c');
	await session.waitFor(screens.review);
}

describe('every way out of the wizard restores the terminal', {concurrency: 3, timeout: 120_000}, () => {
	test('normal end with no change: exit 0', async t => {
		const wrapped = underStty(t, await fakeWith(t));
		await wrapped.session.waitFor(screens.defaultRole);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(screens.groupSync);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(screens.mappings);
		wrapped.session.write('c');
		await wrapped.session.waitFor(/No changes/);
		wrapped.session.write(keys.enter);
		const plain = await assertRestored(wrapped, 0);
		assert.match(plain, /No changes; nothing was sent\./);
	});

	test('normal end after a save: exit 0', async t => {
		const fake = await fakeWith(t);
		const wrapped = underStty(t, fake);
		await toReview(wrapped.session);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(/Saved\. The server now holds/);
		wrapped.session.write(keys.enter);
		const plain = await assertRestored(wrapped, 0);
		assert.match(plain, /Saved example-saml in Example Org\./);
		assert.equal(fake.puts().length, 1);
	});

	test('Ctrl+C: exit 130', async t => {
		const fake = await fakeWith(t);
		const wrapped = underStty(t, fake);
		await wrapped.session.waitFor(screens.defaultRole);
		wrapped.session.write(keys.ctrlC);
		const plain = await assertRestored(wrapped, 130);
		assert.match(plain, /Cancelled, nothing was changed\./);
		assert.equal(fake.puts().length, 0);
	});

	for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
		test(`${signal} to the process: exit ${code}, one line, nothing sent`, async t => {
			const fake = await fakeWith(t);
			const wrapped = underStty(t, fake);
			await toReview(wrapped.session);
			process.kill(wrapped.cliPid(), signal);
			const plain = await assertRestored(wrapped, code);
			assert.match(plain, new RegExp(`Stopped by ${signal}, nothing was changed\\.`));
			assert.doesNotMatch(plain, stackTrace);
			assert.equal(fake.puts().length, 0);
		});
	}

	test('SIGTERM while the PUT waits for its answer: terminal restored, and no claim that nothing changed', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'hang'}}]);
		const wrapped = underStty(t, fake);
		await toReview(wrapped.session);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(/Saving example-saml/);
		while (fake.puts().length === 0) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		process.kill(wrapped.cliPid(), 'SIGTERM');
		const exit = await wrapped.session.waitForExit();
		assert.notEqual(exit.exitCode, 0);
		assert.equal(wrapped.sttyAfter(), wrapped.sttyBefore());
		assert.deepEqual(terminalRestored(wrapped.session.raw), {cursorShown: true, pasteOff: true});
		assert.doesNotMatch(wrapped.session.plain(), /nothing was changed/i);
		assert.match(wrapped.session.plain(), /may have been applied|may have reached the server/);
	});

	for (const debug of [false, true]) {
		test(`an uncaught exception on the review: exit 1, one readable line${debug ? ', the stack with --debug' : ', no stack'}`, async t => {
			const probe = writeProbe();
			const fake = await fakeWith(t);
			const wrapped = underStty(t, fake, debug ? ['--debug'] : [], {NODE_OPTIONS: `--import=${probe.module}`});
			await toReview(wrapped.session);
			const mark = wrapped.session.mark();
			process.kill(Number(fs.readFileSync(probe.pidFile, 'utf8')), 'SIGUSR2');
			const plain = await assertRestored(wrapped, 1);
			const after = wrapped.session.since(mark);
			assert.match(plain, /qovery-sso: unexpected error: injected crash for the test/);
			if (debug) {
				assert.match(plain, stackTrace);
			} else {
				assert.doesNotMatch(plain, stackTrace);
				assert.match(plain, /Run again with --debug for details\./);
			}

			assert.equal(after.split('qovery-sso: unexpected error').length, 2, 'the error is reported once');
			assert.equal(fake.puts().length, 0);
		});
	}

	test('an API failure while loading, then q: exit 1', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 500}}]);
		const wrapped = underStty(t, fake);
		await wrapped.session.waitFor(/listing organizations failed[\s\S]*r tries again/);
		wrapped.session.write('q');
		const plain = await assertRestored(wrapped, 1);
		assert.match(plain, /Nothing was saved\./);
	});

	test('a failed PUT, q, then "no" at the keep-the-change prompt: exit 1', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 403}}]);
		const wrapped = underStty(t, fake);
		await toReview(wrapped.session);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(/permission denied \(HTTP 403\)[\s\S]*Send again\?/);
		wrapped.session.write('q');
		await wrapped.session.waitForOutput(/Keep the unsent change/);
		wrapped.session.write('n\r');
		await assertRestored(wrapped, 1);
	});

	test('a failed PUT, q, then Ctrl+C at the keep-the-change prompt: exit 1, no ExitPromptError', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 403}}]);
		const wrapped = underStty(t, fake);
		await toReview(wrapped.session);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(/permission denied \(HTTP 403\)[\s\S]*Send again\?/);
		wrapped.session.write('q');
		await wrapped.session.waitForOutput(/Keep the unsent change/);
		wrapped.session.write(keys.ctrlC);
		const plain = await assertRestored(wrapped, 1);
		assert.doesNotMatch(plain, /ExitPromptError|stack/);
		assert.doesNotMatch(plain, stackTrace);
	});

	test('keeping the change in a directory that does not exist: a plain message about the file and another chance, not an "unexpected error"', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 403}}]);
		const wrapped = underStty(t, fake);
		await toReview(wrapped.session);
		wrapped.session.write(keys.enter);
		await wrapped.session.waitFor(/permission denied \(HTTP 403\)[\s\S]*Send again\?/);
		wrapped.session.write('q');
		await wrapped.session.waitForOutput(/Keep the unsent change/);
		wrapped.session.write('y\r');
		await wrapped.session.waitForOutput(/File:/);
		const mark = wrapped.session.mark();
		wrapped.session.write(`${path.join(temporaryDirectory('qovery-sso-faults-missing-'), 'no', 'such', 'dir', 'pending.yaml')}\r`);
		await wrapped.session.waitForOutput(/could not be written|cannot be written|can't be written/, 15_000, mark);
		await wrapped.session.waitForOutput(/File:/, 15_000, mark);
		const good = path.join(temporaryDirectory('qovery-sso-faults-kept-'), 'pending.yaml');
		wrapped.session.write(`${good}\r`);
		const plain = await assertRestored(wrapped, 1);
		assert.doesNotMatch(plain, /unexpected error/);
		assert.ok(fs.existsSync(good), plain);
	});
});

test('no output of this file holds the token, or more of it than the masked tail', async () => {
	killAll();
	await log.settled();
	log.assertNoToken();
});
