/**
 * Runs the built CLI (dist/cli.js) the way an operator does: in a real
 * pseudo-terminal (node-pty), or with plain pipes for the no-terminal cases.
 *
 * Every run gets a fresh environment: no variable of the test process leaks
 * in, HOME and QOVERY_SSO_CONFIG_DIR point at a temporary directory, and the
 * API URL is the one the test passes (a fake it started on 127.0.0.1).
 *
 * Waits are on what the terminal shows: `waitFor` checks the emulated screen
 * after every chunk of output and resolves as soon as it matches.
 */
import {spawn as spawnChild} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as nodePty from 'node-pty';
import {Screen, stripAnsi} from './screen.js';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDirectory = path.join(repositoryRoot, 'dist');
export const e2eToken = 'qov_e2e_token';

let snapshot: string | undefined;

/** Every chunk a bundle file imports is there. */
function bundleComplete(directory: string): boolean {
	if (!fs.existsSync(path.join(directory, 'cli.js'))) {
		return false;
	}

	for (const file of fs.readdirSync(directory).filter(name => name.endsWith('.js'))) {
		const code = fs.readFileSync(path.join(directory, file), 'utf8');
		for (const match of code.matchAll(/(?:from\s*|import\(\s*)["'](\.\/[^"']+)["']/g)) {
			if (!fs.existsSync(path.join(directory, match[1]!))) {
				return false;
			}
		}
	}

	return true;
}

/**
 * The built CLI (dist/cli.js), copied once per test process to a private
 * directory, so a rebuild of dist/ during the run cannot pull files from
 * under a running test. A build in progress is waited for a few seconds.
 */
export function builtCli(): string {
	if (snapshot && fs.existsSync(snapshot)) {
		return snapshot;
	}

	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (let attempt = 0; attempt < 30; attempt++) {
		if (bundleComplete(distDirectory)) {
			const target = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-e2e-dist-'));
			try {
				fs.cpSync(distDirectory, target, {recursive: true});
				if (bundleComplete(target)) {
					process.once('exit', () => fs.rmSync(target, {recursive: true, force: true}));
					snapshot = path.join(target, 'cli.js');
					return snapshot;
				}
			} catch {
				// dist/ changed while it was copied: try again.
			}

			fs.rmSync(target, {recursive: true, force: true});
		}

		Atomics.wait(pause, 0, 0, 500);
	}

	throw new Error(`${path.join(distDirectory, 'cli.js')} is missing or incomplete: run node scripts/build.mjs before the end-to-end tests.`);
}

const temporaryRoots = new Set<string>();

/** A temporary directory removed by `cleanupTemporary` (or at exit). */
export function temporaryDirectory(prefix = 'qovery-sso-e2e-'): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	temporaryRoots.add(directory);
	return directory;
}

export function cleanupTemporary(): void {
	for (const directory of temporaryRoots) {
		fs.rmSync(directory, {recursive: true, force: true});
	}

	temporaryRoots.clear();
}

process.once('exit', cleanupTemporary);

export type CliEnvironment = {
	/** The fake's URL; required unless `--demo` or `--api-url` is passed. */
	apiUrl?: string;
	/** Token in QOVERY_API_TOKEN; `null` for none at all. */
	token?: string | null;
	/** QOVERY_SSO_CONFIG_DIR; a fresh temporary directory unless given. */
	configDir?: string;
	/** Added last; `undefined` removes a variable. */
	env?: Record<string, string | undefined>;
};

export type BuiltEnvironment = {env: Record<string, string>; configDir: string; home: string};

