/**
 * A strict stand-in for the few Qovery endpoints qovery-sso uses, served
 * over real HTTP on 127.0.0.1 so the client, its retries and its error
 * handling are exercised end to end. It refuses what the real API would
 * refuse (bad auth, wrong types, unknown role keys) so tests catch a client
 * that is too lax, and it can be told to misbehave (faults) on demand.
 */
import {createServer, STATUS_CODES, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {demoState} from './demo-data.js';

export type FakeRole = {id: string; name: string};

export type FakeOrganization = {
	id: string;
	name: string;
	/** Custom roles only; the four basic roles are added by the server. */
	roles: FakeRole[];
	/** Raw JSON, so tests can store shapes the API documents and shapes it does not. */
	connections: Array<Record<string, unknown>>;
};

export type FakeState = {organizations: FakeOrganization[]};

export type Fault =
	| {kind: 'status'; status: number; body?: string | object; headers?: Record<string, string>}
	/** Cut the connection; by default inside the headers, with `at: 'body'` inside the body. */
	| {kind: 'reset'; at?: 'headers' | 'body'}
	/** Never finish; by default nothing is sent, with `at: 'body'` the headers and part of the body are. */
	| {kind: 'hang'; at?: 'start' | 'body'}
	| {kind: 'malformed-json'}
	| {kind: 'json'; body: unknown}
	| {kind: 'delay'; ms: number}
	| {kind: 'mutate'; apply: (state: FakeState) => void};

export type FaultRule = {
	method?: 'GET' | 'PUT';
	/** Compared with the decoded pathname. */
	path?: string | RegExp;
	/** How many matching requests this rule takes; 1 unless told, Infinity allowed. */
	times?: number;
	fault: Fault;
};

export type RecordedRequest = {
	method: string;
	/** Decoded pathname. */
	path: string;
	scheme: 'Bearer' | 'Token' | undefined;
	/** Parsed JSON, or the raw text when it does not parse, or undefined when empty. */
	body: unknown;
	/** Arrival, in ms since the epoch. */
	time: number;
	/** The kind of fault that took this request, if any. */
	fault?: Fault['kind'];
	/** The status sent, once sent (absent for resets and hangs). */
	status?: number;
};

export type FakeApiOptions = {
	state?: FakeState;
	port?: number;
	latencyMs?: number;
	/** When given, only these tokens pass; otherwise any well-formed one does. */
	acceptedTokens?: string[];
	log?: (line: string) => void;
};

export type FakeApi = {
	readonly url: string;
	readonly state: FakeState;
	readonly requests: RecordedRequest[];
	puts(): RecordedRequest[];
	inject(fault: FaultRule): void;
	clearFaults(): void;
	setLatency(ms: number): void;
	close(): Promise<void>;
};

/** Qovery's built-in roles as `availableRole` names them; mappings key them in lowercase. */
const basicRoles = ['Admin', 'DevOps', 'Billing', 'Viewer'] as const;
const basicRoleKeys = new Set(basicRoles.map(name => name.toLowerCase()));

const organizationCreatedAt = '2024-03-18T09:12:44.518Z';

/** A stable UUID (v4 layout) per organization and basic role, like the real ids. */
function basicRoleId(organizationId: string, name: string): string {
	// Loaded on first use: node:crypto costs the demo's start-up about 8 ms.
	const hex = process.getBuiltinModule('node:crypto').createHash('sha256').update(`${organizationId}:${name}`).digest('hex');
	const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class HttpFailure {
	constructor(readonly status: number, readonly message: string, readonly headers: Record<string, string> = {}) {}
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const base64urlPart = '[A-Za-z0-9_-]+';
const jwtShape = new RegExp(`^${base64urlPart}\\.${base64urlPart}\\.${base64urlPart}$`);

function schemeOf(header: string | undefined): RecordedRequest['scheme'] {
	if (header?.startsWith('Bearer ')) {
		return 'Bearer';
	}

	return header?.startsWith('Token ') ? 'Token' : undefined;
}

function checkAuthorization(header: string | undefined, accepted: string[] | undefined): void {
	if (header === undefined || header === '') {
		throw new HttpFailure(401, 'Authorization header is missing');
	}

	const match = /^(Bearer|Token) (\S+)$/.exec(header);
	if (!match) {
		throw new HttpFailure(401, 'Authorization must be "Bearer <jwt>" or "Token <api token>"');
	}

	const [, scheme, token] = match;
	if (scheme === 'Bearer' && !jwtShape.test(token!)) {
		throw new HttpFailure(401, 'Bearer credentials must be a JWT (three base64url parts)');
	}

	if (accepted && !accepted.includes(token!)) {
		throw new HttpFailure(401, 'the token is invalid or expired');
	}
}

type Route =
	| {name: 'organizations'}
	| {name: 'roles'; organizationId: string}
	| {name: 'connections'; organizationId: string}
	| {name: 'connection'; organizationId: string; connectionName: string};

const allowedMethods: Record<Route['name'], string[]> = {
	organizations: ['GET'],
	roles: ['GET'],
	connections: ['GET'],
	connection: ['GET', 'PUT'],
};

/** Segments are split before decoding, so an encoded `/` stays inside a name. */
function routeOf(rawPath: string): Route | undefined {
	const segments = rawPath.split('/').slice(1).map(segment => decodeURIComponent(segment));
	if (segments.some(segment => segment === '') || segments[0] !== 'organization') {
		return undefined;
	}

	const [, organizationId, collection, connectionName] = segments;
	if (segments.length === 1) {
		return {name: 'organizations'};
	}

	if (segments.length === 3 && collection === 'availableRole') {
		return {name: 'roles', organizationId: organizationId!};
	}

	if (collection === 'enterpriseconnection') {
		if (segments.length === 3) {
			return {name: 'connections', organizationId: organizationId!};
		}

		if (segments.length === 4) {
			return {name: 'connection', organizationId: organizationId!, connectionName: connectionName!};
		}
	}

	return undefined;
}

/** The four documented fields, type-checked in the order the DTO lists them. */
function validateConnection(body: Json, urlName: string): {
	connection_name: string;
	default_role: string;
	enforce_group_sync: boolean;
	group_mappings: Record<string, string[]>;
} {
	if (!isObject(body)) {
		throw new HttpFailure(400, 'the request body must be a JSON object (EnterpriseConnectionDto)');
	}

	if (typeof body.connection_name !== 'string') {
		throw new HttpFailure(400, 'connection_name is required and must be a string');
	}

	if (body.connection_name !== urlName) {
		throw new HttpFailure(400, `connection_name '${body.connection_name}' does not match the connection '${urlName}' in the URL`);
	}

	if (typeof body.default_role !== 'string') {
		throw new HttpFailure(400, 'default_role is required and must be a string');
	}

	if (typeof body.enforce_group_sync !== 'boolean') {
		throw new HttpFailure(400, 'enforce_group_sync is required and must be a boolean');
	}

	if (!isObject(body.group_mappings)) {
		throw new HttpFailure(400, 'group_mappings is required and must be an object of role key to list of group names');
	}

	const mappings: Record<string, string[]> = {};
	for (const [role, groups] of Object.entries(body.group_mappings)) {
		if (!Array.isArray(groups) || !groups.every(group => typeof group === 'string')) {
			throw new HttpFailure(400, `group_mappings.${role} must be an array of strings`);
		}

		mappings[role] = [...groups as string[]];
	}

	return {
		connection_name: body.connection_name,
		default_role: body.default_role,
		enforce_group_sync: body.enforce_group_sync,
		group_mappings: mappings,
	};
}

/**
 * Keys already stored on the connection stay acceptable even when no role
 * has them any more: the real API keeps a deleted role's UUID and takes it
 * back unchanged, it only refuses keys that are new and unknown.
 */
function checkRoleKeys(keys: string[], organization: FakeOrganization, stored: Record<string, unknown>): void {
	const known = new Set<string>([...basicRoleKeys, ...organization.roles.map(role => role.id)]);
	if (typeof stored.default_role === 'string') {
		known.add(stored.default_role);
	}

	if (isObject(stored.group_mappings)) {
		for (const key of Object.keys(stored.group_mappings)) {
			known.add(key);
		}
	}

	const unknown = keys.find(key => !known.has(key));
	if (unknown !== undefined) {
		throw new HttpFailure(400, `Role '${unknown}' does not exist in organization ${organization.id}`);
	}
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
		// A client gone before the end of its body emits no error on every Node version.
		request.on('close', () => reject(new Error('the request closed before its end')));
	});
}

function decodeRecordedBody(raw: string): unknown {
	if (raw === '') {
		return undefined;
	}

	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method !== undefined && rule.method !== method) {
		return false;
	}

	if (rule.path === undefined) {
		return true;
	}

	return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
	const state = options.state ?? demoState();
	const log = options.log ?? (() => {});
	const requests: RecordedRequest[] = [];
	let rules: Array<{rule: FaultRule; left: number}> = [];
	let latencyMs = options.latencyMs ?? 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	// Timers are cancelled on close, so a pending wait never outlives the fake.
	const wait = async (ms: number) => new Promise<void>(resolve => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			resolve();
		}, ms);
		timers.add(timer);
	});

	function takeFault(method: string, path: string): Fault | undefined {
		const entry = rules.find(candidate => candidate.left > 0 && matches(candidate.rule, method, path));
		if (!entry) {
			return undefined;
		}

		entry.left -= 1;
		rules = rules.filter(candidate => candidate.left > 0);
		return entry.rule.fault;
	}

	function organizationOf(id: string): FakeOrganization {
		const organization = state.organizations.find(candidate => candidate.id === id);
		if (!organization) {
			throw new HttpFailure(404, `Organization ${id} not found`);
		}

		return organization;
	}

	function connectionIndex(organization: FakeOrganization, name: string): number {
		const index = organization.connections.findIndex(connection => connection.connection_name === name);
		if (index < 0) {
			throw new HttpFailure(404, `Enterprise connection '${name}' not found in organization ${organization.id}`);
		}

		return index;
	}

	/** The documented behaviour; answers with a status and a JSON body or throws HttpFailure. */
	function answer(request: IncomingMessage, rawPath: string, body: unknown, rawBody: string): {status: number; body: unknown} {
		checkAuthorization(request.headers.authorization, options.acceptedTokens);
		let route: Route | undefined;
		try {
			route = routeOf(rawPath);
		} catch {
			throw new HttpFailure(400, 'the path is not correctly percent-encoded');
		}

		if (!route) {
			throw new HttpFailure(404, `No route for ${request.method ?? ''} ${rawPath}`);
		}

		const allowed = allowedMethods[route.name];
		if (!allowed.includes(request.method ?? '')) {
			throw new HttpFailure(405, `Method ${request.method ?? ''} is not allowed here`, {allow: allowed.join(', ')});
		}

		if (route.name === 'organizations') {
			return {
				status: 200,
				body: {results: state.organizations.map(({id, name}) => ({id, name, created_at: organizationCreatedAt}))},
			};
		}

		const organization = organizationOf(route.organizationId);
		if (route.name === 'roles') {
			const basics = basicRoles.map(name => ({id: basicRoleId(organization.id, name), name}));
			const customs = organization.roles.map(({id, name}) => ({id, name}));
			return {status: 200, body: {results: [...basics, ...customs]}};
		}

		if (route.name === 'connections') {
			return {status: 200, body: {results: organization.connections}};
		}

		const index = connectionIndex(organization, route.connectionName);
		if (request.method === 'GET') {
			return {status: 200, body: organization.connections[index]};
		}

		const contentType = request.headers['content-type'] ?? '';
		if (!/^application\/json\b/i.test(contentType)) {
			throw new HttpFailure(415, 'Content-Type must be application/json');
		}

		if (rawBody.trim() === '') {
			throw new HttpFailure(400, 'the request body is missing');
		}

		if (typeof body === 'string') {
			throw new HttpFailure(400, 'the request body is not valid JSON');
		}

		const connection = validateConnection(body, route.connectionName);
		const stored = organization.connections[index]!;
		checkRoleKeys([connection.default_role, ...Object.keys(connection.group_mappings)], organization, stored);
		organization.connections[index] = connection;
		return {status: 200, body: connection};
	}

	function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
		const text = JSON.stringify(body) ?? '';
		response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
		response.end(text);
	}

	function sendFailure(response: ServerResponse, failure: HttpFailure): void {
		sendJson(response, failure.status, {
			status: failure.status,
			error: STATUS_CODES[failure.status] ?? 'Error',
			message: failure.message,
		}, failure.headers);
	}

	function sendStatusFault(response: ServerResponse, fault: Extract<Fault, {kind: 'status'}>): void {
		let text = '';
		let contentType: string | undefined;
		if (typeof fault.body === 'string') {
			text = fault.body;
			contentType = fault.body.trimStart().startsWith('<') ? 'text/html' : 'text/plain';
		} else if (fault.body !== undefined) {
			text = JSON.stringify(fault.body);
			contentType = 'application/json';
		}

		response.writeHead(fault.status, {
			...(contentType ? {'content-type': contentType} : {}),
			'content-length': Buffer.byteLength(text),
			...fault.headers,
		});
		response.end(text);
	}

	/** A reset, not a clean close: the client must see the exchange cut short. */
	function cut(socket: Socket, partial: string): void {
		socket.write(partial, () => {
			socket.resetAndDestroy();
		});
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const started = performance.now();
		const method = request.method ?? '';
		const rawPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
		let path = rawPath;
		try {
			path = decodeURIComponent(rawPath);
		} catch {
			// Left encoded; the route check answers 400.
		}

		const rawBody = await readBody(request);
		const body = decodeRecordedBody(rawBody);
		const record: RecordedRequest = {
			method,
			path,
			scheme: schemeOf(request.headers.authorization),
			body,
			time: Date.now(),
		};
		requests.push(record);
		const fault = takeFault(method, path);
		if (fault) {
			record.fault = fault.kind;
		}

		const done = (status: number | string) => {
			if (typeof status === 'number') {
				record.status = status;
			}

			const tag = fault ? ` [fault ${fault.kind}]` : '';
			log(`${method} ${path} -> ${status}${tag} (${Math.round(performance.now() - started)} ms)`);
		};

		if (latencyMs > 0) {
			await wait(latencyMs);
		}

		if (closed) {
			return;
		}

		switch (fault?.kind) {
			case 'status': {
				sendStatusFault(response, fault);
				done(fault.status);
				return;
			}

			case 'reset': {
				const partial = fault.at === 'body'
					? 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"results":[{"id":"'
					: 'HTTP/1.1 200 OK\r\nContent-Type: applica';
				cut(request.socket, partial);
				done('reset');
				return;
			}

			case 'hang': {
				if (fault.at === 'body') {
					response.writeHead(200, {'content-type': 'application/json', 'content-length': 4096});
					response.write('{"results":[');
				}

				done('hang');
				return;
			}

			case 'malformed-json': {
				const text = '{"results":[{"id":"a1c3e5f7-2b4d-4e6f-8a1b-3c5d7e9f0a12","name":"Acme';
				response.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
				response.end(text);
				done(200);
				return;
			}

			case 'json': {
				sendJson(response, 200, fault.body);
				done(200);
				return;
			}

			case 'delay': {
				await wait(fault.ms);
				if (closed) {
					return;
				}

				break;
			}

			case 'mutate': {
				fault.apply(state);
				break;
			}

			case undefined: {
				break;
			}
		}

		try {
			const result = answer(request, rawPath, body, rawBody);
			sendJson(response, result.status, result.body);
			done(result.status);
		} catch (error) {
			const failure = error instanceof HttpFailure ? error : new HttpFailure(500, 'the fake failed: ' + String(error));
			sendFailure(response, failure);
			done(failure.status);
		}
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			// The client went away mid-request; nothing is left to answer.
			request.socket.destroy();
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;

	let closing: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${port}`,
		state,
		requests,
		puts: () => requests.filter(request => request.method === 'PUT'),
		inject(rule) {
			rules.push({rule, left: rule.times ?? 1});
		},
		clearFaults() {
			rules = [];
		},
		setLatency(ms) {
			latencyMs = ms;
		},
		async close() {
			closing ??= new Promise<void>(resolve => {
				closed = true;
				for (const timer of timers) {
					clearTimeout(timer);
				}

				timers.clear();
				server.close(() => resolve());
				// Hung and keep-alive sockets would otherwise hold close() open.
				for (const socket of sockets) {
					socket.destroy();
				}
			});
			return closing;
		},
	};
}
