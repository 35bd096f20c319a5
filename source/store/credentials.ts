import {tokenFromEnvironment, type tokenVariables} from '../api/auth.js';
import {defaultApiUrl} from '../api/client.js';
import {isLoopbackHost} from '../api/host-name.js';
import type {SettingsStore} from './settings.js';

export type TokenSource = (typeof tokenVariables)[number] | 'profile';

export type ApiUrlSource = 'flag' | 'QOVERY_API_URL' | 'profile' | 'default';

export type Credentials = {
	token?: string;
	tokenSource: TokenSource | undefined;
	apiUrl: string;
	apiUrlSource: ApiUrlSource;
};

export type CredentialsInput = {
	env: NodeJS.ProcessEnv;
	profile: string;
	/** `--api-url` as given; undefined when the flag is absent. */
	apiUrlFlag?: string;
	/** Undefined when no store could be opened: only the environment counts then. */
	store?: Pick<SettingsStore, 'getProfile'>;
};

/**
 * Token: the environment variables in auth.ts order, then the profile.
 * API URL: the flag, then QOVERY_API_URL, then the profile, then the default.
 * Each is picked on its own, so an environment token can go to a profile's URL.
 */
export function resolveCredentials({env, profile, apiUrlFlag, store}: CredentialsInput): Credentials {
	const stored = store?.getProfile(profile);
	const storedToken = stored?.token?.trim();
	const fromEnvironment = tokenFromEnvironment(env);
	const token = fromEnvironment
		? {token: fromEnvironment.token, tokenSource: fromEnvironment.source}
		: storedToken
			? {token: storedToken, tokenSource: 'profile' as const}
			: {tokenSource: undefined};

	const flag = apiUrlFlag?.trim();
	const variable = env['QOVERY_API_URL']?.trim();
	const storedUrl = stored?.apiUrl?.trim();
	// An explicit but empty flag is kept, so checkApiUrl can refuse it.
	const url: {apiUrl: string; apiUrlSource: ApiUrlSource} = flag !== undefined
		? {apiUrl: flag, apiUrlSource: 'flag'}
		: variable
			? {apiUrl: variable, apiUrlSource: 'QOVERY_API_URL'}
			: storedUrl
				? {apiUrl: storedUrl, apiUrlSource: 'profile'}
				: {apiUrl: defaultApiUrl, apiUrlSource: 'default'};

	return {...token, ...url};
}

/**
 * Why the API URL can't be used, or undefined when it can. Plain http is only
 * allowed to this machine: anywhere else the token would travel in clear.
 */
export function checkApiUrl(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The API URL "${url}" is not a valid URL; give one such as ${defaultApiUrl}.`;
	}

	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `The API URL "${url}" must use https:// (got ${parsed.protocol}).`;
	}

	if (parsed.username || parsed.password) {
		// The URL is shown in messages; credentials belong in the token.
		return 'The API URL must not contain a user name or password.';
	}

	if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		return `The API URL "${url}" uses plain http:// to ${parsed.hostname}; the token would travel unencrypted, so use https:// (plain http is only accepted for 127.0.0.1, ::1 and localhost).`;
	}

	return undefined;
}
