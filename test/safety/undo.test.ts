import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import * as nodePty from 'node-pty';
import {createClient} from '../../source/api/client.js';
import {parseCli} from '../../source/args.js';
import type {HistoryJsonEntry} from '../../source/commands/history.js';
import {runUndo, type UndoIo, type UndoPrompts} from '../../source/commands/undo.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {type FakeApi, startFakeApi} from '../../source/fake/server.js';
import {bodyFromLoaded} from '../../source/model/body.js';
import type {EnterpriseConnection} from '../../source/model/connection.js';
import {saveConnection} from '../../source/model/save.js';
import {openHistory} from '../../source/store/history.js';
import {historyRecorder} from '../../source/store/history-recorder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const token = 'qov_t_PLACEHOLDER';
const organization = {id: demoIds.acme.organization, name: 'Acme Corp'};

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
	for (const cleanup of cleanups.reverse()) {
		await cleanup();
	}
});

async function setup() {
	const fake = await startFakeApi({state: demoState()});
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-undo-'));
	cleanups.push(async () => fake.close(), () => fs.rmSync(home, {recursive: true, force: true}));
	const configDir = path.join(home, 'config');
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		LANG: 'C.UTF-8',
		QOVERY_SSO_CONFIG_DIR: configDir,
		QOVERY_API_TOKEN: token,
		QOVERY_API_URL: fake.url,
	};
	return {fake, env, configDir};
}

function connectionOf(fake: FakeApi, name = 'acme-okta'): Record<string, unknown> {
	return fake.state.organizations.find(org => org.id === organization.id)!.connections.find(connection => connection.connection_name === name)!;
}

/** A change made and recorded as the wizard makes it: drift-checked save through the history recorder. */
async function change(fake: FakeApi, env: NodeJS.ProcessEnv, edit: (current: EnterpriseConnection) => EnterpriseConnection, apiUrl = fake.url): Promise<void> {
	const api = createClient({apiUrl: fake.url, token});
	const loaded = await api.getConnection(organization.id, 'acme-okta');
	const current = bodyFromLoaded(loaded);
	assert.ok(current, 'the fake reports enforce_group_sync');
	const result = await saveConnection(api, organization, loaded, edit(current), historyRecorder(openHistory(env), {profile: 'default', apiUrl}, message => assert.fail(message)));
	assert.equal(result.kind, 'applied');
}

const lockOut = (loaded: EnterpriseConnection): EnterpriseConnection => {
	const {admin: _admin, ...rest} = loaded.group_mappings;
	return {...loaded, default_role: 'devops', enforce_group_sync: true, group_mappings: rest};
};

type Run = {code: number | null; stdout: string; stderr: string};

/** The CLI from source, on pipes: no terminal. */
async function cli(env: Record<string, string>, ...args: string[]): Promise<Run> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'source', 'cli.tsx'), ...args], {cwd: root, env, stdio: ['pipe', 'pipe', 'pipe']});
	child.stdin.end();
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`qovery-sso ${args.join(' ')} did not exit; stderr:\n${stderr}`));
		}, 30_000);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

