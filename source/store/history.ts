import fs from 'node:fs';
import path from 'node:path';
import type {EnterpriseConnection, LoadedConnection, Organization} from '../model/connection.js';
import {configDirectory} from './settings-file.js';

/** How many changes are kept; older ones are dropped first. */
export const historyLimit = 50;

/**
 * One change sent to the API. `before` is the connection as loaded when the
 * edit began, `sent` the PUT body, `applied` the server's answer (absent
 * while pending or when the PUT failed).
 */
export type HistoryEntry = {
	id: number;
	time: string;
	profile: string;
	apiUrl: string;
	organization: Organization;
	connection: string;
	/**
	 * pending: the PUT is out (or the run ended during it); unknown: it went
	 * out and no answer said whether it was stored (a timeout, a cut
	 * connection, an unreadable answer); failed: the server refused it.
	 */
	status: 'pending' | 'applied' | 'failed' | 'unknown';
	before: LoadedConnection;
	sent: EnterpriseConnection;
	applied?: LoadedConnection;
	error?: string;
};

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'time' | 'status' | 'applied' | 'error'>;

export type HistoryStore = {
	readonly path: string;
	/** Recorded before the PUT, so a crash mid-request still leaves a trace. */
	begin(entry: NewHistoryEntry): number;
	complete(id: number, applied: LoadedConnection): void;
	fail(id: number, message: string, status?: 'failed' | 'unknown'): void;
	/** Newest first. */
	list(): HistoryEntry[];
	get(id: number): HistoryEntry | undefined;
};

/**
 * The change history, in `history.json` beside the credentials: 0600 in a
 * 0700 directory, written whole to a temporary file and renamed, so it is
 * never half-written. An unreadable file is moved aside, never overwritten.
 */
export function openHistory(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): HistoryStore {
	const directory = configDirectory(env);
	const file = path.join(directory, 'history.json');

	const read = (): HistoryEntry[] => {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				return [];
			}

			throw error;
		}

		try {
			const data = JSON.parse(text) as unknown;
			if (Array.isArray(data)) {
				return data.filter(isEntry);
			}
		} catch {
			// Falls through to moving the file aside.
		}

		fs.renameSync(file, `${file}.corrupt-${now().toISOString().replaceAll(':', '-')}`);
		return [];
	};

	const write = (entries: HistoryEntry[]) => {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		fs.chmodSync(directory, 0o700);
		const temporary = `${file}.${process.pid}.tmp`;
		fs.writeFileSync(temporary, `${JSON.stringify(entries.slice(-historyLimit), null, 2)}\n`, {mode: 0o600});
		fs.chmodSync(temporary, 0o600);
		fs.renameSync(temporary, file);
	};

	const update = (id: number, change: (entry: HistoryEntry) => HistoryEntry) => {
		write(read().map(entry => (entry.id === id ? change(entry) : entry)));
	};

	return {
		path: file,
		begin(entry) {
			const entries = read();
			const id = Math.max(0, ...entries.map(existing => existing.id)) + 1;
			write([...entries, {...entry, id, time: now().toISOString(), status: 'pending'}]);
			return id;
		},
		complete(id, applied) {
			update(id, entry => ({...entry, status: 'applied', applied}));
		},
		fail(id, message, status = 'failed') {
			update(id, entry => ({...entry, status, error: message}));
		},
		list() {
			return read().reverse();
		},
		get(id) {
			return read().find(entry => entry.id === id);
		},
	};
}

function isEntry(value: unknown): value is HistoryEntry {
	const entry = value as Partial<HistoryEntry> | null;
	return (
		typeof entry === 'object' && entry !== null &&
		typeof entry.id === 'number' && typeof entry.time === 'string' &&
		typeof entry.connection === 'string' && typeof entry.organization?.id === 'string' &&
		typeof entry.before === 'object' && typeof entry.sent === 'object'
	);
}
