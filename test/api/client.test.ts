import assert from 'node:assert/strict';
import {describe, test, type TestContext} from 'node:test';
import {createClient, type ClientOptions, type RetryNotice} from '../../source/api/client.js';
import {ApiError, type ApiErrorKind} from '../../source/api/errors.js';
import {defaultRetryPolicy} from '../../source/api/retry.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {startFakeApi, type FakeApi, type FakeApiOptions} from '../../source/fake/server.js';

const acme = demoIds.acme.organization;
const globex = demoIds.globex.organization;
const jwt = [
	Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'),
	Buffer.from('{"sub":"auth0|42","exp":4102444800}').toString('base64url'),
	'c2lnbmF0dXJl',
].join('.');

async function fake(t: TestContext, options: FakeApiOptions = {}): Promise<FakeApi> {
	const api = await startFakeApi(options);
	t.after(async () => api.close());
	return api;
}

/** A client on the fake whose waits are recorded instead of slept. */
function clientOn(api: FakeApi, options: Partial<ClientOptions> = {}) {
	const sleeps: number[] = [];
	const notices: RetryNotice[] = [];
	const client = createClient({
		apiUrl: api.url,
		token: 'qov_test_token',
		timeoutMs: 5000,
		sleep: async ms => {
			sleeps.push(ms);
		},
		onRetry: notice => notices.push(notice),
		...options,
	});
	return {client, sleeps, notices};
}

async function failure(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
		assert.equal(error.kind, kind, error.message);
		return error;
	}

	assert.fail(`expected an ApiError of kind ${kind}, but the call succeeded`);
}

const okta = {
	connection_name: 'acme-okta',
	default_role: 'viewer',
	enforce_group_sync: true,
	group_mappings: {admin: ['Platform-Admins'], [demoIds.acme.securityAuditor]: ['SecOps', 'Auditors']},
};

describe('each method against the fake', () => {
	test('listOrganizations returns id and name only', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		assert.deepEqual(await client.listOrganizations(), [
			{id: acme, name: 'Acme Corp'},
			{id: globex, name: 'Globex Labs'},
		]);
		assert.deepEqual(api.requests.map(request => [request.method, request.path]), [['GET', '/organization']]);
	});

	test('listAvailableRoles returns basic then custom roles of that organization', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const roles = await client.listAvailableRoles(globex);
		assert.deepEqual(roles.map(role => role.name), ['Admin', 'DevOps', 'Billing', 'Viewer', 'Security Auditor', 'Release Manager', 'Data Scientist']);
		assert.equal(roles[6]!.id, demoIds.globex.dataScientist);
		assert.deepEqual(Object.keys(roles[0]!).sort(), ['id', 'name']);
		assert.equal(api.requests[0]!.path, `/organization/${globex}/availableRole`);
	});

	test('listConnections keeps the four fields, drops extras and leaves a missing sync unknown', async t => {
		const state = demoState();
		state.organizations[1]!.connections.push({connection_name: 'old', default_role: 'viewer', group_mappings: {}, created_at: '2023-01-01T00:00:00Z'});
		const api = await fake(t, {state});
		const {client} = clientOn(api);
		const connections = await client.listConnections(globex);
		assert.deepEqual(connections, [
			{connection_name: 'globex-saml', default_role: 'devops', enforce_group_sync: true, group_mappings: {admin: ['Globex Admins']}},
			{connection_name: 'old', default_role: 'viewer', enforce_group_sync: undefined, group_mappings: {}},
		]);
		assert.ok(!('created_at' in connections[1]!));
	});

	test('getConnection returns the stored connection, legacy key included', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const connection = await client.getConnection(acme, 'acme-okta');
		assert.equal(connection.enforce_group_sync, false);
		assert.deepEqual(connection.group_mappings, {
			admin: ['Platform-Admins'],
			devops: ['DevOps', 'SRE'],
			[demoIds.acme.securityAuditor]: ['SecOps'],
			[demoIds.acme.deletedRole]: ['Old-Team'],
		});
	});

	test('putConnection sends exactly the connection and returns what was stored', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const saved = await client.putConnection(acme, okta);
		assert.deepEqual(saved, okta);
		assert.deepEqual(api.state.organizations[0]!.connections[0], okta);
		assert.equal(api.puts().length, 1);
		assert.deepEqual(api.puts()[0]!.body, okta);
		assert.equal(api.puts()[0]!.path, `/organization/${acme}/enterpriseconnection/acme-okta`);
	});

	for (const name of ['Okta Prod', 'eu/okta', 'Entra – Zürich ✓', '100%?#x']) {
		test(`the connection name "${name}" is URL-encoded on GET and PUT`, async t => {
			const state = demoState();
			state.organizations[0]!.connections.push({connection_name: name, default_role: 'viewer', enforce_group_sync: false, group_mappings: {}});
			const api = await fake(t, {state});
			const {client} = clientOn(api);
			assert.equal((await client.getConnection(acme, name)).connection_name, name);
			const saved = await client.putConnection(acme, {connection_name: name, default_role: 'devops', enforce_group_sync: true, group_mappings: {viewer: ['All']}});
			assert.equal(saved.default_role, 'devops');
			const path = `/organization/${acme}/enterpriseconnection/${name}`;
			assert.deepEqual(api.requests.map(request => [request.method, request.path, request.status]), [['GET', path, 200], ['PUT', path, 200]]);
		});
	}

	test('a trailing slash on the API URL is tolerated', async t => {
		const api = await fake(t);
		const {client} = clientOn(api, {apiUrl: `${api.url}//`});
		assert.equal((await client.listOrganizations()).length, 2);
		assert.equal(api.requests[0]!.path, '/organization');
	});
});

