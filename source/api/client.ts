import {createFetch, FetchError} from 'ofetch';
import type {AvailableRole, EnterpriseConnection, LoadedConnection, Organization} from '../model/connection.js';
import {authorizationHeader, maskToken, tokenScheme} from './auth.js';
import {httpFetch, PlainHeaders, type TransportRequest} from './http-transport.js';
import type {Proxy} from './proxy.js';
import {ApiError, errorForStatus, type RequestTarget} from './errors.js';
import {parseAvailableRoles, parseConnection, parseConnectionList, parseOrganizationList, ShapeError} from './shape.js';
import {formatSeconds, parseRetryAfter, retryDelay, type RetryPolicy, defaultRetryPolicy} from './retry.js';

export const defaultApiUrl = 'https://api.qovery.com';

/** What the screens and commands need from Qovery; the fake implements the same HTTP. */
export type QoveryApi = {
	listOrganizations(): Promise<Organization[]>;
	listConnections(organizationId: string): Promise<LoadedConnection[]>;
	getConnection(organizationId: string, connectionName: string): Promise<LoadedConnection>;
	listAvailableRoles(organizationId: string): Promise<AvailableRole[]>;
	putConnection(organizationId: string, connection: EnterpriseConnection): Promise<LoadedConnection>;
};

export type RetryNotice = {operation: string; attempt: number; delayMs: number; reason: string};

export type ClientOptions = {
	apiUrl: string;
	token: string;
	/** Per attempt, in milliseconds. */
	timeoutMs?: number;
	retry?: RetryPolicy;
	/** Told before each wait, so a screen can say what is happening. */
	onRetry?: (notice: RetryNotice) => void;
	/** Debug lines: method, path, status, timing, the authorization scheme with the token masked. Never bodies. */
	log?: (line: string) => void;
	sleep?: (ms: number) => Promise<void>;
	/** Ends every request in flight (and any retry) when the run is over. */
	signal?: AbortSignal;
	/** The HTTP proxy to tunnel through (proxyFor in proxy.ts); none for a direct connection. */
	proxy?: Proxy;
};

type Attempt =
	| {ok: true; status: number; data: unknown}
	| {ok: false; status?: number; data?: unknown; error: ApiError; retryAfter?: string | null};

