import {ApiError} from '../api/errors.js';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import type {LoadedConnection} from '../model/connection.js';
import {buildPutBody} from '../model/body.js';
import {diffConnection, isEmptyDiff, sameConnection} from '../model/diff.js';
import type {Draft} from '../model/draft.js';
import {RoleCatalog} from '../model/roles.js';
import {saveConnection} from '../model/save.js';
import {needsTypedConfirmation, warningsFor} from '../model/warnings.js';
import {diffLines, formatLines, syncLabel, warningLines} from '../present/diff-lines.js';
import type {HistoryEntry, HistoryStore, NewHistoryEntry} from '../store/history.js';
import {historyRecorder} from '../store/history-recorder.js';
import {detectCaps, symbolsFor} from '../ui/terminal-caps.js';
import {UsageError} from '../ui/outcome.js';
import {connect, type Connection} from './connect.js';
import {formatTime, matchesSelection, readHistory, summarizeEntry} from './history.js';
import {stopExitCodes, stopMessage, whileNotStopped} from './stop-signals.js';

type Terminal = {isTTY?: boolean};

export type UndoPrompts = {
	confirm(config: {message: string; default: boolean}): Promise<boolean>;
	input(config: {message: string; validate: (value: string) => true | string}): Promise<string>;
};

export type UndoIo = {
	stdin: NodeJS.ReadableStream & Terminal;
	stdout: NodeJS.WritableStream & Terminal;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	/** The questions; @inquirer/prompts unless a test gives its own. */
	prompts?: UndoPrompts;
	/** How the API is reached; the shared `connect` unless a test gives its own. */
	connect?: (options: CliOptions) => Promise<UndoConnection>;
};

/** What undo needs of a connection to the API. */
export type UndoConnection = Pick<Connection, 'api' | 'apiUrl' | 'profile' | 'token' | 'close'>;

const cancelledMessage = 'Cancelled, nothing was changed.';

/**
 * `qovery-sso undo [--id N] [--yes]`: puts a connection back to the state it
 * had before a recorded change. The diff is taken from the server's current
 * state, so changes made since then (by anyone) are shown and undone too,
 * and the save is drift-checked against exactly that state.
 */
export async function runUndo(options: CliOptions, io: UndoIo = {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env}): Promise<number> {
	const say = (line: string) => io.stderr.write(`${line}\n`);
	const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
	// Decided before anything is read or requested: no question can be asked.
	if (!options.yes && !interactive) {
		say('qovery-sso: undo asks for confirmation and needs a terminal on stdin and stdout; pass --yes to undo without asking (over SSH, connect with ssh -t).');
		return exitCodes.usage;
	}

	const read = readHistory(io.env, say);
	if (!read) {
		return exitCodes.failure;
	}

	const {history, entries} = read;

	const picked = pickEntry(entries, options);
	if (picked.kind === 'none') {
		say(picked.message);
		return picked.code;
	}

	const {entry} = picked;
	if (entry.status !== 'applied') {
		say(`Note: change #${entry.id} is marked ${entry.status}${entry.error ? ` (${entry.error})` : ''}; it may not have reached the server. What follows compares with the server's current state.`);
	}

	let connection: UndoConnection;
	try {
		connection = await (io.connect ?? (value => connect(value, {stderr: io.stderr})))(options);
	} catch (error) {
		if (error instanceof UsageError) {
			say(`qovery-sso: ${error.message}`);
			return exitCodes.usage;
		}

		throw error;
	}

	try {
		return await undoEntry(entry, history, connection, options, io, interactive);
	} finally {
		await connection.close();
	}
}

type Picked = {kind: 'entry'; entry: HistoryEntry} | {kind: 'none'; message: string; code: number};

/** `--id N`, or the newest applied change (of `--org`/`--connection` when given). */
function pickEntry(entries: readonly HistoryEntry[], options: CliOptions): Picked {
	if (options.id !== undefined) {
		const entry = entries.find(candidate => candidate.id === options.id);
		if (!entry) {
			const ids = entries.map(candidate => candidate.id);
			const known = ids.length === 0 ? 'the history is empty' : `recorded ids: ${Math.min(...ids)} to ${Math.max(...ids)}`;
			return {kind: 'none', code: exitCodes.usage, message: `qovery-sso: there is no change #${options.id} in the history (${known}); see qovery-sso history.`};
		}

		return {kind: 'entry', entry};
	}

	const entry = entries.find(candidate => candidate.status === 'applied' && matchesSelection(candidate, options));
	if (!entry) {
		const scope = options.org !== undefined || options.connection !== undefined ? ' matching --org/--connection' : '';
		return {kind: 'none', code: exitCodes.ok, message: `Nothing to undo: no applied change${scope} is recorded in the history.`};
	}

	return {kind: 'entry', entry};
}

