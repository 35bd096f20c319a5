/**
 * API faults met by the wizard: the built CLI in a real pty, against the
 * fake API on 127.0.0.1 told to misbehave, on C09's "Example Org" /
 * "example-saml". Each test checks what the screen says (the server's own
 * text when it sent one), the exit code, how often each request went out,
 * and that the pending edit survived the failure.
 *
 * A test marked todo asserts the right behaviour and fails on the product
 * as it is; its reason says what goes wrong.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, describe, test, type TestContext} from 'node:test';
import {startFakeApi, type FakeApi, type FaultRule} from '../../source/fake/server.js';
import {cleanupTemporary, killAll, type PtySession, stackTrace} from '../helpers/pty.js';
import {closedPort, exampleConnectionOf, examplePaths, exampleState, faultToken, OutputLog, requestsTo, requestSummary, runCommand, startWizard, temporaryFile} from '../helpers/fault-states.js';
import {keys, terminalRestored} from '../helpers/wizard-driver.js';

const log = new OutputLog();
after(() => {
	killAll();
	cleanupTemporary();
});

/** Default role Viewer → DevOps and group sync on → off: the whole PUT body. */
const editedBody = {
	connection_name: 'example-saml',
	default_role: 'devops',
	enforce_group_sync: false,
	group_mappings: {admin: ['SSO-Admins'], devops: ['SSO-DevOps']},
};

const screens = {
	defaultRole: /Step 3 of 6: Default role[\s\S]*❯ Viewer \(current\)[\s\S]*Ctrl\+C quit/,
	groupSync: /Step 4 of 6: Enforced group sync[\s\S]*❯ On \(current\)[\s\S]*Ctrl\+C quit/,
	mappings: /Step 5 of 6: Group mappings[\s\S]*Continue to review/,
	review: /Step 6 of 6: Review[\s\S]*Send these changes\?[\s\S]*Ctrl\+C quit/,
	failedReview: /Step 6 of 6: Review[\s\S]*✖ saving connection example-saml failed[\s\S]*Send again\?[\s\S]*Ctrl\+C quit/,
	result: /Saved\. The server now holds for example-saml/,
	failedStep: /Error[\s\S]*✖ [\s\S]*r tries again; q quits\. Nothing was sent\./,
};

const diffLines = [/~ default role: Viewer → DevOps/, /~ enforce group sync: on → off/];

async function fakeWith(t: TestContext, rules: FaultRule[] = []): Promise<FakeApi> {
	const fake = await startFakeApi({state: exampleState()});
	t.after(async () => fake.close());
	for (const rule of rules) {
		fake.inject(rule);
	}

	return fake;
}

/** Wide enough that no message of the suite wraps. */
function wizard(t: TestContext, fake: FakeApi | string, args: string[] = []): PtySession {
	const apiUrl = typeof fake === 'string' ? fake : fake.url;
	const session = startWizard(log, t.name, {apiUrl, args: ['--api-url', apiUrl, ...args], columns: 200, rows: 40, env: {NO_COLOR: '1'}});
	t.after(() => session.kill());
	return session;
}

/** The two edits, made key by key, up to the review. */
async function toReview(session: PtySession): Promise<void> {
	await session.waitFor(screens.defaultRole);
	session.write(keys.up);
	await session.waitFor(/❯ Billing/);
	session.write(keys.up);
	await session.waitFor(/❯ DevOps/);
	session.write(keys.enter);
	await session.waitFor(screens.groupSync);
	session.write(keys.down);
	await session.waitFor(/❯ Off/);
	session.write(keys.enter);
	await session.waitFor(screens.mappings);
	session.write('c');
	await session.waitFor(screens.review);
	for (const line of diffLines) {
		assert.match(session.text(), line);
	}
}