/** The whole environment of a run, built from scratch. */
export function cliEnvironment(options: CliEnvironment = {}, terminal = true): BuiltEnvironment {
	const home = temporaryDirectory('qovery-sso-e2e-home-');
	const configDir = options.configDir ?? temporaryDirectory('qovery-sso-e2e-config-');
	const env: Record<string, string | undefined> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		LANG: 'C.UTF-8',
		LC_ALL: 'C.UTF-8',
		QOVERY_SSO_CONFIG_DIR: configDir,
		NODE: process.execPath,
		CLI: builtCli(),
		...(terminal ? {TERM: 'xterm-256color'} : {}),
	};
	if (options.apiUrl !== undefined) {
		env.QOVERY_API_URL = options.apiUrl;
	}

	if (options.token !== null) {
		env.QOVERY_API_TOKEN = options.token ?? e2eToken;
	}

	Object.assign(env, options.env ?? {});
	const clean: Record<string, string> = {};
	for (const [name, value] of Object.entries(env)) {
		if (value !== undefined) {
			clean[name] = value;
		}
	}

	return {env: clean, configDir, home};
}

export type PtyOptions = CliEnvironment & {
	args?: string[];
	columns?: number;
	rows?: number;
	/**
	 * Run this sh script in the pty instead of the CLI itself. `$NODE` and
	 * `$CLI` name node and dist/cli.js, for redirections such as `< /dev/null`.
	 */
	shell?: string;
};

export type Exit = {exitCode: number; signal: number | undefined};

type Waiter = {test: () => boolean; resolve: () => void};

export class PtySession {
	readonly screen: Screen;
	readonly configDir: string;
	readonly exit: Promise<Exit>;
	/** Everything the terminal received, escape codes included. */
	raw = '';
	exited: Exit | undefined;
	#pty: nodePty.IPty;
	#waiters = new Set<Waiter>();
	#mark = 0;