async function undoEntry(entry: HistoryEntry, history: HistoryStore, connection: UndoConnection, options: CliOptions, io: UndoIo, interactive: boolean): Promise<number> {
	const say = (line: string) => io.stderr.write(`${line}\n`);
	const where = `${entry.connection} in ${entry.organization.name}`;
	if (normalizeUrl(entry.apiUrl) !== normalizeUrl(connection.apiUrl)) {
		say(`qovery-sso: change #${entry.id} was made through ${entry.apiUrl}, but the API URL now in use is ${connection.apiUrl}. Undo only talks to the API the change was made through; run it again with --api-url ${entry.apiUrl} (or the matching QOVERY_API_URL or --profile).`);
		return exitCodes.usage;
	}

	if (!connection.token) {
		say(`qovery-sso: no token for ${connection.apiUrl} (profile "${connection.profile}"); run qovery-sso login or set QOVERY_API_TOKEN.`);
		return exitCodes.usage;
	}

	const {api} = connection;
	let current: LoadedConnection;
	let catalog: RoleCatalog;
	try {
		const [loaded, roles] = await Promise.all([
			api.getConnection(entry.organization.id, entry.connection),
			api.listAvailableRoles(entry.organization.id),
		]);
		current = loaded;
		catalog = new RoleCatalog(roles);
	} catch (error) {
		return apiFailure(error, say, 'Nothing was changed.');
	}

	const target = entry.before;
	const enforceGroupSync = target.enforce_group_sync ?? current.enforce_group_sync;
	if (enforceGroupSync === undefined) {
		say(`qovery-sso: neither the state before change #${entry.id} nor the server says whether group sync is enforced on ${where}; choose it in the wizard instead. Nothing was changed.`);
		return exitCodes.usage;
	}

	const {draft, lost} = restorable(target, current, catalog, enforceGroupSync);
	const lostLines = lost.map(item => `Cannot restore ${item}: the organization no longer has that role, and the API only keeps keys a connection already holds. It is left out.`);
	const diff = diffConnection(current, draft);
	if (isEmptyDiff(diff)) {
		for (const line of lostLines) {
			say(`Note: ${line}`);
		}

		say(`Nothing to undo: ${where} already holds the state from before change #${entry.id}${lost.length > 0 ? ', as far as it can be restored' : ''}.`);
		return exitCodes.ok;
	}

	const body = buildPutBody(current, draft);
	const warnings = warningsFor(draft, catalog);
	const symbols = symbolsFor(detectCaps(io.env));
	const markers = {arrow: symbols.arrow, warning: symbols.warning};
	const out = (text: string) => io.stdout.write(`${text}\n`);
	out(`Undo change #${entry.id} (${formatTime(entry.time)}, ${summarizeEntry(entry)}) on ${where}.`);
	out(`From the server's current state to the state before that change:`);
	out(formatLines(diffLines(diff, catalog, markers)));
	if (target.enforce_group_sync === undefined) {
		out(`(The state before change #${entry.id} did not report enforce group sync; its current value, ${syncLabel(enforceGroupSync)}, is kept.)`);
	}

	for (const line of lostLines) {
		out(`Note: ${line}`);
	}

	const after = entry.applied ?? entry.sent;
	if (entry.status === 'applied' && !sameConnection(current, after)) {
		out(`Note: ${where} changed again after change #${entry.id}; those later changes are undone as well (they are in the diff above).`);
	}

	if (warnings.length > 0) {
		out('');
		out(formatLines(warningLines(warnings, markers)));
	}

	if (options.yes && needsTypedConfirmation(warnings) && options.confirmName !== current.connection_name) {
		say(`qovery-sso: this undo can lock the admins out; to send it without a prompt, add --confirm-name ${current.connection_name}. Nothing was changed.`);
		return exitCodes.usage;
	}

	if (!options.yes) {
		// Checked by runUndo already; kept here so no path can ask without a terminal.
		if (!interactive) {
			say('qovery-sso: undo needs a terminal to confirm; pass --yes. Nothing was changed.');
			return exitCodes.usage;
		}

		const prompts = io.prompts ?? await import('@inquirer/prompts');
		try {
			if (needsTypedConfirmation(warnings)) {
				const name = current.connection_name;
				await prompts.input({
					message: `This is a risky change. Type the connection name ${name} to send it:`,
					validate: value => value.trim() === name || `That is not the connection name ${name}; nothing was sent. Type it exactly, or press Ctrl+C to cancel.`,
				});
			} else if (!(await prompts.confirm({message: `Restore ${where} to this state?`, default: false}))) {
				say(cancelledMessage);
				return exitCodes.cancelled;
			}
		} catch (error) {
			if (error instanceof Error && error.name === 'ExitPromptError') {
				say(cancelledMessage);
				return exitCodes.cancelled;
			}

			throw error;
		}
	}

	// Undo entries are tagged with what they undid, beside the store's own fields.
	let recordedId: number | undefined;
	const tagged: HistoryStore = {
		...history,
		begin(newEntry: NewHistoryEntry) {
			const withTag: NewHistoryEntry & {undoOf: number} = {...newEntry, undoOf: entry.id};
			recordedId = history.begin(withTag);
			return recordedId;
		},
	};
	const recorder = historyRecorder(tagged, {profile: connection.profile, apiUrl: connection.apiUrl}, say);
	let result;
	let sending = false;
	// A stop while the PUT is out must not pass in silence: the undo may be in place.
	const stopWatch = whileNotStopped(signal => {
		say(stopMessage(signal, sending ? {organizationId: entry.organization.id, connection: current.connection_name, apiUrl: connection.apiUrl, profile: connection.profile} : undefined));
		process.exit(stopExitCodes[signal]);
	});
	try {
		result = await saveConnection(api, entry.organization, current, body, recorder, () => {
			sending = true;
		});
	} catch (error) {
		return apiFailure(error, say, 'The undo was not applied.');
	} finally {
		stopWatch();
	}

	if (result.kind === 'drift') {
		say(`qovery-sso: ${where} changed on the server while this undo was being confirmed; nothing was sent. Run qovery-sso undo again to see the new difference.`);
		return exitCodes.failure;
	}

	const recorded = recordedId === undefined ? '' : ` (recorded as change #${recordedId})`;
	const partly = lost.length > 0 ? `, except ${lost.join(' and ')}` : '';
	say(`Restored ${where} to the state before change #${entry.id}${partly}${recorded}.`);
	if (!sameConnection(result.applied, body)) {
		say(`Note: the server's answer differs from what was sent; check it with qovery-sso show.`);
	}

	return exitCodes.ok;
}

