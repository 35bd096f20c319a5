/**
 * What show, export, plan and apply share: connecting, turning errors into
 * exit codes, reading the change file and printing a plan. Data goes to
 * stdout, messages to stderr; colour only when stdout is a terminal and
 * NO_COLOR is unset.
 */
import fs from 'node:fs';
import process from 'node:process';
import type {QoveryApi} from '../api/client.js';
import {ApiError} from '../api/errors.js';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {formatOfName, formatProblem, parseChangeFile, type FileProblem, type ParsedChangeFile} from '../model/change-file.js';
import type {ConnectionDiff} from '../model/diff.js';
import type {FilePlan} from '../model/file-edits.js';
import type {RoleCatalog} from '../model/roles.js';
import {diffLines, formatLines, type Line, type Markers, type Tone, warningLines} from '../present/diff-lines.js';
import {detectCaps, symbolsFor} from '../ui/terminal-caps.js';
import {UsageError} from '../ui/outcome.js';
import {connect, type Connection} from './connect.js';
import type {Target} from './target.js';
import {formatSeconds} from '../api/retry.js';

export type Streams = {
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	stdout: NodeJS.WritableStream & {isTTY?: boolean};
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
	env: NodeJS.ProcessEnv;
};

export type Scripted = Streams & {
	api: QoveryApi;
	connection: Connection;
	/** One line on stderr. */
	say: (line: string) => void;
	style: OutputStyle;
};

export function processStreams(): Streams {
	return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env};
}

/**
 * Connect, run `body`, and map what it throws: UsageError → 2, ApiError → 1
 * (its message and hint). The demo's fake API is stopped at the end.
 */
export async function runScripted(options: CliOptions, streams: Streams, body: (context: Scripted) => Promise<number>): Promise<number> {
	const say = (line: string) => streams.stderr.write(`${line}\n`);
	let connection: Connection;
	try {
		connection = await connect(options, {
			stderr: streams.stderr,
			log: options.debug ? line => say(`debug: ${line}`) : undefined,
			onRetry: notice => say(`Retrying ${notice.operation} in ${formatSeconds(notice.delayMs)} (${notice.reason}).`),
		});
	} catch (error) {
		return reportKnown(error, say);
	}

	try {
		if (!connection.token) {
			say(`qovery-sso: no API token for ${connection.apiUrl} (profile "${connection.profile}").`);
			say('Set QOVERY_API_TOKEN, or run qovery-sso login once.');
			return exitCodes.usage;
		}

		return await body({...streams, api: connection.api, connection, say, style: outputStyle(streams)});
	} catch (error) {
		return reportKnown(error, say);
	} finally {
		await connection.close();
	}
}

/** Known failures to an exit code; anything else is a bug and goes on up. */
export function reportKnown(error: unknown, say: (line: string) => void): number {
	if (error instanceof UsageError) {
		say(`qovery-sso: ${error.message}`);
		if (error.hint) {
			say(error.hint);
		}

		return exitCodes.usage;
	}

	if (error instanceof ApiError) {
		say(`qovery-sso: ${error.message}`);
		say(error.hint);
		return exitCodes.failure;
	}

	throw error;
}

export type OutputStyle = {colour: boolean; markers: Markers};

/** Plain ASCII markers and no colour unless stdout is a terminal. */
export function outputStyle(streams: Pick<Streams, 'stdout' | 'env'>): OutputStyle {
	const terminal = streams.stdout.isTTY === true;
	const caps = detectCaps(streams.env);
	const symbols = symbolsFor({...caps, unicode: terminal && caps.unicode});
	return {colour: terminal && caps.color, markers: {arrow: symbols.arrow, warning: symbols.warning}};
}

const toneColours: Partial<Record<Tone, string>> = {
	added: '32',
	removed: '31',
	changed: '33',
	heading: '1',
	danger: '1;31',
	caution: '33',
	note: '36',
};

/** One line per Line, as formatLines writes it (a line without marker has no leading space). */
export function renderLines(lines: readonly Line[], style: OutputStyle): string {
	return lines.map(line => {
		const text = line.marker === '' ? `${' '.repeat(line.indent ?? 0)}${line.text}` : formatLines([line]);
		const code = toneColours[line.tone];
		return style.colour && code && line.text !== '' ? `\u001B[${code}m${text}\u001B[0m` : text;
	}).join('\n');
}

