/**
 * API faults met by the non-interactive commands (show, plan, apply, export):
 * the built CLI with pipes, against the fake API on 127.0.0.1 told to
 * misbehave. Each test checks the message (the server's own text when it
 * sent one), the exit code, how often each request went out, and that the
 * server's connection is unchanged when nothing should have been saved.
 */
import assert from 'node:assert/strict';
import {after, describe, test, type TestContext} from 'node:test';
import {startFakeApi, type FakeApi, type FaultRule} from '../../source/fake/server.js';
import {cleanupTemporary, stackTrace} from '../helpers/pty.js';
import {closedPort, exampleConnectionOf, examplePaths, exampleState, faultToken, OutputLog, requestsTo, requestSummary, runCommand, temporaryFile} from '../helpers/fault-states.js';

const log = new OutputLog();
after(cleanupTemporary);

const target = ['--org', 'Example Org', '--connection', 'example-saml'];

/** The one PUT body a change of the default role to devops gives. */
const expectedBody = {
	connection_name: 'example-saml',
	default_role: 'devops',
	enforce_group_sync: true,
	group_mappings: {admin: ['SSO-Admins'], devops: ['SSO-DevOps']},
};

async function fakeWith(t: TestContext, rules: FaultRule[] = []): Promise<FakeApi> {
	const fake = await startFakeApi({state: exampleState()});
	t.after(async () => fake.close());
	for (const rule of rules) {
		fake.inject(rule);
	}

	return fake;
}

type Command = 'show' | 'plan' | 'apply' | 'export';

function argsFor(command: Command, apiUrl: string, extra: string[] = []): string[] {
	const common = [...target, '--api-url', apiUrl, ...extra];
	switch (command) {
		case 'show': {
			return ['show', ...common];
		}

		case 'export': {
			return ['export', ...common];
		}

		case 'plan': {
			return ['plan', '--file', temporaryFile('change.yaml', 'default_role: devops\n'), ...common];
		}

		case 'apply': {
			return ['apply', '--file', temporaryFile('change.yaml', 'default_role: devops\n'), '--yes', ...common];
		}
	}
}

async function run(t: TestContext, command: Command, apiUrl: string, extra: string[] = [], env: Record<string, string> = {}) {
	const result = await runCommand(log, t.name, {args: argsFor(command, apiUrl, extra), apiUrl, env: {NO_COLOR: '1', ...env}});
	assert.doesNotMatch(result.stderr, stackTrace, 'no stack trace');
	assert.doesNotMatch(result.stderr, /TypeError|SyntaxError|unexpected error/);
	return result;
}

/** The exit code of a command that got through. */
const successCode: Record<Command, number> = {show: 0, export: 0, plan: 3, apply: 0};

type GetFault = {
	name: string;
	route: string;
	rule: Omit<FaultRule, 'path' | 'method'>;
	/** What stderr must show, in order. */
	says: RegExp[];
	/** Requests to the faulted route. */
	attempts: number;
	recovers: boolean;
	extra?: string[];
	/** Most and least the run may take, in ms. */
	within?: [number, number];
};

const html = '<html><body>Bad gateway</body></html>';
const op = 'listing organizations';