const realSleep = async (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export function createClient(options: ClientOptions): QoveryApi {
	const apiUrl = options.apiUrl.replace(/\/+$/, '');
	const timeoutMs = options.timeoutMs ?? 15_000;
	const policy = options.retry ?? defaultRetryPolicy;
	const sleep = options.sleep ?? realSleep;
	const log = options.log ?? (() => {});
	// What was sent, never with what: enough to tell a wrong token from a wrong scheme.
	const sentAuthorization = `authorization: ${tokenScheme(options.token)} ${maskToken(options.token)}${options.proxy ? `; via proxy ${options.proxy.address}` : ''}`;
	// ofetch over node:http rather than Node's fetch, which loads undici at every
	// start (see http-transport.ts).
	const transport = async (input: string, init: TransportRequest) => httpFetch(input, {...init, proxy: options.proxy});
	const ofetch = createFetch({fetch: transport as unknown as typeof fetch, Headers: PlainHeaders as unknown as typeof Headers});

	async function attempt(
		method: 'GET' | 'PUT',
		path: string,
		operation: string,
		target: RequestTarget,
		body?: unknown,
	): Promise<Attempt> {
		const started = performance.now();
		// One controller per attempt, ended by the timer or by the caller's
		// signal. (Node 20's AbortSignal.any can lose a timeout signal to the
		// garbage collector, and the request then waits for ever.)
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(new DOMException('no answer in time', 'TimeoutError')), timeoutMs);
		const stop = () => controller.abort(new DOMException('stopped', 'AbortError'));
		options.signal?.addEventListener('abort', stop, {once: true});
		try {
			const response = await ofetch.raw(apiUrl + path, {
				method,
				// Serialised here: ofetch would test an object body against the
				// FormData global, which loads undici all the same.
				body: body === undefined ? undefined : JSON.stringify(body),
				headers: {authorization: authorizationHeader(options.token), accept: 'application/json', 'user-agent': 'qovery-sso'},
				// A signal, not ofetch's `timeout`: that one stops at the headers, and a
				// body that stalls afterwards would hang for ever.
				signal: controller.signal,
				retry: 0,
				ignoreResponseError: true,
				responseType: 'text',
			});
			const elapsed = Math.round(performance.now() - started);
			log(`${method} ${path} -> ${response.status} (${elapsed} ms) [${sentAuthorization}]`);
			const data = decodeBody(response._data, response.headers.get('content-type'));
			if (response.status >= 200 && response.status < 300) {
				return {ok: true, status: response.status, data};
			}

			return {
				ok: false,
				status: response.status,
				data,
				error: errorForStatus(operation, response.status, withoutToken(data, options.token), target, response.headers.get('location')),
				retryAfter: response.headers.get('retry-after'),
			};
		} catch (error) {
			const elapsed = Math.round(performance.now() - started);
			const failure = options.signal?.aborted
				? new ApiError(operation, 'network', 'stopped before an answer came', 'The request was ended on purpose.')
				: networkError(operation, error, timeoutMs, new URL(apiUrl).host);
			log(`${method} ${path} -> ${failure.kind} (${elapsed} ms) [${sentAuthorization}]`);
			return {ok: false, error: failure};
		} finally {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', stop);
		}
	}

	async function request(
		method: 'GET' | 'PUT',
		path: string,
		operation: string,
		target: RequestTarget,
		body?: unknown,
	): Promise<unknown> {
		const began = Date.now();
		for (let attemptNumber = 1; ; attemptNumber++) {
			const result = await attempt(method, path, operation, target, body);
			if (result.ok) {
				return result.data;
			}

			const delayMs = retryDelay(policy, {
				method,
				attempt: attemptNumber,
				status: result.status,
				kind: result.error.kind,
				retryAfter: result.retryAfter,
				elapsedMs: Date.now() - began,
			});
			if (delayMs === undefined || options.signal?.aborted) {
				throw withWaitHint(result.error, parseRetryAfter(result.retryAfter));
			}

			options.onRetry?.({operation, attempt: attemptNumber, delayMs, reason: result.error.detail});
			log(`retrying ${operation} in ${delayMs} ms (attempt ${attemptNumber + 1})`);
			await sleep(delayMs);
		}
	}

	function shaped<T>(operation: string, parse: (data: unknown) => T) {
		return (data: unknown): T => {
			if (data instanceof MalformedJson) {
				throw new ApiError(operation, 'shape', 'the server sent malformed JSON', 'Check --api-url points at the Qovery API; run with --debug for details.');
			}

			try {
				return parse(data);
			} catch (error) {
				if (error instanceof ShapeError) {
					throw new ApiError(operation, 'shape', `the server sent an answer of the wrong shape (${error.message})`, 'Check --api-url points at the Qovery API; run with --debug for details.');
				}

				throw error;
			}
		};
	}

	const org = (id: string) => `/organization/${encodeURIComponent(id)}`;

	return {
		async listOrganizations() {
			const operation = 'listing organizations';
			return shaped(operation, parseOrganizationList)(await request('GET', '/organization', operation, {}));
		},

		async listConnections(organizationId) {
			const operation = 'listing enterprise connections';
			const data = await request('GET', `${org(organizationId)}/enterpriseconnection`, operation, {organization: organizationId});
			return shaped(operation, parseConnectionList)(data);
		},

		async getConnection(organizationId, connectionName) {
			const operation = `loading connection ${connectionName}`;
			const path = `${org(organizationId)}/enterpriseconnection/${encodeURIComponent(connectionName)}`;
			const data = await request('GET', path, operation, {organization: organizationId, connection: connectionName});
			return shaped(operation, parseConnection)(data);
		},

		async listAvailableRoles(organizationId) {
			const operation = 'listing available roles';
			const data = await request('GET', `${org(organizationId)}/availableRole`, operation, {organization: organizationId});
			return shaped(operation, parseAvailableRoles)(data);
		},

		async putConnection(organizationId, connection) {
			const name = connection.connection_name;
			const operation = `saving connection ${name}`;
			const path = `${org(organizationId)}/enterpriseconnection/${encodeURIComponent(name)}`;
			const data = await request('PUT', path, operation, {organization: organizationId, connection: name}, connection);
			return shaped(operation, parseConnection)(data);
		},
	};
}

/** JSON when it parses; otherwise the raw text, which shape checks then refuse. */
function decodeBody(raw: unknown, contentType: string | null): unknown {
	if (typeof raw !== 'string' || raw === '') {
		return raw === '' ? undefined : raw;
	}

	try {
		return JSON.parse(raw) as unknown;
	} catch {
		// A JSON content type with a body that does not parse is a wrong shape.
		return contentType?.includes('json') ? new MalformedJson() : raw;
	}
}

/** A 429 not waited for (a PUT, or longer than the policy allows): say how long the server asked for. */
function withWaitHint(error: ApiError, waitMs: number | undefined): ApiError {
	if (error.kind !== 'rate-limited' || waitMs === undefined) {
		return error;
	}

	return new ApiError(error.operation, error.kind, error.detail, `The server asks to wait ${Math.max(1, Math.ceil(waitMs / 1000))} s before trying again.`, error.status, error.serverMessage);
}

