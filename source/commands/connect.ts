import {createClient, type QoveryApi} from '../api/client.js';
import type {CliOptions} from '../args.js';
import {type Proxy, ProxyConfigError, proxyFor} from '../api/proxy.js';
import {checkApiUrl, resolveCredentials} from '../store/credentials.js';
import {peekProfile} from '../store/settings-file.js';
import type {SettingsStore} from '../store/settings.js';
import {UsageError} from '../ui/outcome.js';

export type Connection = {
	api: QoveryApi;
	apiUrl: string;
	profile: string;
	/** Undefined when no token was found: the caller decides whether to ask. */
	token?: string;
	/** The full credential store (loads conf), for saving a token. */
	openStore: () => Promise<SettingsStore | undefined>;
	/** A client for the same URL and options with another token. */
	withToken: (token: string) => QoveryApi;
	/** Stops the demo's fake API, if one was started. */
	close: () => Promise<void>;
};

export type ConnectOptions = {
	/** Where notes (a corrupt settings file moved aside) are written. */
	stderr: NodeJS.WritableStream;
	log?: (line: string) => void;
	onRetry?: Parameters<typeof createClient>[0]['onRetry'];
	/** Aborts every request still in flight (the wizard ended meanwhile). */
	signal?: AbortSignal;
};

/**
 * Everything a command needs to talk to the API: the demo's fake, or the
 * real URL with a token from the environment or the stored profile.
 */
export async function connect(options: CliOptions, io: ConnectOptions): Promise<Connection> {
	const clientOptions = {timeoutMs: options.timeoutSeconds * 1000, log: io.log, onRetry: io.onRetry, signal: io.signal};
	if (options.demo) {
		const [{startFakeApi}, {demoState, demoToken}] = await Promise.all([import('../fake/server.js'), import('../fake/demo-data.js')]);
		const fake = await startFakeApi({state: demoState()});
		const make = (token: string) => createClient({apiUrl: fake.url, token, ...clientOptions});
		return {
			api: make(demoToken),
			withToken: make,
			apiUrl: fake.url,
			profile: 'demo',
			token: demoToken,
			openStore: async () => undefined,
			close: async () => fake.close(),
		};
	}

	// Reading the profile needs no conf; the full store opens only when the
	// file needs repair (it is moved aside, with a message) or on a save.
	let store: SettingsStore | undefined;
	const openStore = async () => {
		if (!store) {
			const settings = await import('../store/settings.js');
			try {
				store = settings.openSettings(process.env);
				if (store.problem) {
					io.stderr.write(`${settings.describeSettingsProblem(store.problem)}\n`);
				}
			} catch (error) {
				if (!(error instanceof settings.SettingsError)) {
					throw error;
				}

				io.stderr.write(`${settings.describeSettingsError(error)}\n`);
			}
		}

		return store;
	};

	const peeked = peekProfile(process.env, options.profile);
	const stored = peeked === 'problem' ? await openStore() : {getProfile: () => peeked.profile};
	const credentials = resolveCredentials({env: process.env, profile: options.profile, apiUrlFlag: options.apiUrl, store: stored});
	const problem = checkApiUrl(credentials.apiUrl);
	if (problem) {
		throw new UsageError(problem);
	}

	const proxy = proxyOf(credentials.apiUrl);
	const make = (token: string) => createClient({apiUrl: credentials.apiUrl, token, proxy, ...clientOptions});
	return {
		api: make(credentials.token ?? ''),
		withToken: make,
		apiUrl: credentials.apiUrl,
		profile: options.profile,
		token: credentials.token,
		openStore,
		close: async () => {},
	};
}

/** The proxy for the API URL from the environment; a setting that can't be used is a usage error. */
function proxyOf(apiUrl: string): Proxy | undefined {
	try {
		return proxyFor(new URL(apiUrl), process.env);
	} catch (error) {
		if (error instanceof ProxyConfigError) {
			throw new UsageError(error.message);
		}

		throw error;
	}
}
