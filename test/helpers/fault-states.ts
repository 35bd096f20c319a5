/**
 * Shared pieces of the fault suite (test/faults/): the C09 organization
 * ("Example Org" with the connection "example-saml"), a distinctive token,
 * a record of every byte the CLI printed, and a runner for the built CLI
 * with pipes that keeps its pid (for argv checks) and its timing.
 */
import assert from 'node:assert/strict';
import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type {FakeApi, FakeState, RecordedRequest} from '../../source/fake/server.js';
import {builtCli, cliEnvironment, type CliEnvironment, type PtySession, repositoryRoot, startCli, type PtyOptions, temporaryDirectory} from './pty.js';

/** The token every fault test runs with; no output may ever hold it. */
export const faultToken = 'qov_SECRET_fault_token_1234';

/** What may be shown of it at most: the 4-character tail after a mask. */
export const faultTokenMask = '****1234';

export const exampleIds = {
	organization: '0e0e0e0e-0000-4000-8000-0000000000e1',
	releaseManager: '0e0e0e0e-0000-4000-8000-0000000000a1',
} as const;

export const exampleConnection = 'example-saml';

/** C09's organization: one org, one connection, so the wizard opens on the default role. */
export function exampleState(): FakeState {
	return {
		organizations: [
			{
				id: exampleIds.organization,
				name: 'Example Org',
				roles: [{id: exampleIds.releaseManager, name: 'Release Manager'}],
				connections: [
					{
						connection_name: exampleConnection,
						default_role: 'viewer',
						enforce_group_sync: true,
						group_mappings: {
							admin: ['SSO-Admins'],
							devops: ['SSO-DevOps'],
						},
					},
				],
			},
		],
	};
}

export const examplePaths = {
	organizations: '/organization',
	connections: `/organization/${exampleIds.organization}/enterpriseconnection`,
	connection: `/organization/${exampleIds.organization}/enterpriseconnection/${exampleConnection}`,
	roles: `/organization/${exampleIds.organization}/availableRole`,
} as const;

/** The stored example-saml, deep-copied. */
export function exampleConnectionOf(state: FakeState): Record<string, unknown> {
	const organization = state.organizations.find(candidate => candidate.id === exampleIds.organization)!;
	return structuredClone(organization.connections.find(connection => connection.connection_name === exampleConnection)!);
}

/**
 * Every output of the suite: each file's final test greps it for the token.
 * Pty sessions are added when they exit (or when the suite ends).
 */
export class OutputLog {
	readonly entries: Array<{label: string; text: string}> = [];
	readonly #pending = new Set<Promise<unknown>>();

	add(label: string, text: string): void {
		this.entries.push({label, text});
	}

	/** Records everything the session shows, once it has exited. */
	watch(label: string, session: PtySession): PtySession {
		const done = session.exit.then(() => {
			this.add(`${label} (pty)`, session.raw);
		});
		this.#pending.add(done);
		void done.finally(() => this.#pending.delete(done));
		return session;
	}

	async settled(): Promise<void> {
		await Promise.all(this.#pending);
	}

	/** The token, and its last 8 characters (more than the mask shows), appear nowhere. */
	assertNoToken(token = faultToken): void {
		assert.ok(this.entries.length > 0, 'no output was recorded');
		const tail = token.slice(-8);
		for (const {label, text} of this.entries) {
			assert.ok(!text.includes(token), `${label}: the token appears in the output:\n${text}`);
			assert.ok(!text.includes(tail), `${label}: more of the token than its masked tail appears (${tail}):\n${text}`);
		}
	}
}

export type CommandRun = {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Wall time of the run, in ms. */
	elapsedMs: number;
	/** Where the run's HOME and settings were. */
	home: string;
	configDir: string;
};

export type CommandOptions = CliEnvironment & {
	args: string[];
	/** Written to stdin, which is then closed (stdin is never a terminal here). */
	stdin?: string;
	timeoutMs?: number;
	/** Shell words run before the CLI in `sh -c`, for `umask 000` and the like. */
	prelude?: string;
	/** Called once the process is started, with it. */
	onStart?: (child: ChildProcess) => void;
};

/**
 * The built CLI with pipes on every stream, its whole environment built from
 * scratch (HOME and the config directory temporary), its output recorded.
 */
export async function runCommand(log: OutputLog, label: string, options: CommandOptions): Promise<CommandRun> {
	const {env, home, configDir} = cliEnvironment({token: faultToken, ...options}, false);
	const started = Date.now();
	const [file, args] = options.prelude === undefined
		? [process.execPath, [builtCli(), ...options.args]]
		: ['/bin/sh', ['-c', `${options.prelude}; exec "$NODE" "$CLI" "$@"`, 'sh', ...options.args]];
	const child = spawn(file, args, {cwd: repositoryRoot, env, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.on('error', () => {});
	child.stdin.end(options.stdin ?? '');
	options.onStart?.(child);
	try {
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`${label}: the CLI did not exit within ${options.timeoutMs ?? 20_000} ms; stderr so far:\n${stderr}`));
			}, options.timeoutMs ?? 20_000);
			child.on('error', error => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (exitCode, exitSignal) => {
				clearTimeout(timer);
				resolve([exitCode, exitSignal]);
			});
		});
		return {code, signal, stdout, stderr, elapsedMs: Date.now() - started, home, configDir};
	} finally {
		log.add(`${label} stdout`, stdout);
		log.add(`${label} stderr`, stderr);
	}
}