const getFaults: GetFault[] = [
	{name: '400 with an error body', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 400, body: {status: 400, error: 'Bad Request', message: 'Query parameter page must be positive'}}}, says: [new RegExp(`${op} failed: the server refused the request \\(HTTP 400\\): Query parameter page must be positive\n.*report it`)], attempts: 1, recovers: false},
	{name: '422 with an error body', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 422, body: {detail: 'Unprocessable: organization filter'}}}, says: [/\(HTTP 422\): Unprocessable: organization filter/], attempts: 1, recovers: false},
	{name: '401', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 401, body: {message: 'Token expired'}}}, says: [/the token was rejected \(HTTP 401\): Token expired/, /qovery-sso login/], attempts: 1, recovers: false},
	{name: '403', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 403}}, says: [/permission denied \(HTTP 403\)\n/, /organization admin/], attempts: 1, recovers: false},
	{name: '404 on the connection', route: examplePaths.connection, rule: {fault: {kind: 'status', status: 404, body: {message: "Enterprise connection 'example-saml' not found"}}}, says: [/loading connection example-saml failed: connection "example-saml" in organization .* was not found \(HTTP 404\): Enterprise connection 'example-saml' not found/, /Check the organization and connection names/], attempts: 1, recovers: false},
	{name: '409', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 409, body: {message: 'Organization is being migrated'}}}, says: [/conflict \(HTTP 409\): Organization is being migrated/, /reload it and try again/], attempts: 1, recovers: false},
	{name: '429 with Retry-After: 1, once', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}}, says: [new RegExp(`Retrying ${op} in 1 s \\(too many requests \\(HTTP 429\\)\\)`)], attempts: 2, recovers: true, within: [950, 6000]},
	{name: '429 with Retry-After: 1, every time', route: examplePaths.organizations, rule: {times: Infinity, fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}}, says: [/Retrying .* \(too many requests \(HTTP 429\)\)[\s\S]*Retrying[\s\S]*Retrying/, /too many requests \(HTTP 429\)\nThe server asks to wait 1 s before trying again\./], attempts: 4, recovers: false, within: [2900, 9000]},
	{name: '429 with a Retry-After beyond the 20 s bound', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 429, headers: {'retry-after': '3600'}}}, says: [/too many requests \(HTTP 429\)\nThe server asks to wait 3600 s before trying again\./], attempts: 1, recovers: false, within: [0, 5000]},
	{name: '500', route: examplePaths.organizations, rule: {fault: {kind: 'status', status: 500, body: {message: 'NullPointerException in OrganizationService'}}}, says: [/the Qovery API had a problem \(HTTP 500\): NullPointerException in OrganizationService/, /server side/], attempts: 1, recovers: false},
	...[502, 503, 504].map((status): GetFault => ({name: `${status}, once`, route: examplePaths.organizations, rule: {fault: {kind: 'status', status, body: html}}, says: [new RegExp(`Retrying ${op} in 0\\.5 s \\(the Qovery API had a problem \\(HTTP ${status}\\)\\)`)], attempts: 2, recovers: true})),
	...[502, 503, 504].map((status): GetFault => ({name: `${status} with an HTML page, every time`, route: examplePaths.organizations, rule: {times: Infinity, fault: {kind: 'status', status, body: html}}, says: [new RegExp(`${op} failed: the Qovery API had a problem \\(HTTP ${status}\\)\n`)], attempts: 4, recovers: false, within: [3400, 9000]})),
	{name: 'a connection reset half-way through the body, once', route: examplePaths.organizations, rule: {fault: {kind: 'reset', at: 'body'}}, says: [/Retrying listing organizations in 0\.5 s \(the connection was cut before the answer arrived\)/], attempts: 2, recovers: true},
	{name: 'a connection reset half-way, every time', route: examplePaths.roles, rule: {times: Infinity, fault: {kind: 'reset', at: 'body'}}, says: [/listing available roles failed: the connection was cut before the answer arrived/, /Check the network/], attempts: 4, recovers: false},
	{name: 'no answer (--timeout 1), once', route: examplePaths.organizations, rule: {fault: {kind: 'hang'}}, extra: ['--timeout', '1'], says: [/Retrying listing organizations in 0\.5 s \(no answer within 1 s\)/], attempts: 2, recovers: true, within: [1000, 6000]},
	{name: 'no answer (--timeout 1), every time', route: examplePaths.organizations, rule: {times: Infinity, fault: {kind: 'hang'}}, extra: ['--timeout', '1'], says: [/listing organizations failed: no answer within 1 s/, /--timeout SECONDS/], attempts: 4, recovers: false, within: [7000, 13_000]},
	{name: 'headers then a body that stalls (--timeout 0.5), every time', route: examplePaths.connection, rule: {times: Infinity, fault: {kind: 'hang', at: 'body'}}, extra: ['--timeout', '0.5'], says: [/loading connection example-saml failed: no answer within 0.5 s/], attempts: 4, recovers: false, within: [5000, 11_000]},
	{name: 'malformed JSON', route: examplePaths.organizations, rule: {fault: {kind: 'malformed-json'}}, says: [/listing organizations failed: the server sent malformed JSON/, /--api-url/], attempts: 1, recovers: false},
	{name: 'group_mappings null', route: examplePaths.connection, rule: {fault: {kind: 'json', body: {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: null}}}, says: [/loading connection example-saml failed: the server sent an answer of the wrong shape \(connection\.group_mappings should be an object/], attempts: 1, recovers: false},
	{name: 'group_mappings a string', route: examplePaths.connection, rule: {fault: {kind: 'json', body: {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: 'admin=SSO-Admins'}}}, says: [/wrong shape \(connection\.group_mappings should be an object/], attempts: 1, recovers: false},
	{name: 'results missing from the organization list', route: examplePaths.organizations, rule: {fault: {kind: 'json', body: {organizations: []}}}, says: [/listing organizations failed: the server sent an answer of the wrong shape \(organization list\.results should be a list\)/], attempts: 1, recovers: false},
	{name: 'results missing from the role list', route: examplePaths.roles, rule: {fault: {kind: 'json', body: {}}}, says: [/listing available roles failed: .*wrong shape \(role list\.results should be a list\)/], attempts: 1, recovers: false},
];

describe('GET faults in show, plan and apply', {concurrency: 6, timeout: 150_000}, () => {
	for (const fault of getFaults) {
		for (const command of ['show', 'plan', 'apply'] as const) {
			// Exhausting retries costs seconds; once per fault is proof enough for plan.
			if (command === 'plan' && fault.attempts === 4) {
				continue;
			}

			test(`${command}: ${fault.name}`, async t => {
				const fake = await fakeWith(t, [{method: 'GET', path: fault.route, ...fault.rule}]);
				const before = exampleConnectionOf(fake.state);
				const result = await run(t, command, fake.url, fault.extra);
				const context = `${result.stderr}\nrequests:\n${requestSummary(fake).join('\n')}`;
				for (const pattern of fault.says) {
					assert.match(result.stderr, pattern, context);
				}

				assert.equal(result.code, fault.recovers ? successCode[command] : 1, context);
				assert.equal(requestsTo(fake, 'GET', fault.route).length, fault.attempts, context);
				if (fault.within) {
					assert.ok(result.elapsedMs >= fault.within[0] && result.elapsedMs <= fault.within[1], `took ${result.elapsedMs} ms, expected ${fault.within.join(' to ')}`);
				}

				assert.doesNotMatch(result.stderr, /<html|Bad gateway/, 'an HTML error page is never shown');
				if (fault.recovers) {
					if (command === 'apply') {
						assert.deepEqual(fake.puts().map(put => put.body), [expectedBody], 'one PUT of the whole body');
					}
				} else {
					assert.equal(fake.puts().length, 0, 'nothing is sent after a failed read');
					assert.deepEqual(exampleConnectionOf(fake.state), before);
					assert.equal(result.stdout, '', 'no half output on stdout');
				}

				if (fault.rule.times === undefined && fault.recovers) {
					// The retry waited what the policy says: at least the 500 ms base (or Retry-After).
					const [first, second] = requestsTo(fake, 'GET', fault.route);
					assert.ok(second!.time - first!.time >= 450, `retried after ${second!.time - first!.time} ms`);
				}
			});
		}
	}

	test('429 with Retry-After: 1: the second request comes a whole second after the first', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}}]);
		const result = await run(t, 'show', fake.url);
		assert.equal(result.code, 0, result.stderr);
		const [first, second] = requestsTo(fake, 'GET', examplePaths.organizations);
		assert.ok(second!.time - first!.time >= 950, `waited ${second!.time - first!.time} ms`);
		assert.match(result.stdout, /Connection: +example-saml/);
	});

	test('export: 503 every time on the connection list gives the same message and exit 1, and no file', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.connections, times: Infinity, fault: {kind: 'status', status: 503}}]);
		const output = temporaryFile('out.yaml');
		const result = await run(t, 'export', fake.url, ['--output', output]);
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /listing enterprise connections failed: the Qovery API had a problem \(HTTP 503\)/);
		assert.equal(requestsTo(fake, 'GET', examplePaths.connections).length, 4);
		assert.equal((await import('node:fs')).existsSync(output), false);
	});

	test('export: malformed JSON for the roles: exit 1, nothing on stdout', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.roles, fault: {kind: 'malformed-json'}}]);
		const result = await run(t, 'export', fake.url);
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /listing available roles failed: the server sent malformed JSON/);
		assert.equal(result.stdout, '');
	});
});

