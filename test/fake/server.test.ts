import assert from 'node:assert/strict';
import {describe, test, type TestContext} from 'node:test';
import {demoIds, demoState, largeState} from '../../source/fake/demo-data.js';
import {startFakeApi, type FakeApiOptions, type FakeApi} from '../../source/fake/server.js';

const acme = demoIds.acme.organization;
const globex = demoIds.globex.organization;
const jwt = [
	Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'),
	Buffer.from('{"sub":"auth0|42"}').toString('base64url'),
	'c2lnbmF0dXJl',
].join('.');

async function fake(t: TestContext, options: FakeApiOptions = {}): Promise<FakeApi> {
	const api = await startFakeApi(options);
	t.after(async () => api.close());
	return api;
}

type Call = {
	method?: string;
	auth?: string | null;
	body?: unknown;
	raw?: string;
	contentType?: string | null;
	timeoutMs?: number;
};

async function call(api: FakeApi, path: string, options: Call = {}) {
	const headers: Record<string, string> = {};
	const auth = options.auth === undefined ? 'Token qov_test' : options.auth;
	if (auth !== null) {
		headers.authorization = auth;
	}

	const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const contentType = options.contentType === undefined ? (raw === undefined ? null : 'application/json') : options.contentType;
	if (contentType !== null) {
		headers['content-type'] = contentType;
	}

	const response = await fetch(api.url + path, {
		method: options.method ?? 'GET',
		headers,
		body: raw,
		signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text) as unknown;
	} catch {
		json = undefined;
	}

	return {status: response.status, headers: response.headers, text, json: json as any};
}

const connectionPath = (organization: string, name: string) =>
	`/organization/${organization}/enterpriseconnection/${encodeURIComponent(name)}`;

const validOkta = () => ({
	connection_name: 'acme-okta',
	default_role: 'viewer',
	enforce_group_sync: true,
	group_mappings: {admin: ['Platform-Admins'], [demoIds.acme.releaseManager]: ['Release']},
});

describe('authorization', () => {
	test('a missing Authorization header gets 401 with a JSON error body', async t => {
		const api = await fake(t);
		const answer = await call(api, '/organization', {auth: null});
		assert.equal(answer.status, 401);
		assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
		assert.deepEqual(answer.json, {status: 401, error: 'Unauthorized', message: 'Authorization header is missing'});
		assert.equal(api.requests[0]!.scheme, undefined);
	});

	for (const header of ['Basic dXNlcjpwYXNz', 'Bearer not-a-jwt', 'Bearer a.b', 'Bearer a.b.c.d', 'Bearer a.b.c$', 'Token ', 'Token', 'token qov_x', 'Token two words', 'qov_x']) {
		test(`a malformed Authorization "${header}" gets 401`, async t => {
			const api = await fake(t);
			const answer = await call(api, '/organization', {auth: header});
			assert.equal(answer.status, 401);
			assert.equal(answer.json.status, 401);
			assert.equal(answer.json.error, 'Unauthorized');
			assert.equal(typeof answer.json.message, 'string');
		});
	}

	test('a JWT as Bearer and an API token as Token both pass, and the scheme is recorded', async t => {
		const api = await fake(t);
		assert.equal((await call(api, '/organization', {auth: `Bearer ${jwt}`})).status, 200);
		assert.equal((await call(api, '/organization', {auth: 'Token qov_abc'})).status, 200);
		assert.deepEqual(api.requests.map(request => request.scheme), ['Bearer', 'Token']);
	});

	test('with acceptedTokens, a well-formed token not in the list gets 401', async t => {
		const api = await fake(t, {acceptedTokens: ['qov_good', jwt]});
		assert.equal((await call(api, '/organization', {auth: 'Token qov_bad'})).status, 401);
		assert.equal((await call(api, '/organization', {auth: 'Token qov_good'})).status, 200);
		assert.equal((await call(api, '/organization', {auth: `Bearer ${jwt}`})).status, 200);
		// An accepted API token is still refused as Bearer: it is not a JWT.
		assert.equal((await call(api, '/organization', {auth: 'Bearer qov_good'})).status, 401);
	});
});

