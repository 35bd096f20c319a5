import fs from 'node:fs';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import type {EnterpriseConnection, LoadedConnection} from '../model/connection.js';
import {diffConnection} from '../model/diff.js';
import {draftFromConnection} from '../model/draft.js';
import {syncLabel} from '../present/diff-lines.js';
import {type HistoryEntry, type HistoryStore, openHistory} from '../store/history.js';

export type HistoryIo = {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
};

/**
 * One entry of `qovery-sso history --json`. Every key is always present
 * (absent values are null), in this order, so scripts can rely on it.
 */
export type HistoryJsonEntry = {
	id: number;
	time: string;
	status: HistoryEntry['status'];
	profile: string;
	apiUrl: string;
	organization: {id: string; name: string};
	connection: string;
	/** The same one-line summary as the table. */
	summary: string;
	/** The entry this change undid, when it was made by `qovery-sso undo`. */
	undoOf: number | null;
	/** The connection as loaded before the change; enforce_group_sync null when the server did not say. */
	before: JsonConnection;
	/** The PUT body. */
	sent: JsonConnection;
	/** The server's answer to the PUT; null while pending or when it failed. */
	applied: JsonConnection | null;
	/** Why the PUT failed; null otherwise. */
	error: string | null;
};

export type JsonConnection = {
	connection_name: string;
	default_role: string;
	enforce_group_sync: boolean | null;
	group_mappings: Record<string, string[]>;
};

/** The entry an undo entry undid; written by `undo` beside the store's own fields. */
export function undoOf(entry: HistoryEntry): number | undefined {
	const value = (entry as HistoryEntry & {undoOf?: unknown}).undoOf;
	return typeof value === 'number' ? value : undefined;
}

/**
 * The history and its entries, newest first; says so when an unreadable file
 * was moved aside. `undefined` (after saying why) when it cannot be read.
 */
export function readHistory(env: NodeJS.ProcessEnv, say: (line: string) => void): {history: HistoryStore; entries: HistoryEntry[]} | undefined {
	try {
		const history = openHistory(env);
		const existed = fs.existsSync(history.path);
		const entries = history.list();
		if (existed && !fs.existsSync(history.path)) {
			say(`The change history ${history.path} could not be read; it was moved aside (${history.path}.corrupt-*) and a new one starts empty.`);
		}

		return {history, entries};
	} catch (error) {
		say(`qovery-sso: the change history could not be read: ${(error as Error).message}`);
		return undefined;
	}
}

/** `qovery-sso history [--json] [--org ID|NAME] [--connection NAME]`: changes made from this machine, newest first. */
export async function runHistory(options: CliOptions, io: HistoryIo = {stdout: process.stdout, stderr: process.stderr, env: process.env}): Promise<number> {
	const say = (line: string) => io.stderr.write(`${line}\n`);
	const read = readHistory(io.env, say);
	if (!read) {
		return exitCodes.failure;
	}

	const {history} = read;
	const entries = read.entries.filter(entry => matchesSelection(entry, options));
	if (options.json) {
		io.stdout.write(`${JSON.stringify(entries.map(toJson), null, 2)}\n`);
		return exitCodes.ok;
	}

	if (entries.length === 0) {
		const filtered = options.org !== undefined || options.connection !== undefined;
		say(filtered ? `No recorded change matches in ${history.path}.` : `No change recorded yet in ${history.path}.`);
		return exitCodes.ok;
	}

	const width = io.stdout.isTTY ? io.stdout.columns : undefined;
	io.stdout.write(`${formatHistoryTable(entries, width)}\n`);
	return exitCodes.ok;
}

/** An entry as `--json` prints it. */
export function toJson(entry: HistoryEntry): HistoryJsonEntry {
	return {
		id: entry.id,
		time: entry.time,
		status: entry.status,
		profile: entry.profile,
		apiUrl: entry.apiUrl,
		organization: {id: entry.organization.id, name: entry.organization.name},
		connection: entry.connection,
		summary: summarizeEntry(entry),
		undoOf: undoOf(entry) ?? null,
		before: jsonConnection(entry.before),
		sent: jsonConnection(entry.sent),
		applied: entry.applied ? jsonConnection(entry.applied) : null,
		error: entry.error ?? null,
	};
}