test('undo round trip through the CLI: the server holds exactly the original again, and history lists both', async () => {
	const {fake, env} = await setup();
	const original = structuredClone(connectionOf(fake));
	await change(fake, env, lockOut);
	assert.notDeepEqual(connectionOf(fake), original);
	const putsBefore = fake.puts().length;

	const undo = await cli(env, 'undo', '--yes');
	assert.equal(undo.code, 0, undo.stderr);
	assert.match(undo.stdout, /Undo change #1/);
	assert.match(undo.stdout, /default role: DevOps → Viewer/);
	assert.match(undo.stdout, /enforce group sync: on → off/);
	assert.match(undo.stdout, /\+ Admin: new mapping/);
	assert.match(undo.stderr, /Restored acme-okta in Acme Corp to the state before change #1 \(recorded as change #2\)/);
	assert.equal(fake.puts().length, putsBefore + 1);
	assert.deepEqual(connectionOf(fake), original);
	assert.deepEqual(fake.puts().at(-1)!.body, original);

	const listed = await cli(env, 'history', '--json');
	assert.equal(listed.code, 0, listed.stderr);
	const entries = JSON.parse(listed.stdout) as HistoryJsonEntry[];
	assert.deepEqual(entries.map(entry => [entry.id, entry.status, entry.undoOf]), [[2, 'applied', 1], [1, 'applied', null]]);
	assert.deepEqual(entries[1]!.before, original);
	assert.deepEqual(entries[0]!.sent, original);
	assert.deepEqual(entries[0]!.before, entries[1]!.applied);
	for (const entry of entries) {
		assert.deepEqual(Object.keys(entry), ['id', 'time', 'status', 'profile', 'apiUrl', 'organization', 'connection', 'summary', 'undoOf', 'before', 'sent', 'applied', 'error']);
		assert.equal(entry.apiUrl, fake.url);
		assert.deepEqual(entry.organization, organization);
		assert.equal(entry.connection, 'acme-okta');
		assert.equal(entry.profile, 'default');
	}

	assert.equal(entries[1]!.summary, 'default role viewer→devops; sync off→on; -1 mapping');
	assert.equal(entries[0]!.summary, 'undo of #1: default role devops→viewer; sync on→off; +1 mapping');

	const table = await cli(env, 'history');
	assert.equal(table.code, 0, table.stderr);
	const lines = table.stdout.trimEnd().split('\n');
	assert.match(lines[0]!, /^ID\s+TIME\s+ORGANIZATION\s+CONNECTION\s+STATUS\s+CHANGES$/);
	assert.match(lines[1]!, /^ 2  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC  Acme Corp\s+acme-okta\s+applied\s+undo of #1: default role devops→viewer; sync on→off; \+1 mapping$/);
	assert.match(lines[2]!, /^ 1 .* default role viewer→devops; sync off→on; -1 mapping$/);
	assert.doesNotMatch(table.stdout + table.stderr + undo.stdout + undo.stderr, new RegExp(token));

	// Nothing is left to undo once the state is back... except the undo itself,
	// whose "before" is the changed state: a second undo is a redo.
	// The redo puts back the lock-out change: with --yes it needs the name too.
	const again = await cli(env, 'undo', '--yes', '--confirm-name', 'acme-okta', '--id', '2');
	assert.equal(again.code, 0, again.stderr);
	assert.deepEqual(connectionOf(fake).default_role, 'devops');
});

test('undo of a change made with apply --file --yes restores the original exactly', async () => {
	const {fake, env, configDir} = await setup();
	const original = structuredClone(connectionOf(fake));
	fs.mkdirSync(configDir, {recursive: true});
	const file = path.join(path.dirname(configDir), 'change.yaml');
	fs.writeFileSync(file, 'default_role: devops\nenforce_group_sync: true\ngroup_mappings:\n  devops: [DevOps, SRE]\n');
	const applied = await cli(env, 'apply', '--file', file, '--yes', '--confirm-name', 'acme-okta', '--org', 'Acme Corp', '--connection', 'acme-okta');
	assert.equal(applied.code, 0, applied.stderr);
	assert.deepEqual(connectionOf(fake), {connection_name: 'acme-okta', default_role: 'devops', enforce_group_sync: true, group_mappings: {devops: ['DevOps', 'SRE']}});

	// The file's mapping was whole: it dropped the mapping of a custom role
	// deleted long ago, whose key the API no longer takes. All else comes back.
	const undo = await cli(env, 'undo', '--yes');
	assert.equal(undo.code, 0, undo.stderr);
	const deleted = demoIds.acme.deletedRole;
	const {[deleted]: oldTeam, ...restorable} = original.group_mappings as Record<string, string[]>;
	assert.deepEqual(oldTeam, ['Old-Team']);
	assert.deepEqual(connectionOf(fake), {...original, group_mappings: restorable});
	assert.match(undo.stdout, new RegExp(`Note: Cannot restore the mapping for role key ${deleted} \\(Old-Team\\)`));
	assert.match(undo.stderr, new RegExp(`Restored acme-okta in Acme Corp to the state before change #1, except the mapping for role key ${deleted}`));
	const entries = JSON.parse((await cli(env, 'history', '--json')).stdout) as HistoryJsonEntry[];
	assert.deepEqual(entries.map(entry => [entry.id, entry.status, entry.undoOf]), [[2, 'applied', 1], [1, 'applied', null]]);
	assert.deepEqual(entries[1]!.before, original);
});

test('undo without a terminal and without --yes: exit 2, nothing requested, nothing sent', async () => {
	const {fake, env} = await setup();
	await change(fake, env, lockOut);
	const requests = fake.requests.length;
	const result = await cli(env, 'undo');
	assert.equal(result.code, 2);
	assert.match(result.stderr, /needs a terminal/);
	assert.match(result.stderr, /--yes/);
	assert.equal(fake.requests.length, requests, 'no request at all');
	assert.equal(fake.puts().length, 1, 'only the original change');
});

test('nothing to undo: the server already holds the state before, or there is no applied change', async () => {
	const {fake, env} = await setup();
	const empty = await cli(env, 'undo', '--yes');
	assert.equal(empty.code, 0, empty.stderr);
	assert.match(empty.stderr, /Nothing to undo: no applied change/);

	const original = structuredClone(connectionOf(fake));
	await change(fake, env, loaded => ({...loaded, enforce_group_sync: true}));
	// Someone put it back by other means.
	connectionOf(fake).enforce_group_sync = false;
	const puts = fake.puts().length;
	const result = await cli(env, 'undo', '--yes');
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stderr, /Nothing to undo: acme-okta in Acme Corp already holds the state from before change #1/);
	assert.equal(fake.puts().length, puts);
	assert.deepEqual(connectionOf(fake), original);
});

test('an entry made through another API URL is refused with exit 2 and no request', async () => {
	const {fake, env} = await setup();
	await change(fake, env, lockOut, 'http://127.0.0.1:9');
	const requests = fake.requests.length;
	const result = await cli(env, 'undo', '--yes');
	assert.equal(result.code, 2);
	assert.match(result.stderr, /change #1 was made through http:\/\/127\.0\.0\.1:9, but the API URL now in use is http:\/\/127\.0\.0\.1:\d+/);
	assert.equal(fake.requests.length, requests);
});

test('--id picks an older change; an unknown id is a usage error', async () => {
	const {fake, env} = await setup();
	const original = structuredClone(connectionOf(fake));
	await change(fake, env, loaded => ({...loaded, default_role: 'billing'}));
	await change(fake, env, loaded => ({...loaded, enforce_group_sync: true}));

	const unknown = await cli(env, 'undo', '--yes', '--id', '7');
	assert.equal(unknown.code, 2);
	assert.match(unknown.stderr, /no change #7/);

	const result = await cli(env, 'undo', '--yes', '--id', '1');
	assert.equal(result.code, 0, result.stderr);
	// The state before #1 is restored whole, so #2's change is undone too, and said so.
	assert.match(result.stdout, /changed again after change #1/);
	assert.deepEqual(connectionOf(fake), original);
});

test('an API failure on the PUT: exit 1, said so, recorded as failed', async () => {
	const {fake, env} = await setup();
	await change(fake, env, lockOut);
	fake.inject({method: 'PUT', fault: {kind: 'status', status: 403, body: {message: 'Only admins may change SSO'}}});
	const result = await cli(env, 'undo', '--yes');
	assert.equal(result.code, 1);
	assert.match(result.stderr, /saving connection acme-okta failed: permission denied \(HTTP 403\): Only admins may change SSO/);
	assert.match(result.stderr, /The undo was not applied/);
	const entries = openHistory(env).list();
	assert.deepEqual(entries.map(entry => [entry.id, entry.status]), [[2, 'failed'], [1, 'applied']]);
});

class Capture extends Writable {
	text = '';
	isTTY = true;
	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
		this.text += chunk.toString();
		done();
	}
}

/** runUndo in this process, with a terminal pretended and the questions answered by `prompts`. */
async function undoInProcess(fake: FakeApi, env: NodeJS.ProcessEnv, prompts: UndoPrompts, ...args: string[]) {
	const stdout = new Capture();
	const stderr = new Capture();
	const io: UndoIo = {
		stdin: {isTTY: true} as NodeJS.ReadableStream & {isTTY?: boolean},
		stdout,
		stderr,
		env,
		prompts,
		connect: async () => ({api: createClient({apiUrl: fake.url, token}), apiUrl: fake.url, profile: 'default', token, close: async () => {}}),
	};
	const code = await runUndo(parseCli(['undo', ...args]), io);
	return {code, stdout: stdout.text, stderr: stderr.text};
}

const unexpected = async (): Promise<never> => assert.fail('not asked here');

test('confirmation: default No, declining sends nothing; Ctrl+C is "Cancelled" with 130', async () => {
	const {fake, env} = await setup();
	await change(fake, env, loaded => ({...loaded, default_role: 'billing'}));
	const asked: Array<{message: string; default: boolean}> = [];
	const declined = await undoInProcess(fake, env, {
		confirm: async config => {
			asked.push(config);
			return false;
		},
		input: unexpected,
	});
	assert.equal(declined.code, 130);
	assert.equal(asked.length, 1);
	assert.equal(asked[0]!.default, false, 'the default answer is No');
	assert.match(declined.stderr, /Cancelled, nothing was changed\./);
	assert.match(declined.stdout, /default role: Billing → Viewer/);
	assert.equal(fake.puts().length, 1);

	const interrupted = await undoInProcess(fake, env, {
		confirm: async () => {
			throw Object.assign(new Error('User force closed the prompt with SIGINT'), {name: 'ExitPromptError'});
		},
		input: unexpected,
	});
	assert.equal(interrupted.code, 130);
	assert.equal(interrupted.stderr.trim(), 'Cancelled, nothing was changed.');
	assert.equal(fake.puts().length, 1);

	const accepted = await undoInProcess(fake, env, {confirm: async () => true, input: unexpected});
	assert.equal(accepted.code, 0, accepted.stderr);
	assert.equal(connectionOf(fake).default_role, 'viewer');
});

test('an undo that would lock the admins out needs the connection name typed', async () => {
	const {fake, env} = await setup();
	// The change added the only admin mapping and turned sync on; undoing it
	// leaves sync on with no admin group.
	connectionOf(fake).enforce_group_sync = true;
	connectionOf(fake).group_mappings = {devops: ['DevOps']};
	await change(fake, env, loaded => ({...loaded, group_mappings: {admin: ['Platform-Admins'], ...loaded.group_mappings}}));
	let validate: ((value: string) => true | string) | undefined;
	const result = await undoInProcess(fake, env, {
		confirm: unexpected,
		input: async config => {
			validate = config.validate;
			assert.match(config.message, /Type the connection name acme-okta/);
			assert.notEqual(config.validate('acme'), true);
			assert.match(String(config.validate('y')), /not the connection name acme-okta; nothing was sent/);
			assert.equal(fake.puts().length, 1, 'nothing sent while asking');
			return 'acme-okta';
		},
	});
	assert.ok(validate);
	assert.equal(validate(' acme-okta '), true);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /no IdP group maps to admin/);
	assert.deepEqual(connectionOf(fake).group_mappings, {devops: ['DevOps']});
});

test('drift while the undo is being confirmed: nothing is sent, exit 1', async () => {
	const {fake, env} = await setup();
	await change(fake, env, lockOut);
	const result = await undoInProcess(fake, env, {
		confirm: async () => {
			connectionOf(fake).default_role = 'billing';
			return true;
		},
		input: async () => {
			connectionOf(fake).default_role = 'billing';
			return 'acme-okta';
		},
	});
	assert.equal(result.code, 1);
	assert.match(result.stderr, /changed on the server while this undo was being confirmed; nothing was sent/);
	assert.equal(fake.puts().length, 1);
	assert.equal(connectionOf(fake).default_role, 'billing');
	assert.deepEqual(openHistory(env).list().map(entry => entry.id), [1], 'no entry for a PUT never sent');
});

/** The CLI from source in a real pseudo-terminal, for the real prompt. */
function ptyCli(env: Record<string, string>, ...args: string[]) {
	const child = nodePty.spawn(process.execPath, ['--import', 'tsx', path.join(root, 'source', 'cli.tsx'), ...args], {name: 'xterm-256color', cols: 100, rows: 30, cwd: root, env: {...env, TERM: 'xterm-256color'}});
	let output = '';
	let exit: number | undefined;
	child.onData(data => (output += data));
	const exited = new Promise<number>(resolve => child.onExit(({exitCode}) => resolve((exit = exitCode))));
	cleanups.push(() => {
		if (exit === undefined) {
			child.kill('SIGKILL');
		}
	});
	// eslint-disable-next-line no-control-regex
	const plain = () => output.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
	const waitFor = async (pattern: RegExp, timeoutMs = 20_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!pattern.test(plain())) {
			if (Date.now() > deadline || exit !== undefined) {
				throw new Error(`No ${String(pattern)} in the output (exit ${String(exit)}):\n${plain()}`);
			}

			await new Promise(resolve => setTimeout(resolve, 20));
		}
	};

	return {write: (data: string) => child.write(data), waitFor, exited, plain};
}

test('in a terminal: the real prompt, answered y, restores; Ctrl+C cancels with 130', async () => {
	const {fake, env} = await setup();
	const original = structuredClone(connectionOf(fake));
	await change(fake, env, loaded => ({...loaded, default_role: 'billing'}));

	const cancelled = ptyCli(env, 'undo');
	await cancelled.waitFor(/Restore acme-okta in Acme Corp to this state\? \(y\/N\)/);
	cancelled.write('\u0003');
	assert.equal(await cancelled.exited, 130);
	assert.match(cancelled.plain(), /Cancelled, nothing was changed\./);
	assert.doesNotMatch(cancelled.plain(), /ExitPromptError|\n\s+at /);
	assert.equal(fake.puts().length, 1);

	const accepted = ptyCli(env, 'undo');
	await accepted.waitFor(/\(y\/N\)/);
	accepted.write('y');
	await accepted.waitFor(/\(y\/N\) y/);
	accepted.write('\r');
	assert.equal(await accepted.exited, 0, accepted.plain());
	assert.deepEqual(connectionOf(fake), original);
});
