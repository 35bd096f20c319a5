import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {cleanProfiles, configDirectory, configName, directoryMode, failure, fileMode, inspect, type Profile, type Profiles, SettingsError} from './settings-file.js';

export {configDirectory, type Profile, SettingsError} from './settings-file.js';

export const defaultProfileName = 'default';

/**
 * The stored file could not be used as it was. `unreadable`: not JSON at all
 * (cut off, empty, hand-edited); nothing of it is used. `wrong-shape`: valid
 * JSON with parts of the wrong type; the valid parts are kept and the rest is
 * ignored. Either way the original file is kept at `movedTo`, byte for byte.
 */
export type SettingsProblem = {
	kind: 'unreadable' | 'wrong-shape';
	path: string;
	movedTo: string;
	reason: string;
};

export type SettingsStore = {
	/** The settings file, `config.json` in `directory`. */
	readonly path: string;
	readonly directory: string;
	/** Set when the file found at open time was moved aside. */
	readonly problem: SettingsProblem | undefined;
	getProfile(name: string): Profile | undefined;
	saveProfile(name: string, profile: {token: string; apiUrl?: string}): void;
	/** True when there was a profile of that name to remove. */
	removeProfile(name: string): boolean;
	profileNames(): string[];
};

/**
 * Opens the store without ever throwing on the file's content: a file that is
 * not usable is moved aside first and reported in `problem`. Throws
 * SettingsError only when the file or its directory can't be accessed.
 */
export function openSettings(env: NodeJS.ProcessEnv): SettingsStore {
	const directory = configDirectory(env);
	const file = path.join(directory, `${configName}.json`);
	prepareDirectory(directory, file);
	const found = inspect(file);
	let problem: SettingsProblem | undefined;
	if (found.state === 'unreadable' || found.state === 'wrong-shape') {
		problem = {kind: found.state, path: file, movedTo: moveAside(file), reason: found.reason};
	}

	// An older version may have left the file readable by others; reading goes on regardless.
	tighten(directory, file, {strict: false});

	let conf: Conf;
	try {
		conf = new Conf({
			cwd: directory,
			configName,
			configFileMode: fileMode,
			// Profile names may hold dots; they are keys, not paths.
			accessPropertiesByDotNotation: false,
		});
	} catch (error) {
		throw failure(file, 'could not be opened', error);
	}

	const store = new ConfSettingsStore(conf, directory, problem);
	if (found.state === 'wrong-shape' && Object.keys(found.cleaned).length > 0) {
		store.replaceAll(found.cleaned);
	}

	return store;
}

/** Says what was wrong with the file and what to do; one line per sentence. */
export function describeSettingsProblem(problem: SettingsProblem): string {
	const lines = problem.kind === 'unreadable'
		? [`The stored settings in ${problem.path} can't be read: ${problem.reason}.`]
		: [`Some stored settings in ${problem.path} have the wrong shape and were ignored: ${problem.reason}.`];
	lines.push(`The original file was kept as ${problem.movedTo}; it may still hold a token, so delete it once you no longer need it.`);

	if (problem.kind === 'wrong-shape') {
		lines.push(`The valid parts were kept in ${problem.path}.`);
	}

	lines.push('Log in again with `qovery-sso login` if no valid login is left.');
	return lines.join('\n');
}

/** Message and what to try, for a SettingsError. */
export function describeSettingsError(error: SettingsError): string {
	return `${error.message}.\n${error.hint}`;
}

class ConfSettingsStore implements SettingsStore {
	readonly path: string;

	constructor(
		private readonly conf: Conf,
		readonly directory: string,
		readonly problem: SettingsProblem | undefined,
	) {
		this.path = conf.path;
	}

	getProfile(name: string): Profile | undefined {
		const profiles = this.readProfiles();
		return Object.hasOwn(profiles, name) ? {...profiles[name]} : undefined;
	}

	saveProfile(name: string, profile: {token: string; apiUrl?: string}): void {
		const entry: Profile = {token: profile.token};
		if (profile.apiUrl !== undefined) {
			entry.apiUrl = profile.apiUrl;
		}

		this.writeProfiles(withEntry(this.readProfiles(), name, entry));
	}

