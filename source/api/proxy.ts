/**
 * Which HTTP proxy, if any, carries requests to the API: `https_proxy` /
 * `HTTPS_PROXY`, minus the hosts `no_proxy` / `NO_PROXY` lists, as curl and
 * the official Qovery CLI read them. Only https targets are proxied, through
 * a CONNECT tunnel, so TLS runs end to end and the proxy never sees the
 * token; this machine itself (loopback) is never proxied.
 */
import {bareHostname, isLoopbackHost} from './host-name.js';

export type Proxy = {
	/** host:port of the proxy, for messages and --debug lines; never its credentials. */
	readonly address: string;
	readonly hostname: string;
	readonly port: number;
	/** `Basic …` when the proxy URL carries a user name. */
	readonly authorization?: string;
	/** The variable it came from, for messages. */
	readonly variable: string;
};

export class ProxyConfigError extends Error {
	override name = 'ProxyConfigError';
}

/** The proxy for `target`, undefined for a direct connection; throws ProxyConfigError for an unusable setting. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): Proxy | undefined {
	if (target.protocol !== 'https:' || isLoopbackHost(target.hostname)) {
		return undefined;
	}

	const variable = env.https_proxy ? 'https_proxy' : env.HTTPS_PROXY ? 'HTTPS_PROXY' : undefined;
	if (variable === undefined) {
		return undefined;
	}

	if (bypassed(target, env.no_proxy ?? env.NO_PROXY ?? '')) {
		return undefined;
	}

	return parseProxy(env[variable]!, variable);
}

function parseProxy(value: string, variable: string): Proxy {
	// "proxy:3128" without a scheme is common, and means http.
	const text = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new ProxyConfigError(`${variable} is not a valid proxy URL; give one such as http://proxy.example:3128.`);
	}

	if (url.protocol !== 'http:') {
		throw new ProxyConfigError(`${variable} uses ${url.protocol}//; only http:// proxies are supported (the tunnel to the API is TLS all the same).`);
	}

	const port = url.port === '' ? 80 : Number(url.port);
	const hostname = bareHostname(url.hostname);
	const authorization = url.username === ''
		? undefined
		: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
	return {address: `${url.hostname}:${port}`, hostname, port, authorization, variable};
}

/** no_proxy: `*`, or host names, `.domain` / `domain` (and its subdomains), optionally with `:port`. */
function bypassed(target: URL, noProxy: string): boolean {
	const host = bareHostname(target.hostname);
	const port = target.port === '' ? '443' : target.port;
	for (const raw of noProxy.split(/[\s,]+/)) {
		const entry = raw.trim().toLowerCase();
		if (entry === '') {
			continue;
		}

		if (entry === '*') {
			return true;
		}

		const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, '$1$2'))!;
		const name = match[1]!.replace(/^\*?\./, '');
		if (match[2] !== undefined && match[2] !== port) {
			continue;
		}

		if (host === name || host.endsWith(`.${name}`)) {
			return true;
		}
	}

	return false;
}