describe('routes', () => {
	test('GET /organization lists id, name and created_at', async t => {
		const api = await fake(t);
		const answer = await call(api, '/organization');
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json.results.map((entry: {id: string; name: string}) => [entry.id, entry.name]), [
			[acme, 'Acme Corp'],
			[globex, 'Globex Labs'],
		]);
		assert.deepEqual(Object.keys(answer.json.results[0]).sort(), ['created_at', 'id', 'name']);
		assert.ok(!Number.isNaN(Date.parse(answer.json.results[0].created_at)));
	});

	test('availableRole lists the basic roles with UUIDs first, then the custom roles', async t => {
		const api = await fake(t);
		const answer = await call(api, `/organization/${acme}/availableRole`);
		assert.equal(answer.status, 200);
		const results = answer.json.results as Array<{id: string; name: string}>;
		assert.deepEqual(results.map(role => role.name), ['Admin', 'DevOps', 'Billing', 'Viewer', 'Security Auditor', 'Release Manager', 'Contractor']);
		const uuid = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;
		for (const role of results) {
			assert.match(role.id, uuid);
		}

		assert.equal(results[4]!.id, demoIds.acme.securityAuditor);
		const other = await call(api, `/organization/${globex}/availableRole`);
		const globexNames = (other.json.results as Array<{name: string}>).map(role => role.name);
		assert.deepEqual(globexNames, ['Admin', 'DevOps', 'Billing', 'Viewer', 'Security Auditor', 'Release Manager', 'Data Scientist']);
		assert.notEqual(other.json.results[0].id, results[0]!.id, 'basic role ids differ per organization');
		const again = await fake(t);
		assert.deepEqual((await call(again, `/organization/${acme}/availableRole`)).json, answer.json, 'ids are stable');
	});

	test('connections are listed and read exactly as stored, odd shapes included', async t => {
		const state = demoState();
		const odd = {connection_name: 'legacy', default_role: 'viewer', group_mappings: {}, created_at: '2023-01-01T00:00:00Z'};
		state.organizations[1]!.connections.push(odd);
		const api = await fake(t, {state});
		const list = await call(api, `/organization/${globex}/enterpriseconnection`);
		assert.equal(list.status, 200);
		assert.deepEqual(list.json, {results: [state.organizations[1]!.connections[0], odd]});
		const one = await call(api, connectionPath(globex, 'legacy'));
		assert.deepEqual(one.json, odd);
		const okta = await call(api, connectionPath(acme, 'acme-okta'));
		assert.deepEqual(okta.json.group_mappings[demoIds.acme.deletedRole], ['Old-Team']);
	});

	test('an unknown organization gets 404 on every organization route', async t => {
		const api = await fake(t);
		const missing = '00000000-0000-4000-8000-000000000000';
		for (const [method, path] of [
			['GET', `/organization/${missing}/availableRole`],
			['GET', `/organization/${missing}/enterpriseconnection`],
			['GET', connectionPath(missing, 'acme-okta')],
			['PUT', connectionPath(missing, 'acme-okta')],
		] as const) {
			const answer = await call(api, path, {method, body: method === 'PUT' ? validOkta() : undefined});
			assert.equal(answer.status, 404, `${method} ${path}`);
			assert.equal(answer.json.error, 'Not Found');
			assert.match(answer.json.message, new RegExp(missing));
		}
	});

	test('an unknown connection name gets 404 on GET and PUT, and nothing is created', async t => {
		const api = await fake(t);
		assert.equal((await call(api, connectionPath(acme, 'nope'))).status, 404);
		const put = await call(api, connectionPath(acme, 'nope'), {method: 'PUT', body: {...validOkta(), connection_name: 'nope'}});
		assert.equal(put.status, 404);
		assert.match(put.json.message, /'nope'/);
		assert.equal(api.state.organizations[0]!.connections.length, 2);
		// A connection of another organization is not found here either.
		assert.equal((await call(api, connectionPath(acme, 'globex-saml'))).status, 404);
	});

	for (const path of ['/', '/organizations', '/organization/', `/organization/${acme}`, `/organization/${acme}/availableRoles`, `/organization/${acme}/enterpriseconnection/`, `/organization/${acme}/enterpriseconnection/acme-okta/extra`, `/organization/${acme}//enterpriseconnection`]) {
		test(`unknown route ${path} gets 404`, async t => {
			const api = await fake(t);
			const answer = await call(api, path);
			assert.equal(answer.status, 404);
			assert.equal(answer.json.status, 404);
		});
	}

	for (const [method, path, allow] of [
		['POST', '/organization', 'GET'],
		['PUT', `/organization/${acme}/availableRole`, 'GET'],
		['POST', `/organization/${acme}/enterpriseconnection`, 'GET'],
		['DELETE', connectionPath(acme, 'acme-okta'), 'GET, PUT'],
		['PATCH', connectionPath(acme, 'acme-okta'), 'GET, PUT'],
	] as const) {
		test(`${method} ${path} gets 405 with Allow: ${allow}`, async t => {
			const api = await fake(t);
			const answer = await call(api, path, {method});
			assert.equal(answer.status, 405);
			assert.equal(answer.headers.get('allow'), allow);
			assert.equal(api.state.organizations[0]!.connections.length, 2);
		});
	}

	test('auth is checked before the route: an unknown route without a token gets 401', async t => {
		const api = await fake(t);
		assert.equal((await call(api, '/nowhere', {auth: null})).status, 401);
	});
});