/**
 * The state before, minus what the API would refuse: a role key (mapping or
 * default role) that no role of the organization has any more and that the
 * connection does not hold now. The API takes such a key back only while the
 * connection still holds it, so once removed it cannot be put back.
 */
function restorable(target: LoadedConnection, current: LoadedConnection, catalog: RoleCatalog, enforceGroupSync: boolean): {draft: Draft; lost: string[]} {
	const held = new Set([current.default_role, ...Object.keys(current.group_mappings)]);
	const gone = (key: string) => !catalog.has(key) && !held.has(key);
	const lost: string[] = [];
	const mappings = Object.fromEntries(Object.entries(target.group_mappings).filter(([role, groups]) => {
		if (gone(role)) {
			lost.push(`the mapping for role key ${role} (${groups.join(', ')})`);
			return false;
		}

		return true;
	}));
	let defaultRole = target.default_role;
	if (gone(defaultRole)) {
		lost.push(`the default role ${defaultRole} (${current.default_role} is kept)`);
		defaultRole = current.default_role;
	}

	return {draft: {defaultRole, enforceGroupSync, mappings}, lost};
}

function apiFailure(error: unknown, say: (line: string) => void, outcome: string): number {
	if (!(error instanceof ApiError)) {
		throw error;
	}

	say(`qovery-sso: ${error.message}`);
	say(error.hint);
	say(outcome);
	return exitCodes.failure;
}

function normalizeUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}
