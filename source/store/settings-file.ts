import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The settings file as data: where it lives, how its content is checked.
 * Nothing here loads conf, so a command that only reads the stored profile
 * starts without it (conf and its schema validator cost ~90 ms at start-up).
 */

export const projectName = 'qovery-sso';
// conf appends this suffix to the project name unless told otherwise.
export const projectSuffix = 'nodejs';
export const configName = 'config';
export const fileMode = 0o600;
export const directoryMode = 0o700;

/** Keys this module understands; `history` belongs to others and is kept as found. */
export const knownKeys = new Set(['profiles', 'history', '__internal__']);

export type Profile = {token?: string; apiUrl?: string};

export type Profiles = Record<string, Profile>;

/** The settings can't be read or written at all (permissions, disk). */
export class SettingsError extends Error {
	constructor(
		readonly path: string,
		readonly detail: string,
		readonly hint: string,
	) {
		super(`The settings file ${path} ${detail}`);
		this.name = 'SettingsError';
	}
}

/** `QOVERY_SSO_CONFIG_DIR` when set, else where conf would put project `qovery-sso`. */
export function configDirectory(env: NodeJS.ProcessEnv): string {
	const override = env['QOVERY_SSO_CONFIG_DIR']?.trim();
	if (override) {
		return path.resolve(override);
	}

	// The same places conf's env-paths picks, but read from `env` so callers control them.
	const name = `${projectName}-${projectSuffix}`;
	const home = (process.platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || os.homedir();
	if (process.platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', name);
	}

	if (process.platform === 'win32') {
		return path.join(env['APPDATA'] || path.join(home, 'AppData', 'Roaming'), name, 'Config');
	}

	return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), name);
}

export type Inspection =
	| {state: 'missing' | 'valid'}
	| {state: 'unreadable'; reason: string}
	| {state: 'wrong-shape'; reason: string; cleaned: Record<string, unknown>};

/** Reads the file before conf does, since conf throws a bare SyntaxError on bad JSON. */
export function inspect(file: string): Inspection {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT') {
			return {state: 'missing'};
		}

		if (code === 'EISDIR') {
			return {state: 'unreadable', reason: 'it is a directory, not a file'};
		}

		throw failure(file, 'could not be read', error);
	}

	if (text.trim() === '') {
		return {state: 'unreadable', reason: 'the file is empty'};
	}

	const bom = text.startsWith('\uFEFF');
	let data: unknown;
	try {
		data = JSON.parse(bom ? text.slice(1) : text) as unknown;
	} catch (error) {
		// V8's message quotes the input, which may be the token: keep only the position.
		const message = (error as Error).message;
		const line = /\(line (\d+) column (\d+)\)/.exec(message);
		const position = /at position (\d+)/.exec(message);
		const where = line
			? ` (error at line ${line[1]}, column ${line[2]})`
			: position ? ` (error at character ${Number(position[1]) + 1})` : '';
		return {state: 'unreadable', reason: `it is not valid JSON${where}; it may have been cut off or edited by hand`};
	}

	const {cleaned, dropped} = cleanSettings(data);
	if (bom) {
		// conf's own JSON.parse would choke on the mark.
		dropped.unshift('the file starts with a byte-order mark');
	}

	return dropped.length === 0 ? {state: 'valid'} : {state: 'wrong-shape', reason: dropped.join('; '), cleaned};
}

export function cleanSettings(data: unknown): {cleaned: Record<string, unknown>; dropped: string[]} {
	if (!isPlainObject(data)) {
		return {cleaned: {}, dropped: [`the top level is ${describeType(data)}, not an object`]};
	}

	const cleaned: Array<[string, unknown]> = [];
	const dropped: string[] = [];
	for (const [key, value] of Object.entries(data)) {
		if (!knownKeys.has(key)) {
			dropped.push(`unknown setting "${key}"`);
		} else if (key === 'profiles') {
			const result = cleanProfiles(value);
			cleaned.push([key, result.profiles]);
			dropped.push(...result.dropped);
		} else {
			cleaned.push([key, value]);
		}
	}

	return {cleaned: Object.fromEntries(cleaned), dropped};
}

/** Keeps the entries that are objects of optional string `token` and `apiUrl`. */
export function cleanProfiles(value: unknown): {profiles: Profiles; dropped: string[]} {
	if (!isPlainObject(value)) {
		return {profiles: {}, dropped: [`"profiles" is ${describeType(value)}, not an object`]};
	}

	const kept: Array<[string, Profile]> = [];
	const dropped: string[] = [];
	for (const [name, entry] of Object.entries(value)) {
		const fault = profileFault(entry);
		if (fault) {
			dropped.push(`profile "${name}" ${fault}`);
		} else {
			kept.push([name, entry as Profile]);
		}
	}

	return {profiles: Object.fromEntries(kept), dropped};
}

function profileFault(entry: unknown): string | undefined {
	if (!isPlainObject(entry)) {
		return `is ${describeType(entry)}, not an object`;
	}

	for (const [field, value] of Object.entries(entry)) {
		if (field !== 'token' && field !== 'apiUrl') {
			return `has an unknown field "${field}"`;
		}

		if (typeof value !== 'string') {
			return `has a ${field} that is ${describeType(value)}, not a string`;
		}
	}

	return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Types only, never values: a value could be the token.
export function describeType(value: unknown): string {
	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'a list';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function failure(file: string, what: string, error: unknown, hint?: string): SettingsError {
	const code = errorCode(error);
	const why = code ?? (error instanceof SyntaxError ? 'it is not valid JSON' : 'unexpected error');
	return new SettingsError(file, `${what} (${why})`, hint ?? defaultHint(code));
}

function defaultHint(code: string | undefined): string {
	if (code === 'EACCES' || code === 'EPERM') {
		return 'Check the owner and permissions of the file and its directory.';
	}

	if (code === 'ENOSPC' || code === 'EDQUOT') {
		return 'Free some disk space, then try again.';
	}

	return 'Run the command again; if it keeps failing, move the file aside and log in again.';
}

export function errorCode(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

/**
 * The stored profile without opening conf. `problem` when the file is not
 * usable as it is: the caller then opens the full store, which moves it aside
 * and says so.
 */
export function peekProfile(env: NodeJS.ProcessEnv, name: string): {profile?: Profile} | 'problem' {
	const file = path.join(configDirectory(env), `${configName}.json`);
	let found: Inspection;
	try {
		found = inspect(file);
	} catch {
		return 'problem';
	}

	if (found.state === 'missing') {
		return {};
	}

	if (found.state !== 'valid') {
		return 'problem';
	}

	const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
	const {profiles} = cleanProfiles(data.profiles ?? {});
	return Object.hasOwn(profiles, name) ? {profile: {...profiles[name]}} : {};
}