describe('network faults without a server', {concurrency: 3, timeout: 60_000}, () => {
	for (const command of ['show', 'plan', 'apply'] as const) {
		test(`${command}: connection refused: retried, bounded, said plainly, exit 1`, async t => {
			const url = `http://127.0.0.1:${await closedPort()}`;
			const result = await run(t, command, url);
			assert.equal(result.code, 1, result.stderr);
			assert.match(result.stderr, /listing organizations failed: the connection was refused/);
			assert.match(result.stderr, /Check the network and --api-url/);
			assert.equal(result.stderr.match(/^Retrying listing organizations in [\d.]+ s \(the connection was refused\)\.$/gm)?.length, 3, result.stderr);
			assert.ok(result.elapsedMs < 10_000, `took ${result.elapsedMs} ms`);
		});
	}
});

type PutFault = {
	name: string;
	rule: Omit<FaultRule, 'path' | 'method'>;
	says: RegExp[];
	mustNotSay?: RegExp[];
	puts: number;
	recovers: boolean;
	extra?: string[];
};

const saving = 'saving connection example-saml failed';

const putFaults: PutFault[] = [
	{name: 'C09-1: 400 with the server\'s reason', rule: {fault: {kind: 'status', status: 400, body: {status: 400, error: 'Bad Request', message: "Role 'Viewer' does not exist in organization"}}}, says: [new RegExp(`${saving}: the server refused the request \\(HTTP 400\\): Role 'Viewer' does not exist in organization\nCheck the values .*fix them and send again`), /Nothing was saved\./], puts: 1, recovers: false},
	{name: 'C09-2: 403 with an empty body', rule: {fault: {kind: 'status', status: 403}}, says: [new RegExp(`${saving}: permission denied \\(HTTP 403\\)\n`), /organization admin/, /Nothing was saved\./], puts: 1, recovers: false},
	{name: 'C09-3: 502 with an HTML page, every time', rule: {times: Infinity, fault: {kind: 'status', status: 502, body: html}}, says: [/Retrying saving connection example-saml in 1 s \(the Qovery API had a problem \(HTTP 502\)\)/, new RegExp(`${saving}: the Qovery API had a problem \\(HTTP 502\\)\n`)], mustNotSay: [/<html|Bad gateway/], puts: 4, recovers: false},
	{name: 'C09-4: 401 "Token expired"', rule: {fault: {kind: 'status', status: 401, body: {message: 'Token expired'}}}, says: [new RegExp(`${saving}: the token was rejected \\(HTTP 401\\): Token expired`), /qovery-sso login/, /Nothing was saved\./], puts: 1, recovers: false},
	{name: '422', rule: {fault: {kind: 'status', status: 422, body: {message: 'group_mappings.admin must not be empty'}}}, says: [/\(HTTP 422\): group_mappings\.admin must not be empty/, /Nothing was saved\./], puts: 1, recovers: false},
	{name: '404', rule: {fault: {kind: 'status', status: 404, body: {message: 'Enterprise connection not found'}}}, says: [/was not found \(HTTP 404\): Enterprise connection not found/, /Check the organization and connection names/], puts: 1, recovers: false},
	{name: '409', rule: {fault: {kind: 'status', status: 409, body: {message: 'Connection is being updated'}}}, says: [/conflict \(HTTP 409\): Connection is being updated/, /reload it and try again/], puts: 1, recovers: false},
	{name: '429 with Retry-After: 1 (a PUT is not retried after a 4xx)', rule: {fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}}, says: [/too many requests \(HTTP 429\)\nThe server asks to wait 1 s before trying again\./, /Nothing was saved\./], mustNotSay: [/Retrying/], puts: 1, recovers: false},
	{name: '500 (not retried)', rule: {fault: {kind: 'status', status: 500}}, says: [/the Qovery API had a problem \(HTTP 500\)/, /Nothing was saved\./], mustNotSay: [/Retrying/], puts: 1, recovers: false},
	...[502, 503, 504].map((status): PutFault => ({name: `${status} once: sent again, stored once`, rule: {fault: {kind: 'status', status}}, says: [new RegExp(`Retrying saving connection example-saml in 0\\.5 s \\(the Qovery API had a problem \\(HTTP ${status}\\)\\)`), /Saved example-saml in Example Org\./], puts: 2, recovers: true})),
	{name: 'a reset half-way through the answer, once', rule: {fault: {kind: 'reset', at: 'body'}}, says: [/Retrying saving connection example-saml in 0\.5 s \(the connection was cut before the answer arrived\)/, /Saved example-saml/], puts: 2, recovers: true},
	{name: 'a reset every time', rule: {times: Infinity, fault: {kind: 'reset'}}, says: [new RegExp(`${saving}: the connection was cut before the answer arrived`), /may have reached the server/, /qovery-sso show/], mustNotSay: [/Nothing was saved/], puts: 4, recovers: false},
	{name: 'no answer (--timeout 1), once', rule: {fault: {kind: 'hang'}}, extra: ['--timeout', '1'], says: [/Retrying saving connection example-saml in 0\.5 s \(no answer within 1 s\)/, /Saved example-saml/], puts: 2, recovers: true},
	{name: 'no answer (--timeout 0.5), every time', rule: {times: Infinity, fault: {kind: 'hang'}}, extra: ['--timeout', '0.5'], says: [new RegExp(`${saving}: no answer within 0.5 s`), /--timeout SECONDS/, /may have reached the server/], mustNotSay: [/Nothing was saved/], puts: 4, recovers: false},
];