/** Back on the review after a failed PUT: the message, then the same diff, and Enter offered again. */
async function failedReview(session: PtySession, says: RegExp[]): Promise<string> {
	await session.waitFor(screens.failedReview, 20_000);
	const screen = session.text();
	for (const pattern of [...says, ...diffLines, /Your edits are kept: Enter tries again\./]) {
		assert.match(screen, pattern, screen);
	}

	assert.doesNotMatch(screen, /<html|Bad gateway/);
	return screen;
}

/** `j` shows the exact body about to be sent again; it is the edited body. */
async function assertBodyOnScreen(session: PtySession): Promise<void> {
	session.write('j');
	await session.waitFor(/The exact body of the PUT \(j for the diff\):[\s\S]*Send again\?/);
	const screen = session.text();
	const json = screen.slice(screen.indexOf('{', screen.indexOf('The exact body')), screen.lastIndexOf('}') + 1);
	assert.deepEqual(JSON.parse(json), editedBody);
	session.write('j');
	await session.waitFor(/Changes to send[\s\S]*Send again\?/);
}

/** q on the failed review, "no" to keeping the change: the run ends. */
async function quitWithoutKeeping(session: PtySession): Promise<number> {
	const mark = session.mark();
	session.write('q');
	await session.waitForOutput(/Keep the unsent change as a file for qovery-sso apply\?/, 15_000, mark);
	session.write('n\r');
	const exit = await session.waitForExit();
	return exit.exitCode;
}

function assertCleanEnd(session: PtySession): void {
	assert.doesNotMatch(session.plain(), stackTrace);
	assert.doesNotMatch(session.plain(), /TypeError|unexpected error/);
	assert.deepEqual(terminalRestored(session.raw), {cursorShown: true, pasteOff: true});
}

const c09Reason = "Role 'Viewer' does not exist in organization";