function jsonConnection(connection: LoadedConnection | EnterpriseConnection): JsonConnection {
	return {
		connection_name: connection.connection_name,
		default_role: connection.default_role,
		enforce_group_sync: connection.enforce_group_sync ?? null,
		group_mappings: connection.group_mappings,
	};
}

/** Entries of the organization (id or name, any case) and connection asked for, if any. */
export function matchesSelection(entry: HistoryEntry, selection: {org?: string; connection?: string}): boolean {
	const org = selection.org?.trim();
	if (org !== undefined && org !== '' && entry.organization.id !== org && entry.organization.name.toLowerCase() !== org.toLowerCase()) {
		return false;
	}

	const connection = selection.connection?.trim();
	return connection === undefined || connection === '' || entry.connection.toLowerCase() === connection.toLowerCase();
}

/** The summary of an entry: what its PUT body changes from the state before it. */
export function summarizeEntry(entry: HistoryEntry): string {
	const summary = summarizeChange(entry.before, entry.sent);
	const undone = undoOf(entry);
	return undone === undefined ? summary : `undo of #${undone}: ${summary}`;
}

/** "default role viewer→devops; sync off→on; +1 mapping; 1 mapping changed (+2 -1 groups)" */
export function summarizeChange(before: LoadedConnection, after: LoadedConnection | EnterpriseConnection): string {
	const diff = diffConnection(before, draftFromConnection(after));
	const parts: string[] = [];
	if (diff.defaultRole) {
		parts.push(`default role ${shortKey(diff.defaultRole.before)}→${shortKey(diff.defaultRole.after)}`);
	}

	if (diff.groupSync) {
		parts.push(`sync ${syncLabel(diff.groupSync.before)}→${syncLabel(diff.groupSync.after)}`);
	}

	const added = diff.roles.filter(change => change.status === 'added').length;
	const removed = diff.roles.filter(change => change.status === 'removed').length;
	const changed = diff.roles.filter(change => change.status === 'changed');
	if (added > 0) {
		parts.push(`+${added} ${plural(added, 'mapping')}`);
	}

	if (removed > 0) {
		parts.push(`-${removed} ${plural(removed, 'mapping')}`);
	}

	if (changed.length > 0) {
		const plus = changed.reduce((sum, change) => sum + change.addedGroups.length, 0);
		const minus = changed.reduce((sum, change) => sum + change.removedGroups.length, 0);
		const detail = plus === 0 && minus === 0 ? 'reordered' : [plus > 0 ? `+${plus}` : '', minus > 0 ? `-${minus}` : ''].filter(Boolean).join(' ') + ` ${plural(plus + minus, 'group')}`;
		parts.push(`${changed.length} ${plural(changed.length, 'mapping')} changed (${detail})`);
	}

	return parts.length === 0 ? 'no change' : parts.join('; ');
}

function plural(count: number, word: string): string {
	return count === 1 ? word : `${word}s`;
}

/** A custom role's UUID key, cut to its first block so the line stays short. */
function shortKey(key: string): string {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key) ? `${key.slice(0, 8)}…` : key;
}

/** "2026-03-01T12:34:56.789Z" → "2026-03-01 12:34:56 UTC" */
export function formatTime(iso: string): string {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
	return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/**
 *   ID  TIME                     ORGANIZATION  CONNECTION  STATUS   CHANGES
 *    2  2026-03-01 12:34:56 UTC  Acme Corp     acme-okta   applied  undo of #1: sync on→off
 */
export function formatHistoryTable(entries: readonly HistoryEntry[], width?: number): string {
	const header = ['ID', 'TIME', 'ORGANIZATION', 'CONNECTION', 'STATUS', 'CHANGES'];
	const rows = entries.map(entry => [
		String(entry.id),
		formatTime(entry.time),
		entry.organization.name,
		entry.connection,
		entry.status,
		(entry.status === 'failed' || entry.status === 'unknown') && entry.error ? `${summarizeEntry(entry)} (${entry.status === 'failed' ? 'failed' : 'may have been applied'}: ${entry.error})` : summarizeEntry(entry),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) => {
		const text = cells.map((cell, column) => {
			if (column === cells.length - 1) {
				return cell;
			}

			return column === 0 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
		}).join('  ');
		return width !== undefined && width > 20 && text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text;
	};

	return [line(header), ...rows.map(line)].join('\n');
}