describe('authorization scheme', () => {
	test('a JWT goes as Bearer', async t => {
		const api = await fake(t, {acceptedTokens: [jwt]});
		const {client} = clientOn(api, {token: jwt});
		await client.listOrganizations();
		await client.putConnection(acme, okta);
		assert.deepEqual(api.requests.map(request => [request.scheme, request.status]), [['Bearer', 200], ['Bearer', 200]]);
	});

	test('an API token goes as Token', async t => {
		const api = await fake(t, {acceptedTokens: ['qov_abc123']});
		const {client} = clientOn(api, {token: 'qov_abc123'});
		await client.listOrganizations();
		assert.deepEqual(api.requests.map(request => [request.scheme, request.status]), [['Token', 200]]);
	});

	test('something JWT-like whose header is not JSON goes as Token', async t => {
		const api = await fake(t);
		const {client} = clientOn(api, {token: 'abc.def.ghi'});
		await client.listOrganizations();
		assert.equal(api.requests[0]!.scheme, 'Token');
	});
});

describe('wrong shapes', () => {
	test('group_mappings null is a shape error', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {connection_name: 'acme-okta', default_role: 'viewer', enforce_group_sync: true, group_mappings: null}}});
		const {client} = clientOn(api);
		const error = await failure(client.getConnection(acme, 'acme-okta'), 'shape');
		assert.match(error.message, /group_mappings/);
	});

	test('group_mappings a string is a shape error, in a list too', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {results: [{connection_name: 'x', default_role: 'viewer', enforce_group_sync: true, group_mappings: 'admin'}]}}});
		const {client} = clientOn(api);
		const error = await failure(client.listConnections(acme), 'shape');
		assert.match(error.message, /results\[0\]\.group_mappings/);
	});

	test('a group list holding a number is a shape error', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {connection_name: 'acme-okta', default_role: 'viewer', enforce_group_sync: true, group_mappings: {admin: ['ok', 3]}}}});
		const {client} = clientOn(api);
		await failure(client.getConnection(acme, 'acme-okta'), 'shape');
	});

	test('enforce_group_sync as a string is a shape error', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {connection_name: 'acme-okta', default_role: 'viewer', enforce_group_sync: 'yes', group_mappings: {}}}});
		const {client} = clientOn(api);
		const error = await failure(client.getConnection(acme, 'acme-okta'), 'shape');
		assert.match(error.message, /enforce_group_sync/);
	});

	for (const [name, body, run] of [
		['organizations', {}, (client: ReturnType<typeof clientOn>['client']) => client.listOrganizations()],
		['roles', {items: []}, (client: ReturnType<typeof clientOn>['client']) => client.listAvailableRoles(acme)],
		['connections', {results: null}, (client: ReturnType<typeof clientOn>['client']) => client.listConnections(acme)],
	] as const) {
		test(`a ${name} list without results is a shape error`, async t => {
			const api = await fake(t);
			api.inject({fault: {kind: 'json', body}});
			const {client} = clientOn(api);
			const error = await failure(run(client), 'shape');
			assert.match(error.message, /results/);
		});
	}

	test('malformed JSON is a shape error, not a crash', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'malformed-json'}});
		const {client} = clientOn(api);
		const error = await failure(client.listOrganizations(), 'shape');
		assert.match(error.message, /malformed JSON/);
		assert.equal(api.requests.length, 1, 'a wrong shape is not retried');
	});

	test('an HTML page with 200 is a shape error', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'status', status: 200, body: '<html><body>Sign in to the Wi-Fi</body></html>'}});
		const {client} = clientOn(api);
		await failure(client.listOrganizations(), 'shape');
	});

	test('a wrong-shaped answer to a PUT is a shape error after the PUT was sent once', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'json', body: {ok: true}}});
		const {client} = clientOn(api);
		await failure(client.putConnection(acme, okta), 'shape');
		assert.equal(api.puts().length, 1);
	});
});

