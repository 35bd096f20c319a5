import {maskToken, tokenFromEnvironment} from '../api/auth.js';
import {describeSettingsError, describeSettingsProblem, openSettings, SettingsError, type SettingsStore} from '../store/settings.js';

export type LogoutOptions = {
	profile: string;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
};

/**
 * Forgets the profile (its token and API URL) and says what was removed.
 * A corrupt settings file is moved aside by openSettings, so logout still
 * works; the message then points at the copy, which may hold a token.
 */
export async function runLogout(options: LogoutOptions): Promise<number> {
	const {profile} = options;
	const say = (line: string) => options.stderr.write(`${line}\n`);

	let store: SettingsStore;
	let removed: {token?: string} | undefined;
	try {
		store = openSettings(options.env);
		if (store.problem) {
			say(describeSettingsProblem(store.problem));
		}

		removed = store.getProfile(profile);
		store.removeProfile(profile);
	} catch (error) {
		if (!(error instanceof SettingsError)) {
			throw error;
		}

		say(describeSettingsError(error));
		return 1;
	}

	if (!removed) {
		say(`Profile "${profile}" has no stored login in ${store.path}; nothing to remove.`);
	} else if (removed.token) {
		say(`Removed the token of profile "${profile}" (${maskToken(removed.token)}) from ${store.path}.`);
	} else {
		say(`Removed profile "${profile}" from ${store.path}; it held no token.`);
	}

	const still = tokenFromEnvironment(options.env);
	if (still) {
		say(`Note: ${still.source} is still set in the environment and keeps being used; unset it too.`);
	}

	return 0;
}