	constructor(options: PtyOptions = {}) {
		const columns = options.columns ?? 80;
		const rows = options.rows ?? 24;
		const {env, configDir} = cliEnvironment(options);
		this.configDir = configDir;
		this.screen = new Screen({columns, rows});
		const [file, args] = options.shell === undefined
			? [process.execPath, [builtCli(), ...(options.args ?? [])]]
			: ['/bin/sh', ['-c', options.shell]];
		// node-pty sets TERM from `name`: a test's own TERM (dumb, linux) must win.
		this.#pty = nodePty.spawn(file, args, {name: env.TERM ?? 'xterm-256color', cols: columns, rows, cwd: repositoryRoot, env});
		this.#pty.onData(data => {
			this.raw += data;
			this.screen.write(data);
			this.#check();
		});
		this.exit = new Promise<Exit>(resolve => {
			this.#pty.onExit(({exitCode, signal}) => {
				this.exited = {exitCode, signal: signal === 0 ? undefined : signal};
				this.#check();
				resolve(this.exited);
			});
		});
	}

	get pid(): number {
		return this.#pty.pid;
	}

	write(data: string | Buffer): void {
		this.#pty.write(data);
	}

	/** The visible screen as text. */
	text(): string {
		return this.screen.text();
	}

	/** All output so far, escape codes removed. */
	plain(): string {
		return stripAnsi(this.raw);
	}

	/** A position in `raw`, for `since` below. */
	mark(): number {
		this.#mark = this.raw.length;
		return this.#mark;
	}

	/** Raw output since a mark (the last one by default). */
	since(mark = this.#mark): string {
		return this.raw.slice(mark);
	}

	/** Resolves when the screen shows `pattern`; rejects with the screen after `timeoutMs`. */
	async waitFor(pattern: string | RegExp, timeoutMs = 15_000): Promise<void> {
		const matches = () => (typeof pattern === 'string' ? this.text().includes(pattern) : pattern.test(this.text()));
		return this.#wait(matches, `the screen to show ${String(pattern)}`, timeoutMs);
	}

	/** Resolves when `predicate(screen text)` holds. */
	async waitUntil(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
		return this.#wait(() => predicate(this.text()), what, timeoutMs);
	}

	/** Resolves when the screen no longer shows `pattern`. */
	async waitForGone(pattern: string | RegExp, timeoutMs = 15_000): Promise<void> {
		const absent = () => !(typeof pattern === 'string' ? this.text().includes(pattern) : pattern.test(this.text()));
		return this.#wait(absent, `the screen to stop showing ${String(pattern)}`, timeoutMs);
	}

	/** Resolves when the output since `mark` (escape codes removed) matches. */
	async waitForOutput(pattern: string | RegExp, timeoutMs = 15_000, mark = this.#mark): Promise<void> {
		const matches = () => {
			const text = stripAnsi(this.raw.slice(mark));
			return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
		};

		return this.#wait(matches, `the output to show ${String(pattern)}`, timeoutMs);
	}

	/** Resolves when the process has exited, with its code; rejects after `timeoutMs`. */
	async waitForExit(timeoutMs = 15_000): Promise<Exit> {
		await this.#wait(() => this.exited !== undefined, 'the process to exit', timeoutMs);
		return this.exited!;
	}

	kill(signal = 'SIGKILL'): void {
		if (this.exited === undefined) {
			try {
				this.#pty.kill(signal);
			} catch {
				// Already gone.
			}
		}
	}

	async #wait(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
		if (test()) {
			return;
		}

		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {
				test,
				resolve: () => {
					clearTimeout(timer);
					resolve();
				},
			};
			const timer = setTimeout(() => {
				this.#waiters.delete(waiter);
				const state = this.exited ? `exited with ${JSON.stringify(this.exited)}` : 'still running';
				reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (process ${state}). Screen:\n${this.text()}\n--- end of screen`));
			}, timeoutMs);
			this.#waiters.add(waiter);
		});
	}

	#check(): void {
		// Half a frame is never what the operator sees: wait for its end.
		if (this.screen.synchronizing && this.exited === undefined) {
			return;
		}

		for (const waiter of this.#waiters) {
			if (waiter.test()) {
				this.#waiters.delete(waiter);
				waiter.resolve();
			}
		}
	}
}

const sessions = new Set<PtySession>();

/** Start the CLI in a pty; `killAll` ends whatever a test left running. */
export function startCli(options: PtyOptions = {}): PtySession {
	const session = new PtySession(options);
	sessions.add(session);
	void session.exit.then(() => sessions.delete(session));
	return session;
}

export function killAll(): void {
	for (const session of sessions) {
		session.kill();
	}

	sessions.clear();
}

export type PipedResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

export type PipedOptions = CliEnvironment & {
	args?: string[];
	/** Written to stdin then closed; 'devnull' opens /dev/null as stdin instead. */
	stdin?: string | 'devnull';
	timeoutMs?: number;
};

/** Run the CLI with no terminal at all: pipes (or /dev/null) on every stream. */
export async function runPiped(options: PipedOptions = {}): Promise<PipedResult> {
	const {env} = cliEnvironment(options, false);
	const devNull = options.stdin === 'devnull' ? fs.openSync('/dev/null', 'r') : undefined;
	try {
		const child = spawnChild(process.execPath, [builtCli(), ...(options.args ?? [])], {
			cwd: repositoryRoot,
			env,
			stdio: [devNull ?? 'pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		if (child.stdin) {
			child.stdin.on('error', () => {});
			child.stdin.end(options.stdin ?? '');
		}

		return await new Promise<PipedResult>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`The CLI did not exit within ${options.timeoutMs ?? 15_000} ms; stderr so far:\n${stderr}`));
			}, options.timeoutMs ?? 15_000);
			child.on('error', error => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({code, signal, stdout, stderr});
			});
		});
	} finally {
		if (devNull !== undefined) {
			fs.closeSync(devNull);
		}
	}
}

/** Wait for `ms`; only where a case itself prescribes a gap between writes. */
export async function gap(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}

/** Lines that look like a JavaScript stack trace. */
export const stackTrace = /^\s+at .+(?:\(.+:\d+:\d+\)|:\d+:\d+)$/m;