/** The command line of a running process, from /proc (arguments joined by spaces). */
export function commandLineOf(pid: number): string | undefined {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
	} catch {
		return undefined;
	}
}

/** The wizard in a pty with the fault token, its output recorded when it exits. */
export function startWizard(log: OutputLog, label: string, options: PtyOptions): PtySession {
	return log.watch(label, startCli({token: faultToken, columns: 100, rows: 30, ...options}));
}

/** A 127.0.0.1 port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

/** Requests as "METHOD path status-or-fault", for messages and counts. */
export function requestSummary(fake: FakeApi): string[] {
	return fake.requests.map(request => `${request.method} ${request.path} ${request.status ?? request.fault ?? '?'}`);
}

export function requestsTo(fake: FakeApi, method: string, route: string): RecordedRequest[] {
	return fake.requests.filter(request => request.method === method && request.path === route);
}

/** A file in a fresh temporary directory. */
export function temporaryFile(name: string, text?: string): string {
	const file = path.join(temporaryDirectory('qovery-sso-faults-'), name);
	if (text !== undefined) {
		fs.writeFileSync(file, text);
	}

	return file;
}

/**
 * A module preloaded into the CLI with NODE_OPTIONS=--import. It notes every
 * fetch, outgoing connection and DNS lookup in a file (and, with
 * PROBE_BLOCK=1, refuses them, so nothing can leave even if the product
 * tried), writes the process id beside it, and on SIGUSR2 throws an error
 * nobody catches. Nothing else of the product is changed.
 */
export function writeProbe(): {module: string; record: string; pidFile: string} {
	const directory = temporaryDirectory('qovery-sso-probe-');
	const record = path.join(directory, 'attempts.log');
	const pidFile = path.join(directory, 'pid');
	const module = path.join(directory, 'probe.mjs');
	fs.writeFileSync(module, `
import fs from 'node:fs';
import net from 'node:net';
import dns from 'node:dns';
const record = ${JSON.stringify(record)};
const block = process.env.PROBE_BLOCK === '1';
function attempt(what) {
	fs.appendFileSync(record, what + '\\n');
	if (block) {
		throw new Error('probe: blocked ' + what);
	}
}

const realConnect = net.connect;
net.connect = net.createConnection = (...args) => {
	const options = typeof args[0] === 'object' ? args[0] : {port: args[0], host: args[1]};
	attempt('connect ' + String(options.host ?? options.path) + ':' + String(options.port));
	return realConnect.apply(net, args);
};
const realLookup = dns.lookup;
dns.lookup = (host, ...rest) => {
	attempt('lookup ' + host);
	return realLookup.call(dns, host, ...rest);
};
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
	const url = String(input?.url ?? input);
	// Ink's layout engine loads its WebAssembly from a data: URL; that is no traffic.
	if (!url.startsWith('data:')) {
		attempt('fetch ' + url);
	}

	return realFetch(input, init);
};
process.on('SIGUSR2', () => {
	setImmediate(() => {
		throw new Error('injected crash for the test');
	});
});
fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
`);
	return {module, record, pidFile};
}

/** What the probe saw; empty when nothing was attempted. */
export function probeAttempts(record: string): string[] {
	return fs.existsSync(record) ? fs.readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
}