	removeProfile(name: string): boolean {
		const profiles = this.readProfiles();
		if (!Object.hasOwn(profiles, name)) {
			return false;
		}

		this.writeProfiles(Object.fromEntries(Object.entries(profiles).filter(([key]) => key !== name)));
		return true;
	}

	profileNames(): string[] {
		return Object.keys(this.readProfiles()).sort();
	}

	/** Writes a whole cleaned store (used once, after a wrong-shape file was moved aside). */
	replaceAll(data: Record<string, unknown>): void {
		this.guard('could not be written', () => {
			this.conf.store = data;
		});
		tighten(this.directory, this.path, {strict: true});
	}

	private readProfiles(): Profiles {
		// conf reads the file on every access, so another process may have changed it.
		const raw = this.guard('could not be read', () => this.conf.get('profiles'));
		return raw === undefined ? {} : cleanProfiles(raw).profiles;
	}

	private writeProfiles(profiles: Profiles): void {
		this.guard('could not be written', () => {
			this.conf.set('profiles', profiles);
		});
		tighten(this.directory, this.path, {strict: true});
	}

	private guard<T>(what: string, action: () => T): T {
		try {
			return action();
		} catch (error) {
			throw failure(this.path, what, error);
		}
	}
}

function withEntry(profiles: Profiles, name: string, entry: Profile): Profiles {
	// fromEntries defines own keys, so a name such as `__proto__` stays a plain key.
	return Object.fromEntries([...Object.entries(profiles).filter(([key]) => key !== name), [name, entry]]);
}

/** Creates the directory private; refuses a shared one such as /tmp. */
function prepareDirectory(directory: string, file: string): void {
	try {
		fs.mkdirSync(directory, {recursive: true, mode: directoryMode});
	} catch (error) {
		throw failure(file, 'could not be created', error, 'Check that the parent directory exists and is writable, or set QOVERY_SSO_CONFIG_DIR.');
	}

	let stats: fs.Stats;
	try {
		stats = fs.statSync(directory);
	} catch (error) {
		throw failure(file, 'could not be opened', error);
	}

	if (!stats.isDirectory()) {
		throw new SettingsError(file, `can't be used: ${directory} is not a directory`, 'Point QOVERY_SSO_CONFIG_DIR at a directory of its own.');
	}

	// Making a sticky shared directory private would break it for everyone else.
	if ((stats.mode & 0o1000) !== 0) {
		throw new SettingsError(file, `can't be kept private: ${directory} is a shared directory`, 'Point QOVERY_SSO_CONFIG_DIR at a directory of its own, for example a new one inside it.');
	}

	try {
		// Also undoes a umask that left the directory unusable to us.
		fs.chmodSync(directory, directoryMode);
	} catch {}
}

/** Moves an unusable file out of conf's way without overwriting an earlier copy. */
function moveAside(file: string): string {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	for (let attempt = 0; attempt < 100; attempt++) {
		const target = `${file}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
		if (fs.existsSync(target)) {
			continue;
		}

		try {
			fs.renameSync(file, target);
		} catch (error) {
			throw failure(file, 'is unusable and could not be moved aside', error, `Move or delete ${file} by hand, then run the command again.`);
		}

		try {
			// The copy may hold a token.
			fs.chmodSync(target, fileMode);
		} catch {}

		return target;
	}

	throw new SettingsError(file, 'is unusable and could not be moved aside (too many earlier copies)', `Move or delete ${file} and its .corrupt copies by hand, then run the command again.`);
}

/** Applies 0600/0700 whatever the umask and the modes found; conf's mode only applies on creation. */
function tighten(directory: string, file: string, {strict}: {strict: boolean}): void {
	for (const [target, mode] of [[directory, directoryMode], [file, fileMode]] as const) {
		try {
			fs.chmodSync(target, mode);
		} catch (error) {
			if (strict) {
				throw failure(file, `was written but ${target} could not be made private`, error, `Run \`chmod ${mode.toString(8)} ${target}\` yourself.`);
			}
		}
	}
}