describe('PUT validation', () => {
	const cases: Array<[string, (body: Record<string, unknown>) => void, RegExp]> = [
		['connection_name missing', body => delete body.connection_name, /^connection_name is required and must be a string$/],
		['connection_name a number', body => body.connection_name = 5, /^connection_name is required and must be a string$/],
		['connection_name not the URL name', body => body.connection_name = 'acme-entra', /connection_name 'acme-entra' does not match the connection 'acme-okta'/],
		['default_role missing', body => delete body.default_role, /^default_role is required and must be a string$/],
		['default_role null', body => body.default_role = null, /^default_role is required and must be a string$/],
		['default_role a list', body => body.default_role = ['viewer'], /^default_role is required and must be a string$/],
		['enforce_group_sync missing', body => delete body.enforce_group_sync, /^enforce_group_sync is required and must be a boolean$/],
		['enforce_group_sync a string', body => body.enforce_group_sync = 'true', /^enforce_group_sync is required and must be a boolean$/],
		['enforce_group_sync null', body => body.enforce_group_sync = null, /^enforce_group_sync is required and must be a boolean$/],
		['enforce_group_sync 1', body => body.enforce_group_sync = 1, /^enforce_group_sync is required and must be a boolean$/],
		['group_mappings missing', body => delete body.group_mappings, /^group_mappings is required and must be an object/],
		['group_mappings null', body => body.group_mappings = null, /^group_mappings is required and must be an object/],
		['group_mappings a string', body => body.group_mappings = 'admin', /^group_mappings is required and must be an object/],
		['group_mappings a list', body => body.group_mappings = [['admin', ['x']]], /^group_mappings is required and must be an object/],
		['a group list a string', body => body.group_mappings = {admin: 'Platform-Admins'}, /^group_mappings\.admin must be an array of strings$/],
		['a group list with a number', body => body.group_mappings = {viewer: ['ok', 7]}, /^group_mappings\.viewer must be an array of strings$/],
		['a group list with null', body => body.group_mappings = {viewer: [null]}, /^group_mappings\.viewer must be an array of strings$/],
	];

	for (const [name, change, message] of cases) {
		test(`${name} gets 400 naming the field, and the stored connection is untouched`, async t => {
			const api = await fake(t);
			const before = structuredClone(api.state.organizations[0]!.connections[0]);
			const body: Record<string, unknown> = validOkta();
			change(body);
			const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body});
			assert.equal(answer.status, 400);
			assert.equal(answer.json.status, 400);
			assert.equal(answer.json.error, 'Bad Request');
			assert.match(answer.json.message, message);
			assert.deepEqual(api.state.organizations[0]!.connections[0], before);
			assert.equal(api.puts().length, 1);
			assert.equal(api.puts()[0]!.status, 400);
		});
	}

	for (const [name, raw] of [['malformed JSON', '{"connection_name": "acme-okta",'], ['a JSON list', '[]'], ['a JSON string', '"acme-okta"'], ['a JSON number', '42'], ['JSON null', 'null'], ['an empty body', '']] as const) {
		test(`${name} as the body gets 400`, async t => {
			const api = await fake(t);
			const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', raw, contentType: 'application/json'});
			assert.equal(answer.status, 400);
			assert.equal(answer.json.error, 'Bad Request');
			assert.equal(api.state.organizations[0]!.connections[0]!.enforce_group_sync, false);
		});
	}

	test('malformed JSON is recorded as raw text', async t => {
		const api = await fake(t);
		await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', raw: '{oops', contentType: 'application/json'});
		assert.equal(api.puts()[0]!.body, '{oops');
	});

	test('a body that is not announced as JSON gets 415', async t => {
		const api = await fake(t);
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', raw: JSON.stringify(validOkta()), contentType: 'text/plain'});
		assert.equal(answer.status, 415);
		const none = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', raw: JSON.stringify(validOkta()), contentType: null});
		assert.equal(none.status, 415);
	});

	test('an accepted PUT stores only the four documented fields and answers them', async t => {
		const api = await fake(t);
		const sent = {...validOkta(), created_at: '2020-01-01T00:00:00Z', id: 'x'};
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: sent, contentType: 'application/json; charset=utf-8'});
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json, validOkta());
		assert.deepEqual(api.state.organizations[0]!.connections[0], validOkta());
		assert.deepEqual((await call(api, connectionPath(acme, 'acme-okta'))).json, validOkta());
		assert.deepEqual(api.puts().map(put => [put.status, put.body]), [[200, sent]]);
		assert.deepEqual(api.state.organizations[0]!.connections[1]!.connection_name, 'acme-entra', 'the other connection stays');
	});

	test('an empty mapping object and empty group lists are accepted', async t => {
		const api = await fake(t);
		const body = {connection_name: 'globex-saml', default_role: 'viewer', enforce_group_sync: false, group_mappings: {admin: []}};
		assert.equal((await call(api, connectionPath(globex, 'globex-saml'), {method: 'PUT', body})).status, 200);
		const none = {...body, group_mappings: {}};
		assert.equal((await call(api, connectionPath(globex, 'globex-saml'), {method: 'PUT', body: none})).status, 200);
		assert.deepEqual(api.state.organizations[1]!.connections[0]!.group_mappings, {});
	});

	test('the stored connection sent back unchanged is accepted, its deleted role key included', async t => {
		const api = await fake(t);
		const stored = (await call(api, connectionPath(acme, 'acme-okta'))).json;
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: stored});
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json.group_mappings[demoIds.acme.deletedRole], ['Old-Team']);
	});

	test('a legacy key may keep its place with new groups, but a new unknown key is refused', async t => {
		const api = await fake(t);
		const body = validOkta();
		const withLegacy = {...body, group_mappings: {...body.group_mappings, [demoIds.acme.deletedRole]: ['Renamed-Team']}};
		assert.equal((await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: withLegacy})).status, 200);
		const unknown = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
		const withNew = {...body, group_mappings: {...body.group_mappings, [unknown]: ['X']}};
		const refused = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: withNew});
		assert.equal(refused.status, 400);
		assert.match(refused.json.message, new RegExp(`^Role '${unknown}' does not exist in organization`));
		assert.deepEqual(api.state.organizations[0]!.connections[0]!.group_mappings, withLegacy.group_mappings);
	});

	test('a legacy key of one connection is not accepted on another', async t => {
		const api = await fake(t);
		const body = {connection_name: 'acme-entra', default_role: 'viewer', enforce_group_sync: true, group_mappings: {[demoIds.acme.deletedRole]: ['Old-Team']}};
		const answer = await call(api, connectionPath(acme, 'acme-entra'), {method: 'PUT', body});
		assert.equal(answer.status, 400);
		assert.match(answer.json.message, /does not exist in organization/);
	});

	for (const [name, change, key] of [
		['an unknown default_role', (body: ReturnType<typeof validOkta>) => ({...body, default_role: 'superuser'}), 'superuser'],
		['a basic role in capitals', (body: ReturnType<typeof validOkta>) => ({...body, group_mappings: {Admin: ['X']}}), 'Admin'],
		['a custom role by name, not id', (body: ReturnType<typeof validOkta>) => ({...body, group_mappings: {'Release Manager': ['X']}}), 'Release Manager'],
		['another organization\'s custom role id', (body: ReturnType<typeof validOkta>) => ({...body, group_mappings: {[demoIds.globex.dataScientist]: ['X']}}), demoIds.globex.dataScientist],
	] as const) {
		test(`${name} is refused with "Role '${key}' does not exist"`, async t => {
			const api = await fake(t);
			const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: change(validOkta())});
			assert.equal(answer.status, 400);
			assert.equal(answer.json.message, `Role '${key}' does not exist in organization ${acme}`);
		});
	}

	test('a basic role keyed by its availableRole UUID is refused: basic roles go by name', async t => {
		const api = await fake(t);
		const roles = (await call(api, `/organization/${acme}/availableRole`)).json.results as Array<{id: string; name: string}>;
		const adminId = roles.find(role => role.name === 'Admin')!.id;
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: {...validOkta(), group_mappings: {[adminId]: ['X']}}});
		assert.equal(answer.status, 400);
		assert.match(answer.json.message, new RegExp(adminId));
	});

	test('a custom role id may be the default role', async t => {
		const api = await fake(t);
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: {...validOkta(), default_role: demoIds.acme.contractor}});
		assert.equal(answer.status, 200);
		assert.equal(api.state.organizations[0]!.connections[0]!.default_role, demoIds.acme.contractor);
	});
});