describe('HTTP errors', () => {
	test('401 from a refused token is unauthorized and carries the server message', async t => {
		const api = await fake(t, {acceptedTokens: ['qov_other']});
		const {client} = clientOn(api);
		const error = await failure(client.listOrganizations(), 'unauthorized');
		assert.equal(error.status, 401);
		assert.equal(error.serverMessage, 'the token is invalid or expired');
		assert.match(error.message, /the token is invalid or expired/);
		assert.ok(!error.message.includes('qov_test_token'));
		assert.equal(api.requests.length, 1);
	});

	test('403 is forbidden with the server message', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'status', status: 403, body: {status: 403, error: 'Forbidden', message: 'You need the admin role on this organization'}}});
		const {client} = clientOn(api);
		const error = await failure(client.putConnection(acme, okta), 'forbidden');
		assert.match(error.message, /You need the admin role on this organization/);
		assert.equal(api.puts().length, 1);
	});

	test('404 for an unknown organization names it', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const missing = '00000000-0000-4000-8000-000000000000';
		const error = await failure(client.listConnections(missing), 'not-found');
		assert.match(error.message, new RegExp(`organization ${missing}`));
		assert.match(error.message, new RegExp(`Organization ${missing} not found`));
		assert.equal(api.requests.length, 1);
	});

	test('404 for an unknown connection names it', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const error = await failure(client.getConnection(acme, 'nope'), 'not-found');
		assert.match(error.message, /connection "nope"/);
		assert.match(error.message, /Enterprise connection 'nope' not found/);
	});

	test('409 is a conflict with the server message', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'status', status: 409, body: {message: 'connection was modified concurrently'}}});
		const {client} = clientOn(api);
		const error = await failure(client.putConnection(acme, okta), 'conflict');
		assert.match(error.message, /connection was modified concurrently/);
	});

	test('400 from the fake validation is invalid and shows which role is unknown', async t => {
		const api = await fake(t);
		const {client} = clientOn(api);
		const unknown = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
		const error = await failure(client.putConnection(acme, {...okta, group_mappings: {[unknown]: ['X']}}), 'invalid');
		assert.equal(error.status, 400);
		assert.match(error.message, new RegExp(`Role '${unknown}' does not exist in organization`));
		assert.deepEqual(api.state.organizations[0]!.connections[0]!.enforce_group_sync, false);
	});

	test('an HTML error page gives the status without the page', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'status', status: 500, body: '<html><h1>Internal Server Error</h1></html>'}});
		const {client} = clientOn(api);
		const error = await failure(client.listOrganizations(), 'server');
		assert.match(error.message, /HTTP 500/);
		assert.ok(!error.message.includes('<html>'));
		assert.equal(api.requests.length, 1, '500 is not retried');
	});
});

describe('retries', () => {
	test('a GET is retried on 503 with growing waits, then succeeds', async t => {
		const api = await fake(t);
		api.inject({method: 'GET', path: '/organization', times: 2, fault: {kind: 'status', status: 503}});
		const {client, sleeps, notices} = clientOn(api);
		assert.equal((await client.listOrganizations()).length, 2);
		assert.equal(api.requests.length, 3);
		assert.deepEqual(sleeps, [500, 1000]);
		assert.deepEqual(notices.map(notice => notice.attempt), [1, 2]);
		assert.match(notices[0]!.reason, /HTTP 503/);
	});

	test('a GET on 429 waits what Retry-After says', async t => {
		const api = await fake(t);
		api.inject({method: 'GET', fault: {kind: 'status', status: 429, headers: {'retry-after': '1'}}});
		const {client, sleeps} = clientOn(api);
		assert.equal((await client.listAvailableRoles(acme)).length, 7);
		assert.deepEqual(sleeps, [1000]);
		assert.equal(api.requests.length, 2);
	});

	test('a GET on 429 with a Retry-After beyond the limit gives up at once', async t => {
		const api = await fake(t);
		api.inject({method: 'GET', fault: {kind: 'status', status: 429, headers: {'retry-after': '3600'}}});
		const {client, sleeps} = clientOn(api);
		await failure(client.listOrganizations(), 'rate-limited');
		assert.deepEqual(sleeps, []);
		assert.equal(api.requests.length, 1);
	});

	test('a PUT is retried on 502 and then stored once', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'status', status: 502, body: '<html>Bad Gateway</html>'}});
		const {client, sleeps} = clientOn(api);
		assert.deepEqual(await client.putConnection(acme, okta), okta);
		assert.deepEqual(api.puts().map(put => put.status), [502, 200]);
		assert.deepEqual(sleeps, [500]);
	});

	for (const [status, kind] of [[400, 'invalid'], [409, 'conflict'], [429, 'rate-limited']] as const) {
		test(`a PUT is not retried on ${status}`, async t => {
			const api = await fake(t);
			api.inject({method: 'PUT', times: Infinity, fault: {kind: 'status', status, body: {message: `refused with ${status}`}, headers: {'retry-after': '1'}}});
			const {client, sleeps} = clientOn(api);
			const error = await failure(client.putConnection(acme, okta), kind);
			assert.match(error.message, new RegExp(`refused with ${status}`));
			assert.equal(api.puts().length, 1);
			assert.deepEqual(sleeps, []);
		});
	}

	test('attempts are bounded: a GET failing with 503 forever stops after maxAttempts', async t => {
		const api = await fake(t);
		api.inject({method: 'GET', times: Infinity, fault: {kind: 'status', status: 503}});
		const {client, sleeps} = clientOn(api);
		const error = await failure(client.listOrganizations(), 'server');
		assert.equal(error.status, 503);
		assert.equal(api.requests.length, defaultRetryPolicy.maxAttempts);
		assert.deepEqual(sleeps, [500, 1000, 2000]);
	});

	test('a custom policy bounds attempts too', async t => {
		const api = await fake(t);
		api.inject({times: Infinity, fault: {kind: 'status', status: 504}});
		const {client} = clientOn(api, {retry: {...defaultRetryPolicy, maxAttempts: 2}});
		await failure(client.putConnection(acme, okta), 'server');
		assert.equal(api.puts().length, 2);
	});
});