describe('PUT faults in apply', {concurrency: 6, timeout: 120_000}, () => {
	for (const fault of putFaults) {
		test(`apply: ${fault.name}`, async t => {
			const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, ...fault.rule}]);
			const before = exampleConnectionOf(fake.state);
			const result = await run(t, 'apply', fake.url, fault.extra);
			const context = `${result.stderr}\nrequests:\n${requestSummary(fake).join('\n')}`;
			for (const pattern of fault.says) {
				assert.match(result.stderr, pattern, context);
			}

			for (const pattern of fault.mustNotSay ?? []) {
				assert.doesNotMatch(result.stderr, pattern, context);
			}

			assert.equal(result.code, fault.recovers ? 0 : 1, context);
			const puts = fake.puts();
			assert.equal(puts.length, fault.puts, context);
			for (const put of puts) {
				assert.deepEqual(put.body, expectedBody, 'every attempt sends the same whole body');
			}

			// The drift check reads the connection once, before the first PUT, never again.
			assert.equal(requestsTo(fake, 'GET', examplePaths.connection).length, 2, context);
			if (fault.recovers) {
				assert.deepEqual(exampleConnectionOf(fake.state), expectedBody);
			} else {
				assert.deepEqual(exampleConnectionOf(fake.state), before);
			}
		});
	}

	test('apply: a 200 whose answer is not a connection says the change was probably saved, not "Nothing was saved"', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'json', body: {ok: true}}}]);
		const result = await run(t, 'apply', fake.url);
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, new RegExp(`${saving}: the server sent an answer of the wrong shape`));
		assert.doesNotMatch(result.stderr, /Nothing was saved/);
		assert.match(result.stderr, /qovery-sso show/);
		assert.equal(fake.puts().length, 1);
	});

	test('apply: a 200 with malformed JSON: not retried, and not reported as nothing saved', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'malformed-json'}}]);
		const result = await run(t, 'apply', fake.url);
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, new RegExp(`${saving}: the server sent malformed JSON`));
		assert.doesNotMatch(result.stderr, /Nothing was saved/);
		assert.equal(fake.puts().length, 1);
	});

	test('apply: after a failed PUT, the same file applied again sends the same body once and succeeds', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 400, body: {message: "Role 'Viewer' does not exist in organization"}}}]);
		const file = temporaryFile('change.yaml', 'default_role: devops\n');
		const args = ['apply', '--file', file, '--yes', ...target, '--api-url', fake.url];
		const first = await runCommand(log, t.name, {args, apiUrl: fake.url});
		assert.equal(first.code, 1, first.stderr);
		const second = await runCommand(log, t.name, {args, apiUrl: fake.url});
		assert.equal(second.code, 0, second.stderr);
		assert.deepEqual(fake.puts().map(put => [put.status, put.body]), [[400, expectedBody], [200, expectedBody]]);
	});
});