describe('C09 and the other PUT faults in the wizard', {concurrency: 3, timeout: 150_000}, () => {
	test('C09-1: 400 with a reason: the reason on the review, edits kept, Enter after the fault is gone sends the same body once', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 400, body: {status: 400, error: 'Bad Request', message: c09Reason}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/✖ saving connection example-saml failed: the server refused the request \(HTTP 400\): Role 'Viewer' does not exist in organization/]);
		assert.deepEqual(fake.puts().map(put => put.body), [editedBody]);
		await assertBodyOnScreen(session);

		fake.clearFaults();
		session.write(keys.enter);
		await session.waitFor(screens.result);
		session.write(keys.enter);
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 0, session.plain());
		assert.deepEqual(fake.puts().map(put => [put.status, put.body]), [[400, editedBody], [200, editedBody]]);
		assert.deepEqual(exampleConnectionOf(fake.state), editedBody);
		assertCleanEnd(session);
	});

	test('C09-2: 403 with an empty body: one generic line with the status; quitting exits 1 and says nothing was saved', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 403}}]);
		const before = exampleConnectionOf(fake.state);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		const screen = await failedReview(session, [/✖ saving connection example-saml failed: permission denied \(HTTP 403\)\n/, /organization admin/]);
		assert.doesNotMatch(screen, /HTTP 403\):/, 'no server text was sent, none is invented');
		assert.equal(await quitWithoutKeeping(session), 1, session.plain());
		assert.match(session.plain(), /qovery-sso: saving connection example-saml failed: permission denied \(HTTP 403\)\r?\n/);
		assert.match(session.plain(), /Nothing was saved\./);
		assert.equal(fake.puts().length, 1);
		assert.deepEqual(exampleConnectionOf(fake.state), before);
		assertCleanEnd(session);
	});

	test('C09-3: 502 with an HTML page every time: retries shown, exhausted after 4 PUTs of the same body, no HTML; the change kept as a file that plan and apply accept', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, times: Infinity, fault: {kind: 'status', status: 502, body: '<html><body>Bad gateway</body></html>'}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/✖ saving connection example-saml failed: the Qovery API had a problem \(HTTP 502\)\n/]);
		assert.equal(fake.puts().length, 4);
		assert.ok(fake.puts().every(put => JSON.stringify(put.body) === JSON.stringify(editedBody)), 'every attempt carries the same body');
		assert.doesNotMatch(session.plain(), /<html|Bad gateway/);

		const file = temporaryFile('example-saml-pending.yaml');
		fs.rmSync(file, {force: true});
		const mark = session.mark();
		session.write('q');
		await session.waitForOutput(/Keep the unsent change as a file for qovery-sso apply\?/, 15_000, mark);
		session.write('y\r');
		await session.waitForOutput(/File:/, 15_000, mark);
		session.write(`${file}\r`);
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 1, session.plain());
		assert.match(session.plain(), /Nothing was saved\./);
		assert.match(session.plain().replaceAll(/\r?\n/g, ''), new RegExp(`Kept in ${file.replaceAll('.', '\\.')}`));
		assertCleanEnd(session);

		fake.clearFaults();
		const common = ['--api-url', fake.url, '--org', 'Example Org'];
		const plan = await runCommand(log, `${t.name} plan`, {apiUrl: fake.url, args: ['plan', '--file', file, ...common]});
		assert.equal(plan.code, 3, plan.stderr);
		assert.match(plan.stdout, /~ default role: Viewer -> DevOps/);
		assert.match(plan.stdout, /~ enforce group sync: on -> off/);
		const apply = await runCommand(log, `${t.name} apply`, {apiUrl: fake.url, args: ['apply', '--file', file, '--yes', ...common]});
		assert.equal(apply.code, 0, apply.stderr);
		assert.deepEqual(fake.puts().at(-1)!.body, editedBody);
		assert.equal(fake.puts().length, 5);
	});

	test('C09-4: 401 "Token expired": says the token was rejected and how to log in, never the token; quitting exits 1', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 401, body: {message: 'Token expired'}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/✖ saving connection example-saml failed: the token was rejected \(HTTP 401\): Token expired/, /qovery-sso login/]);
		assert.equal(await quitWithoutKeeping(session), 1, session.plain());
		assert.match(session.plain(), /the token was rejected \(HTTP 401\): Token expired/);
		assert.match(session.plain(), /Nothing was saved\./);
		assert.ok(!session.raw.includes(faultToken));
		assert.equal(fake.puts().length, 1);
		assertCleanEnd(session);
	});

	for (const [status, says] of [
		[422, /\(HTTP 422\): group_mappings\.admin must not be empty/],
		[404, /was not found \(HTTP 404\): group_mappings\.admin must not be empty/],
		[409, /conflict \(HTTP 409\): group_mappings\.admin must not be empty[\s\S]*reload it and try again/],
		[429, /too many requests \(HTTP 429\): group_mappings\.admin must not be empty/],
		[500, /the Qovery API had a problem \(HTTP 500\): group_mappings\.admin must not be empty/],
	] as const) {
		test(`PUT ${status}: not sent again, the server's text shown, edits kept`, async t => {
			const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status, body: {message: 'group_mappings.admin must not be empty'}, headers: {'retry-after': '1'}}}]);
			const session = wizard(t, fake);
			await toReview(session);
			session.write(keys.enter);
			await failedReview(session, [says]);
			// Long enough for a retry that should not happen.
			await new Promise(resolve => setTimeout(resolve, 1200));
			assert.equal(fake.puts().length, 1, requestSummary(fake).join('\n'));
			assert.equal(await quitWithoutKeeping(session), 1);
			assertCleanEnd(session);
		});
	}

	test('PUT 503 once with Retry-After: 1: sent again after the wait, the same body stored once', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 503, headers: {'retry-after': '1'}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await session.waitFor(screens.result);
		session.write(keys.enter);
		assert.equal((await session.waitForExit()).exitCode, 0);
		const puts = fake.puts();
		assert.deepEqual(puts.map(put => [put.status, put.body]), [[503, editedBody], [200, editedBody]]);
		assert.ok(puts[1]!.time - puts[0]!.time >= 950, `waited ${puts[1]!.time - puts[0]!.time} ms`);
		assertCleanEnd(session);
	});

	test('while a PUT that failed at once waits to be sent again, the screen says so', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 503, headers: {'retry-after': '2'}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await session.waitFor(/Saving example-saml[\s\S]*the Qovery API had a problem \(HTTP 503\); trying again in 2 s \(attempt 2\)/, 5000);
		await session.waitFor(screens.result);
		assert.equal(fake.puts().length, 2);
	});

	test('PUT reset half-way once: sent again, stored once', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'reset', at: 'body'}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await session.waitFor(screens.result);
		session.write(keys.enter);
		assert.equal((await session.waitForExit()).exitCode, 0);
		assert.deepEqual(fake.puts().map(put => put.fault ?? put.status), ['reset', 200]);
		assert.deepEqual(exampleConnectionOf(fake.state), editedBody);
	});

	test('PUT with no answer (--timeout 0.5): retried, then the review says no answer within 0.5 s, edits kept', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, times: Infinity, fault: {kind: 'hang'}}]);
		const session = wizard(t, fake, ['--timeout', '0.5']);
		await toReview(session);
		session.write(keys.enter);
		await session.waitFor(/Saving example-saml[\s\S]*no answer within 0.5 s; trying again/);
		await failedReview(session, [/✖ saving connection example-saml failed: no answer within 0.5 s/, /--timeout SECONDS/, /The change may already be in place/]);
		assert.equal(fake.puts().length, 4);
		fake.clearFaults();
		session.write(keys.enter);
		await session.waitFor(screens.result);
		assert.deepEqual(exampleConnectionOf(fake.state), editedBody);
	});

	test('PUT lost every time (reset): quitting does not claim that nothing was saved, it says to check', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, times: Infinity, fault: {kind: 'reset'}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/the connection was cut before the answer arrived/]);
		await quitWithoutKeeping(session);
		assert.equal(session.exited?.exitCode, 1);
		assert.doesNotMatch(session.plain(), /Nothing was saved/);
		assert.match(session.plain(), /may have reached the server/);
	});

	test('PUT answered 200 with a body of the wrong shape: quitting must not claim that nothing was saved', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'json', body: {ok: true}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/the server sent an answer of the wrong shape/]);
		await quitWithoutKeeping(session);
		assert.equal(session.exited?.exitCode, 1);
		assert.doesNotMatch(session.plain(), /Nothing was saved/);
		assert.equal(fake.puts().length, 1);
	});

	test('a failed PUT, then Esc back to the mappings and on to the review again: the same edits, then sent once', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 400, body: {message: c09Reason}}}]);
		const session = wizard(t, fake);
		await toReview(session);
		session.write(keys.enter);
		await failedReview(session, [/Role 'Viewer' does not exist in organization/]);
		session.write(keys.escape);
		await session.waitFor(screens.mappings);
		session.write(keys.escape);
		await session.waitFor(/Step 4 of 6: Enforced group sync[\s\S]*❯ Off/);
		session.write(keys.enter);
		await session.waitFor(screens.mappings);
		session.write('c');
		await session.waitFor(screens.review);
		for (const line of diffLines) {
			assert.match(session.text(), line);
		}

		session.write(keys.enter);
		await session.waitFor(screens.result);
		assert.deepEqual(fake.puts().map(put => [put.status, put.body]), [[400, editedBody], [200, editedBody]]);
	});

	test('the re-read just before the PUT fails (500): nothing is sent, the review keeps the edits', async t => {
		const fake = await fakeWith(t);
		const session = wizard(t, fake);
		await toReview(session);
		fake.inject({method: 'GET', path: examplePaths.connection, fault: {kind: 'status', status: 500, body: {message: 'database unavailable'}}});
		session.write(keys.enter);
		await session.waitFor(/✖ loading connection example-saml failed: the Qovery API had a problem \(HTTP 500\): database unavailable[\s\S]*Send again\?/);
		assert.match(session.text(), /Your edits are kept: Enter tries again\./);
		assert.equal(fake.puts().length, 0);
		session.write(keys.enter);
		await session.waitFor(screens.result);
		assert.deepEqual(fake.puts().map(put => put.body), [editedBody]);
	});
});

