import {Writable} from 'node:stream';
import {password} from '@inquirer/prompts';
import {maskToken, tokenFromEnvironment} from '../api/auth.js';
import {createClient, type QoveryApi} from '../api/client.js';
import {ApiError} from '../api/errors.js';
import {type Proxy, ProxyConfigError, proxyFor} from '../api/proxy.js';
import {checkApiUrl} from '../store/credentials.js';
import {describeSettingsError, describeSettingsProblem, openSettings, SettingsError, type SettingsStore} from '../store/settings.js';

export type LoginOptions = {
	profile: string;
	apiUrl: string;
	/** Read the token from stdin instead of prompting. */
	withToken: boolean;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	createApi?: (token: string) => QoveryApi;
};

/**
 * Asks for a token (or reads it from stdin), checks it against the API and
 * only then stores it in the profile. Returns the exit code. The token is
 * never written to stdout or stderr, whatever happens.
 */
export async function runLogin(options: LoginOptions): Promise<number> {
	const {profile, apiUrl, stderr} = options;
	const say = (line: string) => stderr.write(`${line}\n`);

	if (profile.trim() === '') {
		say('The profile name is empty; give one with --profile NAME.');
		return 2;
	}

	const urlProblem = checkApiUrl(apiUrl);
	if (urlProblem) {
		say(urlProblem);
		return 2;
	}

	let proxy: Proxy | undefined;
	try {
		proxy = proxyFor(new URL(apiUrl), options.env);
	} catch (error) {
		if (error instanceof ProxyConfigError) {
			say(error.message);
			return 2;
		}

		throw error;
	}

	let store: SettingsStore;
	try {
		store = openSettings(options.env);
	} catch (error) {
		return settingsFailure(error, say);
	}

	if (store.problem) {
		say(describeSettingsProblem(store.problem));
	}

	if (!options.withToken && !options.stdin.isTTY) {
		say('qovery-sso login needs a terminal to ask for the token; pipe the token in with --with-token instead.');
		return 2;
	}

	let token: string;
	if (options.withToken) {
		token = (await readAll(options.stdin)).trim();
		if (token === '') {
			say('No token on standard input; pipe one in, for example: printf %s "$TOKEN" | qovery-sso login --with-token');
			return 2;
		}

		if (hasInnerSpace(token)) {
			say('The text on standard input is not a single token (it holds spaces or several lines); pipe in the token alone.');
			return 2;
		}
	} else {
		try {
			token = (await password(
				{
					message: `Qovery API token for ${apiUrl}`,
					mask: '*',
					// Ctrl+T would show the token in clear on screen.
					toggleMask: false,
					validate: value => value.trim() === '' ? 'Paste a token (it is not shown).' : (hasInnerSpace(value) ? 'A token holds no spaces.' : true),
				},
				{input: options.stdin, output: unclosable(options.stdout)},
			)).trim();
		} catch (error) {
			// Matched by name: the class lives in @inquirer/core, which is not a dependency of ours.
			if (error instanceof Error && error.name === 'ExitPromptError') {
				say('Cancelled, nothing was changed.');
				return 130;
			}

			throw error;
		}
	}

	const api = (options.createApi ?? (value => createClient({apiUrl, token: value, proxy})))(token);
	let organizations: number;
	try {
		organizations = (await api.listOrganizations()).length;
	} catch (error) {
		if (!(error instanceof ApiError)) {
			throw error;
		}

		// The server wrote the text; make sure it can't echo the token back.
		const hide = (text: string) => text.split(token).join(maskToken(token));
		if (error.kind === 'unauthorized') {
			const status = error.status ? ` (HTTP ${error.status})` : '';
			const reason = error.serverMessage ? `: ${error.serverMessage}` : '';
			say(hide(`The token was rejected by ${apiUrl}${status}${reason}.`));
			say('Check that the whole token was pasted and that it has not been revoked or expired.');
		} else {
			say(hide(`Could not log in: ${error.message}.`));
			say(hide(error.hint));
		}

		say('Nothing was stored.');
		return 1;
	}

	try {
		store.saveProfile(profile, {token, apiUrl});
	} catch (error) {
		return settingsFailure(error, say);
	}

	options.stdout.write(`Logged in to ${apiUrl} as profile "${profile}" (token ${maskToken(token)}); ${organizations} organization(s) visible.\n`);
	const overriding = tokenFromEnvironment(options.env);
	if (overriding) {
		say(`Note: ${overriding.source} is set and is used before the stored token; unset it to use this login.`);
	}

	return 0;
}

/** A SettingsError is the user's to fix (exit 1); anything else is a bug. */
function settingsFailure(error: unknown, say: (line: string) => void): number {
	if (!(error instanceof SettingsError)) {
		throw error;
	}

	say(describeSettingsError(error));
	return 1;
}

/** Two pasted lines or words are not one token; don't send them to the API. */
function hasInnerSpace(value: string): boolean {
	return /\s/.test(value.trim());
}

/**
 * Inquirer ends the stream it writes to when the prompt is done; process.stdout
 * survives that, any other stream would refuse our summary line afterwards.
 */
function unclosable(target: NodeJS.WritableStream): NodeJS.WritableStream {
	const terminal = target as NodeJS.WritableStream & {isTTY?: boolean; columns?: number; rows?: number};
	const forward = new Writable({
		write(chunk: Buffer, _encoding, done) {
			terminal.write(chunk);
			done();
		},
	});
	// Readline sizes and wraps the prompt from these.
	for (const key of ['isTTY', 'columns', 'rows'] as const) {
		Object.defineProperty(forward, key, {get: () => terminal[key]});
	}

	return forward;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}