/** A server may quote the credentials it refuses; the quote is masked before anyone sees it. */
function withoutToken(data: unknown, token: string): unknown {
	if (token === '') {
		return data;
	}

	if (typeof data === 'string') {
		return data.split(token).join(maskToken(token));
	}

	if (Array.isArray(data)) {
		return data.map(item => withoutToken(item, token));
	}

	if (typeof data === 'object' && data !== null && !(data instanceof MalformedJson)) {
		return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, withoutToken(value, token)]));
	}

	return data;
}

/** Marks a body announced as JSON that does not parse. */
class MalformedJson {}

function networkError(operation: string, error: unknown, timeoutMs: number, host: string): ApiError {
	const cause = error instanceof FetchError ? error.cause : error;
	const name = (cause as {name?: string} | undefined)?.name;
	if (name === 'TimeoutError' || name === 'AbortError') {
		return new ApiError(operation, 'timeout', `no answer within ${formatSeconds(timeoutMs)}`, 'The link or the API is slow; try again, or raise the limit with --timeout SECONDS.');
	}

	const code = findCode(cause);
	if (code?.endsWith('ALERT_CERTIFICATE_REQUIRED')) {
		return new ApiError(operation, 'certificate', `the API asks for a client certificate, which qovery-sso does not send (${code})`, `Check --api-url (now ${host}): the Qovery API takes a token, not a client certificate.`);
	}

	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return new ApiError(operation, 'certificate', `the API's TLS certificate is for another host name (${code})`, `Check --api-url (now ${host}); a TLS-inspecting proxy may also present its own certificate.`);
	}

	if (code !== undefined && certificateRefusals.has(code)) {
		return new ApiError(operation, 'certificate', `the API's TLS certificate was not trusted (${code})`, `A proxy or a private CA on this network? Give its certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem; otherwise check --api-url (now ${host}).`);
	}

	// The transport's own refusals (too large, unreadable encoding) say it best themselves.
	if (code === 'ERR_ANSWER_TOO_LARGE' || code === 'ERR_CONTENT_ENCODING') {
		return new ApiError(operation, 'protocol', deepestMessage(cause) ?? code, notTheApi(host));
	}

	if (code === 'EPROTO' || code?.startsWith('ERR_SSL_')) {
		return new ApiError(operation, 'protocol', `the TLS handshake failed (${code})`, `Check --api-url (now ${host}) is an https:// server; a TLS-inspecting proxy may also be refusing the connection.`);
	}

	if (code?.startsWith('HPE_')) {
		return new ApiError(operation, 'protocol', `the answer is not valid HTTP (${code})`, notTheApi(host));
	}

	if (code === 'ERR_PROXY' || code === 'ERR_PROXY_REFUSED') {
		// A proxy that is not there may be back soon; one that answered no will answer no again.
		return new ApiError(operation, code === 'ERR_PROXY' ? 'network' : 'proxy', deepestMessage(cause) ?? code, 'Check https_proxy / HTTPS_PROXY (and no_proxy / NO_PROXY for hosts reached directly), then try again.');
	}

	const detail = code === 'ECONNREFUSED'
		? 'the connection was refused'
		: code === 'ENOTFOUND' || code === 'EAI_AGAIN'
			? 'the API host could not be resolved'
			: code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
				? 'the connection was cut before the answer arrived'
				: `a network error occurred (${code ?? deepestMessage(cause) ?? 'no detail'})`;
	return new ApiError(operation, 'network', detail, `Check the network and --api-url (now ${host}), then try again.`);
}

/** The innermost cause's message ("bad port"): the outer ones only say "fetch failed". */
function deepestMessage(error: unknown): string | undefined {
	let message: string | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const text = (current as {message?: unknown}).message;
		message = typeof text === 'string' && text !== '' ? text : message;
		current = (current as {cause?: unknown}).cause;
	}

	return message;
}

const notTheApi = (host: string) => `Check --api-url points at the Qovery API (now ${host}); run with --debug for details.`;

/** OpenSSL's verdicts on the server's certificate chain (Node passes its codes through). */
const certificateRefusals = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'CERT_REVOKED',
	'CERT_SIGNATURE_FAILURE',
	'INVALID_CA',
	'PATH_LENGTH_EXCEEDED',
	'INVALID_PURPOSE',
]);

function findCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string') {
			return code;
		}

		current = (current as {cause?: unknown}).cause;
	}

	return undefined;
}