describe('connection names in the URL', () => {
	for (const name of ['Okta Prod', 'eu/okta', 'Entra – Zürich ✓', 'a%2Fb', '50% off?#']) {
		test(`"${name}" is found when percent-encoded, and recorded decoded`, async t => {
			const state = demoState();
			state.organizations[0]!.connections.push({connection_name: name, default_role: 'viewer', enforce_group_sync: false, group_mappings: {}});
			const api = await fake(t, {state});
			const get = await call(api, connectionPath(acme, name));
			assert.equal(get.status, 200);
			assert.equal(get.json.connection_name, name);
			const body = {connection_name: name, default_role: 'devops', enforce_group_sync: true, group_mappings: {}};
			const put = await call(api, connectionPath(acme, name), {method: 'PUT', body});
			assert.equal(put.status, 200);
			assert.equal(api.state.organizations[0]!.connections[2]!.default_role, 'devops');
			assert.equal(api.requests[0]!.path, `/organization/${acme}/enterpriseconnection/${name}`);
		});
	}

	test('an unencoded slash splits the path, so the name is not found', async t => {
		const state = demoState();
		state.organizations[0]!.connections.push({connection_name: 'eu/okta', default_role: 'viewer', enforce_group_sync: false, group_mappings: {}});
		const api = await fake(t, {state});
		assert.equal((await call(api, `/organization/${acme}/enterpriseconnection/eu/okta`)).status, 404);
	});

	test('a broken percent-encoding gets 400', async t => {
		const api = await fake(t);
		const answer = await call(api, `/organization/${acme}/enterpriseconnection/%E0%A4%A`);
		assert.equal(answer.status, 400);
		assert.equal(api.requests[0]!.path, `/organization/${acme}/enterpriseconnection/%E0%A4%A`);
	});
});