type LoadFault = {name: string; route: string; rule: Omit<FaultRule, 'path' | 'method'>; says: RegExp[]; attempts: number; args?: string[]};

const loadFaults: LoadFault[] = [
	{name: '400 with a reason', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 400, body: {message: 'Query parameter page must be positive'}}}, says: [/listing organizations failed: the server refused the request \(HTTP 400\): Query parameter page must be positive/], attempts: 1},
	{name: '422 with a reason', route: examplePaths.roles, rule: {fault: {kind: 'status', status: 422, body: {error: 'Unprocessable Entity'}}}, says: [/listing available roles failed: the server refused the request \(HTTP 422\): Unprocessable Entity/], attempts: 1},
	{name: '401', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 401, body: {message: 'Token expired'}}}, says: [/the token was rejected \(HTTP 401\): Token expired/, /Log in again with `qovery-sso login`/], attempts: 1},
	{name: '403', route: examplePaths.connections, rule: {fault: {kind: 'status', status: 403}}, says: [/listing enterprise connections failed: permission denied \(HTTP 403\)\n/, /organization admin/], attempts: 1},
	{name: '404', route: examplePaths.connection, rule: {fault: {kind: 'status', status: 404, body: {message: "Enterprise connection 'example-saml' not found"}}}, says: [/loading connection example-saml failed: connection "example-saml" in organization .* was not found \(HTTP 404\)/, /Check the organization and connection names/], attempts: 1},
	{name: '409', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 409, body: {message: 'Organization is being migrated'}}}, says: [/conflict \(HTTP 409\): Organization is being migrated/], attempts: 1},
	{name: '500', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 500}}, says: [/the Qovery API had a problem \(HTTP 500\)\n/, /server side/], attempts: 1},
	{name: '502 with an HTML page every time', route: examplePaths.organizations, rule: {times: Infinity, fault: {kind: 'status', status: 502, body: '<html><body>Bad gateway</body></html>'}}, says: [/listing organizations failed: the Qovery API had a problem \(HTTP 502\)\n/], attempts: 4},
	{name: '504 every time', route: examplePaths.roles, rule: {times: Infinity, fault: {kind: 'status', status: 504}}, says: [/listing available roles failed: the Qovery API had a problem \(HTTP 504\)/], attempts: 4},
	{name: 'a reset half-way every time', route: examplePaths.connection, rule: {times: Infinity, fault: {kind: 'reset', at: 'body'}}, says: [/loading connection example-saml failed: the connection was cut before the answer arrived/], attempts: 4},
	{name: 'no answer (--timeout 0.5) every time', route: examplePaths.organizations, rule: {times: Infinity, fault: {kind: 'hang'}}, args: ['--timeout', '0.5'], says: [/listing organizations failed: no answer within 0.5 s/, /--timeout SECONDS/], attempts: 4},
	{name: 'malformed JSON', route: examplePaths.organizations, rule: {fault: {kind: 'malformed-json'}}, says: [/listing organizations failed: the server sent malformed JSON/], attempts: 1},
	{name: 'group_mappings null', route: examplePaths.connection, rule: {fault: {kind: 'json', body: {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: null}}}, says: [/loading connection example-saml failed: the server sent an answer of the wrong shape \(connection\.group_mappings should be an object/], attempts: 1},
	{name: 'group_mappings a string', route: examplePaths.connection, rule: {fault: {kind: 'json', body: {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: 'SSO-Admins'}}}, says: [/wrong shape \(connection\.group_mappings should be an object/], attempts: 1},
	{name: 'results missing', route: examplePaths.connections, rule: {fault: {kind: 'json', body: {items: []}}}, says: [/listing enterprise connections failed: the server sent an answer of the wrong shape \(connection list\.results should be a list\)/], attempts: 1},
];

describe('faults while loading, in the wizard', {concurrency: 3, timeout: 150_000}, () => {
	for (const fault of loadFaults) {
		test(`${fault.name}: the error step says so; r tries again once the fault is gone`, async t => {
			const fake = await fakeWith(t, [{method: 'GET', path: fault.route, ...fault.rule}]);
			const session = wizard(t, fake, fault.args);
			await session.waitFor(screens.failedStep, 20_000);
			const screen = session.text();
			for (const pattern of fault.says) {
				assert.match(screen, pattern, screen);
			}

			assert.doesNotMatch(screen, /<html|Bad gateway/);
			assert.equal(requestsTo(fake, 'GET', fault.route).length, fault.attempts, requestSummary(fake).join('\n'));
			fake.clearFaults();
			session.write('r');
			await session.waitFor(screens.defaultRole);
			session.write(keys.ctrlC);
			assert.equal((await session.waitForExit()).exitCode, 130);
			assert.equal(fake.puts().length, 0);
			assertCleanEnd(session);
		});
	}

	test('401 while loading, then q: exit 1, the message and the login hint on the terminal, nothing saved', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 401, body: {message: 'Token expired'}}}]);
		const session = wizard(t, fake);
		await session.waitFor(screens.failedStep);
		session.write('q');
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 1);
		assert.match(session.plain(), /qovery-sso: listing organizations failed: the token was rejected \(HTTP 401\): Token expired\r?\nLog in again with `qovery-sso login`/);
		assert.match(session.plain(), /Nothing was saved\./);
		assertCleanEnd(session);
	});

	test('429 with Retry-After: 1: the loading screen says it waits, then goes on by itself', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}}]);
		const session = wizard(t, fake);
		await session.waitFor(/Loading organizations[\s\S]*too many requests \(HTTP 429\); trying again in 1 s \(attempt 2\)/);
		await session.waitFor(screens.defaultRole);
		const [first, second] = requestsTo(fake, 'GET', examplePaths.organizations);
		assert.ok(second!.time - first!.time >= 950, `waited ${second!.time - first!.time} ms`);
	});

	for (const status of [502, 503, 504]) {
		test(`${status} once on the connection: retried by itself, with a notice, on to the default role`, async t => {
			const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.connection, fault: {kind: 'status', status, headers: {'retry-after': '1'}}}]);
			const session = wizard(t, fake);
			await session.waitFor(new RegExp(`Loading example-saml and the organization's roles[\\s\\S]*HTTP ${status}\\); trying again in 1 s \\(attempt 2\\)`));
			await session.waitFor(screens.defaultRole);
			assert.equal(requestsTo(fake, 'GET', examplePaths.connection).length, 2);
		});
	}

	test('connection refused: retried, then the error step says the connection was refused; q exits 1', async t => {
		const url = `http://127.0.0.1:${await closedPort()}`;
		const session = wizard(t, url);
		await session.waitFor(/Loading organizations[\s\S]*the connection was refused; trying again/);
		await session.waitFor(/listing organizations failed: the connection was refused[\s\S]*Check the network and --api-url[\s\S]*r tries again/, 20_000);
		session.write('q');
		assert.equal((await session.waitForExit()).exitCode, 1);
		assert.match(session.plain(), /Nothing was saved\./);
		assertCleanEnd(session);
	});
});

test('no output of this file holds the token, or more of it than the masked tail', async () => {
	killAll();
	await log.settled();
	log.assertNoToken();
});