describe('apply stopped while it saves', {concurrency: 3}, () => {
	for (const [signal, code, how] of [['SIGINT', 130, 'Cancelled'], ['SIGTERM', 143, 'Stopped by SIGTERM'], ['SIGHUP', 129, 'Stopped by SIGHUP']] as const) {
		test(`${signal} while the PUT is out says the change may have been applied, and how to check (exit ${code})`, async t => {
			const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'hang'}}]);
			const args = ['apply', '--file', temporaryFile('change.yaml', 'default_role: devops\n'), '--yes', ...target, '--api-url', fake.url];
			const result = await runCommand(log, t.name, {args, apiUrl: fake.url, onStart(child) {
				const wait = setInterval(() => {
					if (fake.puts().length > 0) {
						clearInterval(wait);
						child.kill(signal);
					}
				}, 20);
				child.on('close', () => clearInterval(wait));
			}});
			assert.equal(result.code, code, result.stderr);
			assert.match(result.stderr, new RegExp(`${how} while saving example-saml: the change was sent and may have been applied\\.\nCheck with: qovery-sso show --org \\S+ --connection example-saml`));
			assert.doesNotMatch(result.stderr, /nothing was changed/i);
		});
	}
});

describe('what the server says is shown as text, and safely', {concurrency: 4}, () => {
	test('a long message is cut to one short paragraph', async t => {
		const long = `Validation failed:\n\n${'the mapping is invalid; '.repeat(40)}`;
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 400, body: {message: long}}}]);
		const result = await run(t, 'apply', fake.url);
		assert.equal(result.code, 1);
		const line = result.stderr.split('\n').find(text => text.includes('HTTP 400'))!;
		assert.match(line, /\(HTTP 400\): Validation failed: the mapping is invalid;/);
		assert.ok(line.length < 420, `${line.length} characters`);
		assert.match(line, /…$/);
	});

	test('terminal control sequences in a server message are not passed to the terminal', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 400, body: {message: 'bad\u001B[2J\u001B]0;pwned\u0007 request\u009B31m'}}}]);
		const result = await run(t, 'show', fake.url);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /\(HTTP 400\): bad.* request/);
		assert.doesNotMatch(result.stderr, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/, JSON.stringify(result.stderr));
	});

	test('a server message that repeats the token shows it masked', async t => {
		const fake = await fakeWith(t, [{method: 'GET', path: examplePaths.organizations, fault: {kind: 'status', status: 401, body: {message: `Token ${faultToken} is not valid`}}}]);
		const result = await run(t, 'show', fake.url, ['--debug']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /the token was rejected \(HTTP 401\): Token \*\*\*\*1234 is not valid/);
	});

	test('a plain-text error body is shown as it was sent', async t => {
		const fake = await fakeWith(t, [{method: 'PUT', path: examplePaths.connection, fault: {kind: 'status', status: 400, body: 'default_role: unknown role key'}}]);
		const result = await run(t, 'apply', fake.url);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /\(HTTP 400\): default_role: unknown role key/);
	});
});

test('no output of this file holds the token, or more of it than the masked tail', async () => {
	await log.settled();
	log.assertNoToken();
});
