export type ApiErrorKind =
	| 'invalid'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'conflict'
	| 'rate-limited'
	| 'server'
	| 'network'
	/** The TLS certificate was refused: nothing was sent, and trying again cannot help. */
	| 'certificate'
	/** The HTTP proxy refused the tunnel (a 407, a 403): nothing reached the API. */
	| 'proxy'
	/**
	 * The other end does not speak HTTP(S) as expected (a TLS handshake that
	 * fails, an answer that does not parse, one too large): trying again
	 * gets the same. After a PUT, whether it was stored is unknown.
	 */
	| 'protocol'
	| 'timeout'
	| 'shape';

/**
 * A request that did not give the expected answer. `message` says which
 * operation failed and why; `hint` says what to do next. Neither ever holds
 * the token: errors are built from the status and body only.
 */
/**
 * The request may have reached the server, but no answer said what became of
 * it: a save that failed so may be in place. (A `shape` failure is a 2xx
 * whose body could not be read: probably stored, and said so apart.)
 */
export function answerLost(error: unknown): boolean {
	// By kind alone: the history records errors it did not build.
	const kind = (error as {kind?: unknown} | undefined)?.kind;
	return kind === 'timeout' || kind === 'network' || kind === 'protocol';
}

export class ApiError extends Error {
	constructor(
		readonly operation: string,
		readonly kind: ApiErrorKind,
		readonly detail: string,
		readonly hint: string,
		readonly status?: number,
		readonly serverMessage?: string,
	) {
		super(`${operation} failed: ${detail}`);
		this.name = 'ApiError';
	}
}

const maxMessageLength = 300;

/**
 * The server's own explanation, if the body carries one worth showing: a
 * JSON `message`/`error`/`detail`, or short plain text. HTML error pages and
 * empty bodies give nothing (the status line says enough).
 */
export function serverMessageOf(data: unknown): string | undefined {
	let text: string | undefined;
	if (typeof data === 'string') {
		text = /<\s*(html|body|!doctype|head|h1|p)\b/i.test(data) ? undefined : data;
	} else if (typeof data === 'object' && data !== null) {
		const record = data as Record<string, unknown>;
		for (const field of ['message', 'detail', 'error_description', 'error']) {
			const value = record[field];
			if (typeof value === 'string' && value.trim() !== '') {
				text = value;
				break;
			}
		}
	}

	// Escape sequences would reach the operator's terminal as commands, not text.
	const oneParagraph = text
		?.replace(/\s+/g, ' ')
		.replace(/(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[@-_]?/g, '')
		.replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
		.trim();
	if (!oneParagraph) {
		return undefined;
	}

	return oneParagraph.length > maxMessageLength
		? `${oneParagraph.slice(0, maxMessageLength - 1)}…`
		: oneParagraph;
}

export type RequestTarget = {organization?: string; connection?: string};

export function errorForStatus(
	operation: string,
	status: number,
	data: unknown,
	target: RequestTarget,
	/** The Location header of a redirect. */
	location?: string | null,
): ApiError {
	const message = serverMessageOf(data);
	const said = message ? `: ${message}` : '';
	switch (status) {
		case 400:
		case 422: {
			// Only a save sends values the operator chose; a refused read is nothing they can fix.
			const hint = operation.startsWith('saving ')
				? 'Check the values in the review (or the file), fix them and send again.'
				: 'The server refused a read it should accept; if this persists, run with --debug and report it.';
			return new ApiError(operation, 'invalid', `the server refused the request (HTTP ${status})${said}`, hint, status, message);
		}

		case 401: {
			return new ApiError(operation, 'unauthorized', `the token was rejected (HTTP 401)${said}`, 'Log in again with `qovery-sso login` (or set QOVERY_API_TOKEN) using a valid token.', status, message);
		}

		case 403: {
			return new ApiError(operation, 'forbidden', `permission denied (HTTP 403)${said}`, 'Changing SSO settings needs an organization admin; use a token of an account or API token with that role.', status, message);
		}

		case 404: {
			const what = target.connection
				? `connection "${target.connection}" in organization ${target.organization ?? ''}`.trim()
				: target.organization
					? `organization ${target.organization}`
					: 'the resource';
			return new ApiError(operation, 'not-found', `${what} was not found (HTTP 404)${said}`, 'Check the organization and connection names (`qovery-sso show` lists what the token can see).', status, message);
		}

		case 409: {
			return new ApiError(operation, 'conflict', `the server reported a conflict (HTTP 409)${said}`, 'Someone else may be changing this connection; reload it and try again.', status, message);
		}

		case 429: {
			return new ApiError(operation, 'rate-limited', `too many requests (HTTP 429)${said}`, 'Wait a minute and try again.', status, message);
		}

		default: {
			if (status >= 500) {
				return new ApiError(operation, 'server', `the Qovery API had a problem (HTTP ${status})${said}`, 'This is on the server side; try again in a moment.', status, message);
			}

			if (status >= 300 && status < 400) {
				// Shown, so cut and cleaned: it comes from the server.
				const to = location ? ` to ${location.replace(/[\u0000-\u001F\u007F-\u009F]/g, '').slice(0, 200)}` : '';
				return new ApiError(operation, 'invalid', `the server answered with a redirect (HTTP ${status})${to}`, 'Redirects are not followed, so the token stays with this host; check --api-url (the API is https://api.qovery.com).', status, message);
			}

			return new ApiError(operation, 'invalid', `unexpected answer (HTTP ${status})${said}`, 'Try again; if it persists, run with --debug and report it.', status, message);
		}
	}
}