export function printLines(lines: readonly Line[], style: OutputStyle, out: NodeJS.WritableStream): void {
	out.write(`${renderLines(lines, style)}\n`);
}

export type ChangeFile = {
	/** The name as given, for messages (`-` is shown as "stdin"). */
	name: string;
	parsed: ParsedChangeFile;
};

/**
 * Read and check the file named by --file (`-` is stdin). Problems are
 * printed, then a UsageError ends the command with exit 2 before any request.
 */
export async function readChangeFile(file: string | undefined, command: string, streams: Streams): Promise<ChangeFile> {
	if (file === undefined || file.trim() === '') {
		throw new UsageError(`${command} needs the file to apply: qovery-sso ${command} --file FILE (YAML or JSON; qovery-sso export writes one).`);
	}

	let text: string;
	const name = file === '-' ? 'stdin' : file;
	try {
		text = file === '-' ? await readAll(streams.stdin) : fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new UsageError(`Cannot read ${name}: ${reason}.`);
	}

	const parsed = parseChangeFile(text, file === '-' ? undefined : formatOfName(file));
	printNotes(name, parsed.notes, streams);
	failOnProblems(name, parsed.problems, streams);
	return {name, parsed};
}

export function printNotes(name: string, notes: readonly FileProblem[], streams: Pick<Streams, 'stderr'>): void {
	for (const note of notes) {
		streams.stderr.write(`note: ${formatProblem(name, note)}\n`);
	}
}

/** Each problem on its own line, then exit 2 (as a UsageError). */
export function failOnProblems(name: string, problems: readonly FileProblem[], streams: Pick<Streams, 'stderr'>): void {
	if (problems.length === 0) {
		return;
	}

	for (const problem of problems) {
		streams.stderr.write(`${formatProblem(name, problem)}\n`);
	}

	throw new UsageError(`${name}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} (above); nothing was sent.`);
}

/** The plan as the wizard's review shows it: warnings first, then the diff. */
export function planLines(plan: Pick<FilePlan, 'diff' | 'warnings' | 'empty'>, target: Target, style: OutputStyle): Line[] {
	const {organization, loaded, catalog} = target;
	const heading: Line = plan.empty
		? {marker: '', tone: 'plain', text: `No changes: ${loaded.connection_name} in ${organization.name} already holds these settings.`}
		: {marker: '', tone: 'heading', text: `Changes to ${loaded.connection_name} in ${organization.name}:`};
	const warnings = warningLines(plan.warnings, style.markers);
	const blank: Line = {marker: '', tone: 'plain', text: ''};
	return [
		heading,
		...warnings,
		...(warnings.length > 0 && !plan.empty ? [blank] : []),
		...(plan.empty ? [] : diffLines(plan.diff, catalog, style.markers)),
	];
}

/** `--json` of plan: stable, snake_case, documented in the README. */
export function planJson(plan: FilePlan, target: Target): Record<string, unknown> {
	return {
		organization: {id: target.organization.id, name: target.organization.name},
		connection: target.loaded.connection_name,
		changes: !plan.empty,
		diff: diffJson(plan.diff),
		warnings: plan.warnings.map(({code, severity, message}) => ({code, severity, message})),
		body: plan.body ?? null,
	};
}

export function diffJson(diff: ConnectionDiff): Record<string, unknown> {
	return {
		default_role: diff.defaultRole ? {before: diff.defaultRole.before, after: diff.defaultRole.after} : null,
		enforce_group_sync: diff.groupSync ? {before: diff.groupSync.before ?? null, after: diff.groupSync.after ?? null} : null,
		group_mappings: diff.roles.map(change => ({
			role: change.role,
			status: change.status,
			added_groups: change.addedGroups,
			removed_groups: change.removedGroups,
			reordered: change.reordered,
		})),
	};
}

/** A role key as people read it, for show. */
export function roleName(catalog: RoleCatalog, key: string): string {
	const role = catalog.get(key);
	return role ? role.name : `unknown role ${key}`;
}

export {shellWord} from './shell-word.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}