describe('faults', () => {
	test('status with an object body answers JSON, then the next request is normal', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'status', status: 503, body: {message: 'maintenance'}, headers: {'retry-after': '7'}}});
		const first = await call(api, '/organization');
		assert.equal(first.status, 503);
		assert.equal(first.headers.get('content-type'), 'application/json');
		assert.equal(first.headers.get('retry-after'), '7');
		assert.deepEqual(first.json, {message: 'maintenance'});
		assert.equal((await call(api, '/organization')).status, 200);
		assert.deepEqual(api.requests.map(request => [request.fault, request.status]), [['status', 503], [undefined, 200]]);
	});

	test('status with a string body is HTML when it starts with <, plain text otherwise', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'status', status: 502, body: '<html><body>Bad gateway</body></html>'}});
		api.inject({fault: {kind: 'status', status: 500, body: 'upstream died'}});
		api.inject({fault: {kind: 'status', status: 504}});
		const html = await call(api, '/organization');
		assert.deepEqual([html.status, html.headers.get('content-type'), html.text], [502, 'text/html', '<html><body>Bad gateway</body></html>']);
		const plain = await call(api, '/organization');
		assert.deepEqual([plain.status, plain.headers.get('content-type'), plain.text], [500, 'text/plain', 'upstream died']);
		const empty = await call(api, '/organization');
		assert.deepEqual([empty.status, empty.headers.get('content-type'), empty.text], [504, null, '']);
	});

	test('a fault applies before auth and routing, and is recorded', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {results: 'nope'}}});
		const answer = await call(api, '/nowhere', {auth: null});
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json, {results: 'nope'});
		assert.equal(api.requests[0]!.fault, 'json');
	});

	test('rules match by method and by path (string or RegExp), first match wins, in order', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'status', status: 409}});
		api.inject({path: /\/availableRole$/, fault: {kind: 'status', status: 418}});
		api.inject({path: '/organization', fault: {kind: 'status', status: 429}});
		api.inject({path: '/organization', fault: {kind: 'status', status: 430}});
		assert.equal((await call(api, `/organization/${acme}/enterpriseconnection`)).status, 200);
		assert.equal((await call(api, `/organization/${acme}/availableRole`)).status, 418);
		assert.equal((await call(api, '/organization')).status, 429);
		assert.equal((await call(api, '/organization')).status, 430);
		assert.equal((await call(api, '/organization')).status, 200);
		assert.equal((await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: validOkta()})).status, 409);
		assert.equal(api.state.organizations[0]!.connections[0]!.enforce_group_sync, false, 'a faulted PUT stores nothing');
	});

	test('a path rule matches the decoded pathname', async t => {
		const api = await fake(t);
		api.inject({path: `/organization/${acme}/enterpriseconnection/a b/c`, fault: {kind: 'status', status: 451}});
		assert.equal((await call(api, connectionPath(acme, 'a b/c'))).status, 451);
	});

	test('times counts matching requests; Infinity lasts until clearFaults', async t => {
		const api = await fake(t);
		api.inject({times: 2, fault: {kind: 'status', status: 503}});
		const statuses = [];
		for (let index = 0; index < 3; index++) {
			statuses.push((await call(api, '/organization')).status);
		}

		assert.deepEqual(statuses, [503, 503, 200]);
		api.inject({method: 'GET', times: Infinity, fault: {kind: 'status', status: 500}});
		for (let index = 0; index < 5; index++) {
			assert.equal((await call(api, '/organization')).status, 500);
		}

		api.clearFaults();
		assert.equal((await call(api, '/organization')).status, 200);
	});

	test('reset cuts the connection inside the headers', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'reset'}});
		await assert.rejects(call(api, '/organization'), TypeError);
		assert.equal(api.requests[0]!.fault, 'reset');
		assert.equal(api.requests[0]!.status, undefined);
		assert.equal((await call(api, '/organization')).status, 200, 'the server keeps serving');
	});

	test('reset at body sends headers, then cuts the body', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'reset', at: 'body'}});
		const response = await fetch(api.url + '/organization', {headers: {authorization: 'Token x'}});
		assert.equal(response.status, 200);
		await assert.rejects(response.text(), TypeError);
	});

	test('hang never answers, and close() still returns promptly', async t => {
		const api = await startFakeApi();
		t.after(async () => api.close());
		api.inject({fault: {kind: 'hang'}});
		const pending = fetch(api.url + '/organization', {headers: {authorization: 'Token x'}});
		const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise(resolve => setTimeout(resolve, 300, 'waiting'))]);
		assert.equal(outcome, 'waiting');
		assert.equal(api.requests[0]!.fault, 'hang');
		const started = Date.now();
		await api.close();
		assert.ok(Date.now() - started < 1000, 'close did not wait for the hung socket');
		await assert.rejects(pending, TypeError);
	});

	test('hang at body sends headers and part of the body, then nothing', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'hang', at: 'body'}});
		const response = await fetch(api.url + '/organization', {headers: {authorization: 'Token x'}});
		assert.equal(response.status, 200);
		const body = response.text();
		const outcome = await Promise.race([body.then(() => 'done', () => 'failed'), new Promise(resolve => setTimeout(resolve, 300, 'waiting'))]);
		assert.equal(outcome, 'waiting');
		await api.close();
		await assert.rejects(body, TypeError);
	});

	test('malformed-json answers 200 application/json with a body that does not parse', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'malformed-json'}});
		const answer = await call(api, '/organization');
		assert.equal(answer.status, 200);
		assert.equal(answer.headers.get('content-type'), 'application/json');
		assert.ok(answer.text.length > 0);
		assert.throws(() => JSON.parse(answer.text) as unknown, SyntaxError);
	});

	test('json answers 200 with any body', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'json', body: {connection_name: 'acme-okta', group_mappings: null}}});
		api.inject({fault: {kind: 'json', body: [1, 'two']}});
		assert.deepEqual((await call(api, connectionPath(acme, 'acme-okta'))).json, {connection_name: 'acme-okta', group_mappings: null});
		assert.deepEqual((await call(api, connectionPath(acme, 'acme-okta'))).json, [1, 'two']);
	});

	test('delay answers normally after the delay', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'delay', ms: 250}});
		const started = Date.now();
		const answer = await call(api, '/organization');
		assert.ok(Date.now() - started >= 240, `took ${Date.now() - started} ms`);
		assert.equal(answer.status, 200);
		assert.equal(answer.json.results.length, 2);
		assert.equal(api.requests[0]!.fault, 'delay');
	});

	test('delay still applies the normal rules (here: 401)', async t => {
		const api = await fake(t);
		api.inject({fault: {kind: 'delay', ms: 10}});
		assert.equal((await call(api, '/organization', {auth: null})).status, 401);
	});

	test('mutate changes the state just before the request is handled', async t => {
		const api = await fake(t);
		api.inject({
			method: 'GET',
			path: `/organization/${acme}/enterpriseconnection/acme-okta`,
			fault: {kind: 'mutate', apply(state) {
				state.organizations[0]!.connections[0]!.default_role = 'devops';
			}},
		});
		assert.equal((await call(api, `/organization/${acme}/enterpriseconnection`)).json.results[0].default_role, 'viewer');
		assert.equal((await call(api, connectionPath(acme, 'acme-okta'))).json.default_role, 'devops');
		assert.equal(api.requests[1]!.fault, 'mutate');
	});

	test('mutate can delete a role so that a PUT using it is refused', async t => {
		const api = await fake(t);
		api.inject({method: 'PUT', fault: {kind: 'mutate', apply(state) {
			state.organizations[0]!.roles = state.organizations[0]!.roles.filter(role => role.id !== demoIds.acme.releaseManager);
		}}});
		const answer = await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: validOkta()});
		assert.equal(answer.status, 400);
		assert.match(answer.json.message, new RegExp(demoIds.acme.releaseManager));
	});
});