describe('network faults', () => {
	test('a connection reset is a network error, retried, and bounded', async t => {
		const api = await fake(t);
		api.inject({times: Infinity, fault: {kind: 'reset'}});
		const {client, sleeps} = clientOn(api);
		const error = await failure(client.listOrganizations(), 'network');
		assert.match(error.message, /cut before the answer arrived/);
		assert.equal(api.requests.length, defaultRetryPolicy.maxAttempts);
		assert.equal(sleeps.length, defaultRetryPolicy.maxAttempts - 1);
	});

	test('a reset inside the body is a network error too', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'reset', at: 'body'}});
		const {client} = clientOn(api, {retry: {...defaultRetryPolicy, maxAttempts: 1}});
		const error = await failure(client.listOrganizations(), 'network');
		assert.match(error.message, /cut before the answer arrived/);
	});

	test('one reset then a normal answer: the PUT goes through on the second attempt', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'reset'}});
		const {client} = clientOn(api);
		assert.deepEqual(await client.putConnection(acme, okta), okta);
		assert.deepEqual(api.puts().map(put => put.fault ?? put.status), ['reset', 200]);
	});

	test('a hung server is a timeout after timeoutMs, per attempt, and bounded', async t => {
		const api = await fake(t);
		api.inject({times: Infinity, fault: {kind: 'hang'}});
		const {client} = clientOn(api, {timeoutMs: 300, retry: {...defaultRetryPolicy, maxAttempts: 2}});
		const started = Date.now();
		await failure(client.listOrganizations(), 'timeout');
		const elapsed = Date.now() - started;
		assert.equal(api.requests.length, 2);
		assert.ok(elapsed >= 550 && elapsed < 3000, `took ${elapsed} ms`);
	});

	test('a slow answer within the timeout succeeds', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'delay', ms: 100}});
		const {client} = clientOn(api, {timeoutMs: 300});
		assert.equal((await client.listOrganizations()).length, 2);
		assert.equal(api.requests.length, 1);
	});

	test('a refused connection is a network error saying so', async t => {
		const api = await startFakeApi();
		await api.close();
		const {client} = clientOn(api, {retry: {...defaultRetryPolicy, maxAttempts: 1}});
		const error = await failure(client.listOrganizations(), 'network');
		assert.match(error.message, /refused/);
		t.diagnostic(error.message);
	});

	test('the debug log names method, path and outcome, never the token', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'status', status: 503}});
		const lines: string[] = [];
		const {client} = clientOn(api, {token: jwt, log: line => lines.push(line)});
		await client.listOrganizations();
		assert.match(lines[0]!, /^GET \/organization -> 503/);
		assert.match(lines.at(-1)!, /^GET \/organization -> 200/);
		assert.ok(lines.every(line => !line.includes(jwt)));
	});

	test('a body that stalls after the headers is a timeout', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'hang', at: 'body'}});
		const {client} = clientOn(api, {timeoutMs: 300, retry: {...defaultRetryPolicy, maxAttempts: 1}});
		const outcome = client.listOrganizations().then(() => 'succeeded', (error: unknown) => error instanceof ApiError ? error.kind : 'other');
		const result = await Promise.race([outcome, new Promise(resolve => setTimeout(resolve, 1500, 'still waiting'))]);
		await api.close();
		await outcome;
		assert.equal(result, 'timeout');
	});
});