describe('the fake itself', () => {
	test('latency slows every answer, and setLatency changes it', async t => {
		const api = await fake(t, {latencyMs: 200});
		let started = Date.now();
		await call(api, '/organization');
		assert.ok(Date.now() - started >= 190, `took ${Date.now() - started} ms`);
		api.setLatency(0);
		started = Date.now();
		await call(api, '/organization');
		assert.ok(Date.now() - started < 150, `took ${Date.now() - started} ms`);
	});

	test('requests record method, decoded path, scheme, parsed body and time; puts() keeps PUTs only', async t => {
		const api = await fake(t);
		const before = Date.now();
		await call(api, '/organization');
		await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: {nope: true}});
		await call(api, connectionPath(acme, 'acme-okta'), {method: 'PUT', body: validOkta(), auth: `Bearer ${jwt}`});
		assert.equal(api.requests.length, 3);
		assert.deepEqual(api.requests[0]!.body, undefined);
		assert.ok(api.requests[0]!.time >= before && api.requests[0]!.time <= Date.now());
		assert.deepEqual(api.puts().map(put => [put.method, put.path, put.scheme, put.body, put.status]), [
			['PUT', `/organization/${acme}/enterpriseconnection/acme-okta`, 'Token', {nope: true}, 400],
			['PUT', `/organization/${acme}/enterpriseconnection/acme-okta`, 'Bearer', validOkta(), 200],
		]);
	});

	test('the log gets one line per request and never the token', async t => {
		const lines: string[] = [];
		const api = await fake(t, {log: line => lines.push(line)});
		api.inject({fault: {kind: 'status', status: 503}});
		await call(api, '/organization', {auth: 'Token qov_secret_value'});
		await call(api, '/organization', {auth: 'Token qov_secret_value'});
		assert.equal(lines.length, 2);
		assert.match(lines[0]!, /^GET \/organization -> 503 \[fault status\]/);
		assert.match(lines[1]!, /^GET \/organization -> 200 \(/);
		assert.ok(lines.every(line => !line.includes('qov_secret_value')));
	});

	test('the state given is the live state, and close() can be called twice', async () => {
		const state = demoState();
		const api = await startFakeApi({state});
		try {
			assert.equal(api.state, state);
			assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
			state.organizations.pop();
			assert.equal((await call(api, '/organization')).json.results.length, 1);
		} finally {
			await api.close();
			await api.close();
		}

		await assert.rejects(call(api, '/organization'), TypeError);
	});

	test('largeState builds the asked numbers of roles, mappings and groups', async t => {
		const state = largeState(30, 12, 5);
		const organization = state.organizations[0]!;
		assert.equal(organization.name, 'Mega Org');
		assert.equal(organization.roles.length, 30);
		assert.equal(new Set(organization.roles.map(role => role.id)).size, 30);
		const mappings = organization.connections[0]!.group_mappings as Record<string, string[]>;
		assert.equal(organization.connections[0]!.connection_name, 'mega-sso');
		assert.equal(Object.keys(mappings).length, 12);
		assert.ok(Object.values(mappings).every(groups => groups.length === 5));
		const api = await fake(t, {state: largeState()});
		const roles = await call(api, `/organization/${organization.id}/availableRole`);
		assert.equal(roles.json.results.length, 504);
		const connection = (await call(api, connectionPath(organization.id, 'mega-sso'))).json;
		assert.equal(Object.keys(connection.group_mappings).length, 200);
		assert.equal((await call(api, connectionPath(organization.id, 'mega-sso'), {method: 'PUT', body: connection})).status, 200);
	});

	test('demoState returns a fresh copy each time', () => {
		const first = demoState();
		first.organizations[0]!.connections.length = 0;
		assert.equal(demoState().organizations[0]!.connections.length, 2);
	});
});
