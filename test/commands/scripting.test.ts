/**
 * show, export, plan and apply run as the user runs them: the CLI in a child
 * process, against a fake API started here on 127.0.0.1, with its own
 * temporary config directory.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import * as nodePty from 'node-pty';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {startFakeApi, type FakeApi, type FakeState} from '../../source/fake/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const {acme, globex} = demoIds;

const temporaryRoots: string[] = [];
after(() => {
	for (const directory of temporaryRoots) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

function temporaryDirectory(): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-scripting-'));
	temporaryRoots.push(directory);
	return directory;
}

type Setup = {fake: FakeApi; config: string; work: string};

async function setup(t: TestContext, state: FakeState = demoState()): Promise<Setup> {
	const fake = await startFakeApi({state});
	t.after(async () => fake.close());
	return {fake, config: temporaryDirectory(), work: temporaryDirectory()};
}

type Run = {code: number | null; stdout: string; stderr: string};

/** `qovery-sso ARGS --api-url FAKE`, stdin a pipe (not a terminal) holding `input`. */
async function run({fake, config}: Setup, args: string[], input = ''): Promise<Run> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args, '--api-url', fake.url], {
		cwd: root,
		env: {
			PATH: process.env.PATH,
			HOME: config,
			QOVERY_SSO_CONFIG_DIR: config,
			QOVERY_API_TOKEN: 'qov_test_token',
			QOVERY_API_URL: fake.url,
			NO_COLOR: '1',
		},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdin.end(input);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	return {code, stdout, stderr};
}

/**
 * The same in a pseudo-terminal: waits for `prompt` on screen, types `answer`
 * (or Ctrl+C), and returns everything shown with the exit code.
 */
async function runInTerminal({fake, config}: Setup, args: string[], prompt: RegExp, answer: string): Promise<{code: number; output: string}> {
	const terminal = nodePty.spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args, '--api-url', fake.url], {
		cwd: root,
		cols: 120,
		rows: 40,
		env: {PATH: process.env.PATH ?? '', HOME: config, QOVERY_SSO_CONFIG_DIR: config, QOVERY_API_TOKEN: 'qov_test_token', NO_COLOR: '1', TERM: 'xterm'},
	});
	let output = '';
	let answered = false;
	const exited = new Promise<number>(resolve => {
		terminal.onExit(({exitCode}) => resolve(exitCode));
	});
	terminal.onData(data => {
		output += data;
		if (!answered && prompt.test(output)) {
			answered = true;
			terminal.write(answer);
		}
	});
	const timeout = setTimeout(() => terminal.kill(), 20_000);
	const code = await exited;
	clearTimeout(timeout);
	assert.ok(answered, `the prompt ${String(prompt)} never showed:\n${output}`);
	return {code, output};
}

function write(setup: Setup, name: string, text: string): string {
	const file = path.join(setup.work, name);
	fs.writeFileSync(file, text);
	return file;
}

function connectionOf(state: FakeState, organizationId: string, name: string): Record<string, unknown> {
	const organization = state.organizations.find(candidate => candidate.id === organizationId)!;
	return organization.connections.find(connection => connection.connection_name === name)!;
}

const okta = ['--org', 'Acme Corp', '--connection', 'acme-okta'];

describe('export then plan or apply changes nothing', () => {
	test('export → plan on the same server: exit 0, "no changes", even with a deleted role key', async t => {
		const s = await setup(t);
		const exported = await run(s, ['export', ...okta]);
		assert.equal(exported.code, 0, exported.stderr);
		assert.match(exported.stdout, /# unknown role: .*\n {2}9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d:\n {4}- Old-Team/);
		assert.match(exported.stderr, /note: Role key 9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d is not among Acme Corp's roles/);
		const file = write(s, 'acme.yaml', exported.stdout);
		const plan = await run(s, ['plan', '--file', file, '--org', acme.organization]);
		assert.equal(plan.code, 0, plan.stderr);
		assert.match(plan.stdout, /^No changes: acme-okta in Acme Corp already holds these settings\.$/m);
		assert.equal(s.fake.puts().length, 0);
	});

	test('export → apply --yes sends nothing', async t => {
		const s = await setup(t);
		const file = path.join(s.work, 'acme.yaml');
		const exported = await run(s, ['export', ...okta, '--output', file]);
		assert.equal(exported.code, 0, exported.stderr);
		assert.equal(exported.stdout, '');
		assert.match(exported.stderr, /Exported acme-okta \(Acme Corp\) to /);
		const apply = await run(s, ['apply', '--file', file, '--org', 'Acme Corp', '--yes']);
		assert.equal(apply.code, 0, apply.stderr);
		assert.match(apply.stderr, /No changes; nothing was sent\./);
		assert.equal(s.fake.puts().length, 0);
		assert.equal(fs.existsSync(path.join(s.config, 'history.json')), false);
	});

	test('export --format json and an --output ending in .json are JSON that plan reads back', async t => {
		const s = await setup(t);
		const exported = await run(s, ['export', '--org', 'Acme Corp', '--connection', 'acme-entra', '--format', 'json']);
		assert.equal(exported.code, 0, exported.stderr);
		const data = JSON.parse(exported.stdout) as Record<string, unknown>;
		assert.deepEqual(Object.keys(data), ['organization', 'connection_name', 'default_role', 'enforce_group_sync', 'group_mappings']);
		assert.deepEqual(data.group_mappings, connectionOf(s.fake.state, acme.organization, 'acme-entra').group_mappings);
		const file = write(s, 'entra.json', exported.stdout);
		const plan = await run(s, ['plan', '-f', file, '--org', 'Acme Corp']);
		assert.equal(plan.code, 0, plan.stderr);

		const other = path.join(s.work, 'okta.json');
		assert.equal((await run(s, ['export', ...okta, '-o', other])).code, 0);
		assert.doesNotThrow(() => JSON.parse(fs.readFileSync(other, 'utf8')));
		const mismatch = await run(s, ['export', ...okta, '-o', other, '--format', 'yaml']);
		assert.equal(mismatch.code, 2);
		assert.match(mismatch.stderr, /--format yaml does not match/);
	});

	test('export --role-names → apply onto the other organization resolves names to its UUIDs', async t => {
		const state = demoState();
		const source = connectionOf(state, acme.organization, 'acme-okta');
		// The deleted role exists nowhere else; drop it so the mapping can be copied.
		delete (source.group_mappings as Record<string, string[]>)[acme.deletedRole];
		source.default_role = acme.releaseManager;
		const s = await setup(t, state);
		const exported = await run(s, ['export', ...okta, '--role-names']);
		assert.equal(exported.code, 0, exported.stderr);
		assert.match(exported.stdout, /^default_role: Release Manager$/m);
		assert.match(exported.stdout, /^ {2}Security Auditor:$/m);
		assert.doesNotMatch(exported.stdout, /^connection_name:/m);
		const file = write(s, 'copy.yaml', exported.stdout);

		const plan = await run(s, ['plan', '--file', file, '--org', 'Globex Labs']);
		assert.equal(plan.code, 3, plan.stderr);
		assert.match(plan.stderr, /note: .*organization: the file was exported from Acme Corp; it is applied to Globex Labs/);
		const apply = await run(s, ['apply', '--file', file, '--org', 'Globex Labs', '--yes']);
		assert.equal(apply.code, 0, apply.stderr);
		const puts = s.fake.puts();
		assert.equal(puts.length, 1);
		assert.match(puts[0]!.path, /\/organization\/b2d4f6a8-3c5e-4f7a-9b2c-4d6e8f0a1b23\/enterpriseconnection\/globex-saml$/);
		assert.deepEqual(puts[0]!.body, {
			connection_name: 'globex-saml',
			default_role: globex.releaseManager,
			enforce_group_sync: false,
			group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'SRE'], [globex.securityAuditor]: ['SecOps']},
		});
	});
});

describe('plan', () => {
	test('exit 0 with nothing to change, 3 with changes pending, the review\'s diff on stdout', async t => {
		const s = await setup(t);
		const same = write(s, 'same.yaml', 'default_role: viewer\n');
		const unchanged = await run(s, ['plan', '-f', same, ...okta]);
		assert.equal(unchanged.code, 0, unchanged.stderr);
		assert.match(unchanged.stdout, /No changes/);

		const file = write(s, 'change.yaml', 'default_role: DevOps\ngroup_mappings:\n  admin: [Platform-Admins, Ops]\n  devops: [DevOps, SRE]\n  Security Auditor: [SecOps]\n');
		const pending = await run(s, ['plan', '-f', file, ...okta]);
		assert.equal(pending.code, 3, pending.stderr);
		assert.equal(pending.stdout, [
			'Changes to acme-okta in Acme Corp:',
			'i Group sync is off: Qovery ignores the group mappings until it is turned on.',
			'',
			'~ default role: Viewer -> DevOps',
			'~ Admin:',
			'    + Ops',
			'- unknown role 9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d: mapping removed',
			'    - Old-Team',
			'',
		].join('\n'));
		assert.doesNotMatch(pending.stdout, /\u001B/);
		assert.match(pending.stderr, /Changes pending; send them with: qovery-sso apply --file /);
		assert.equal(s.fake.puts().length, 0);
	});

	test('--json: changes, diff, warnings and the body that apply would send', async t => {
		const s = await setup(t);
		const file = write(s, 'change.yaml', 'enforce_group_sync: true\n');
		const plan = await run(s, ['plan', '-f', file, ...okta, '--json']);
		assert.equal(plan.code, 3, plan.stderr);
		const data = JSON.parse(plan.stdout) as Record<string, unknown>;
		assert.deepEqual(Object.keys(data), ['organization', 'connection', 'changes', 'diff', 'warnings', 'body']);
		assert.equal(data.changes, true);
		assert.deepEqual(data.diff, {default_role: null, enforce_group_sync: {before: false, after: true}, group_mappings: []});
		assert.deepEqual((data.body as Record<string, unknown>).enforce_group_sync, true);
	});

	test('the file from stdin (--file -)', async t => {
		const s = await setup(t);
		const plan = await run(s, ['plan', '--file', '-', ...okta], '{"default_role": "admin"}');
		assert.equal(plan.code, 3, plan.stderr);
		assert.match(plan.stdout, /default role: Viewer -> Admin/);
	});
});

describe('apply', () => {
	test('a file that names only default_role sends a body whose other fields are exactly as loaded (C15)', async t => {
		const s = await setup(t);
		const before = structuredClone(connectionOf(s.fake.state, acme.organization, 'acme-okta'));
		const file = write(s, 'role.yaml', 'default_role: devops\n');
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes']);
		assert.equal(apply.code, 0, apply.stderr);
		const puts = s.fake.puts();
		assert.equal(puts.length, 1);
		assert.equal(JSON.stringify(puts[0]!.body), JSON.stringify({...before, default_role: 'devops'}));
	});

	test('group sync on, mappings for admin, devops and a UUID: only default_role changes (C15 step 1)', async t => {
		const state = demoState();
		const connection = connectionOf(state, acme.organization, 'acme-okta');
		connection.enforce_group_sync = true;
		connection.group_mappings = {admin: ['Platform-Admins'], devops: ['DevOps'], [acme.securityAuditor]: ['SecOps', 'Auditors']};
		connection.created_at = '2025-01-01T00:00:00Z';
		const s = await setup(t, state);
		const file = write(s, 'role.json', '{"default_role": "devops"}');
		const plan = await run(s, ['plan', '-f', file, ...okta]);
		assert.equal(plan.code, 3);
		assert.deepEqual(plan.stdout.split('\n').filter(line => /^[~+-] /.test(line)), ['~ default role: Viewer -> DevOps']);
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes']);
		assert.equal(apply.code, 0, apply.stderr);
		assert.equal(JSON.stringify(s.fake.puts()[0]!.body), JSON.stringify({
			connection_name: 'acme-okta',
			default_role: 'devops',
			enforce_group_sync: true,
			group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps'], [acme.securityAuditor]: ['SecOps', 'Auditors']},
		}));
	});

	test('the server leaves out enforce_group_sync: a change must choose it (C15 step 2)', async t => {
		const state = demoState();
		const connection = connectionOf(state, acme.organization, 'acme-okta');
		delete connection.enforce_group_sync;
		connection.group_mappings = {};
		const s = await setup(t, state);
		const exported = await run(s, ['export', ...okta]);
		assert.match(exported.stdout, /# enforce_group_sync: the server does not say/);
		const missing = await run(s, ['apply', '-f', write(s, 'a.yaml', 'default_role: devops\n'), ...okta, '--yes']);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /a\.yaml: enforce_group_sync: the server did not say whether group sync is enforced/);
		const chosen = await run(s, ['plan', '-f', write(s, 'b.yaml', 'default_role: devops\nenforce_group_sync: false\n'), ...okta]);
		assert.equal(chosen.code, 3);
		assert.match(chosen.stdout, /~ enforce group sync: unknown -> off/);
		assert.equal(s.fake.puts().length, 0);
	});

	test('without --yes and without a terminal: exit 2 before any request', async t => {
		const s = await setup(t);
		const file = write(s, 'role.yaml', 'default_role: devops\n');
		const apply = await run(s, ['apply', '-f', file, ...okta]);
		assert.equal(apply.code, 2);
		assert.match(apply.stderr, /apply asks for confirmation, and stdin is not a terminal/);
		assert.match(apply.stderr, /--yes/);
		assert.equal(apply.stdout, '');
		assert.equal(s.fake.requests.length, 0);
		const piped = await run(s, ['apply', '-f', '-', ...okta], 'default_role: devops\n');
		assert.equal(piped.code, 2);
		assert.equal(s.fake.requests.length, 0);
	});

	test('on a terminal: y/N, default No; y sends; Ctrl+C cancels with 130', async t => {
		const s = await setup(t);
		const file = write(s, 'role.yaml', 'default_role: devops\n');
		const question = /Send this change to acme-okta in Acme Corp\? \(y\/N\)/;
		const declined = await runInTerminal(s, ['apply', '-f', file, ...okta], question, '\r');
		assert.equal(declined.code, 130, declined.output);
		assert.match(declined.output, /Cancelled, nothing was changed\./);
		const interrupted = await runInTerminal(s, ['apply', '-f', file, ...okta], question, '\u0003');
		assert.equal(interrupted.code, 130, interrupted.output);
		assert.match(interrupted.output, /Cancelled, nothing was changed\./);
		assert.doesNotMatch(interrupted.output, /ExitPromptError|at .*\.js:\d+/);
		assert.equal(s.fake.puts().length, 0);
		const accepted = await runInTerminal(s, ['apply', '-f', file, ...okta], question, 'y\r');
		assert.equal(accepted.code, 0, accepted.output);
		assert.match(accepted.output, /Saved acme-okta in Acme Corp\./);
		assert.equal(s.fake.puts().length, 1);
	});

	test('on a terminal, a danger warning asks for the connection name instead of y/N', async t => {
		const s = await setup(t);
		const file = write(s, 'danger.yaml', 'enforce_group_sync: true\ngroup_mappings:\n  devops: [DevOps]\n');
		const question = /Type acme-okta to send it:/;
		const wrong = await runInTerminal(s, ['apply', '-f', file, ...okta], question, 'y\r');
		assert.equal(wrong.code, 130, wrong.output);
		assert.match(wrong.output, /The name typed is not acme-okta; cancelled, nothing was changed\./);
		assert.equal(s.fake.puts().length, 0);
		const typed = await runInTerminal(s, ['apply', '-f', file, ...okta], question, 'acme-okta\r');
		assert.equal(typed.code, 0, typed.output);
		assert.equal(s.fake.puts().length, 1);
	});

	test('--yes sends and records the change in history.json of the config directory', async t => {
		const s = await setup(t);
		const file = write(s, 'change.yaml', 'group_mappings:\n  admin: [Platform-Admins]\n  Release Manager: [Releasers]\n');
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes']);
		assert.equal(apply.code, 0, apply.stderr);
		assert.match(apply.stderr, /Saved acme-okta in Acme Corp\./);
		assert.match(apply.stderr, /Recorded in the history as change 1/);
		const body = {
			connection_name: 'acme-okta',
			default_role: 'viewer',
			enforce_group_sync: false,
			group_mappings: {admin: ['Platform-Admins'], [acme.releaseManager]: ['Releasers']},
		};
		assert.deepEqual(s.fake.puts().map(put => put.body), [body]);
		const history = JSON.parse(fs.readFileSync(path.join(s.config, 'history.json'), 'utf8')) as Array<Record<string, unknown>>;
		assert.equal(history.length, 1);
		assert.equal(history[0]!.status, 'applied');
		assert.equal(history[0]!.connection, 'acme-okta');
		assert.deepEqual(history[0]!.sent, body);
		assert.deepEqual((history[0]!.before as {group_mappings: unknown}).group_mappings, demoState().organizations[0]!.connections[0]!.group_mappings);
		assert.equal(history[0]!.apiUrl, s.fake.url);
	});

	test('a danger warning with --yes alone: refused with exit 2, nothing sent, the flag to add named', async t => {
		const s = await setup(t);
		const file = write(s, 'danger.yaml', 'enforce_group_sync: true\ngroup_mappings:\n  devops: [DevOps]\n');
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes']);
		assert.equal(apply.code, 2, apply.stderr);
		assert.match(apply.stderr, /^warning: .*admin/m);
		assert.match(apply.stderr, /--confirm-name acme-okta/);
		assert.equal(s.fake.puts().length, 0);
		const wrong = await run(s, ['apply', '-f', file, ...okta, '--yes', '--confirm-name', 'acme-entra']);
		assert.equal(wrong.code, 2, wrong.stderr);
		assert.equal(s.fake.puts().length, 0);
	});

	test('a danger warning with --yes and --confirm-name: applied, the warning repeated on stderr', async t => {
		const s = await setup(t);
		const file = write(s, 'danger.yaml', 'enforce_group_sync: true\ngroup_mappings:\n  devops: [DevOps]\n');
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes', '--confirm-name', 'acme-okta']);
		assert.equal(apply.code, 0, apply.stderr);
		assert.match(apply.stderr, /^warning: .*admin/m);
		assert.equal(s.fake.puts().length, 1);
	});

	test('drift found on the re-check: nothing sent, what changed is shown, exit 1', async t => {
		const s = await setup(t);
		const connection = /enterpriseconnection\/acme-okta$/;
		// The first GET of the connection is the load; the second, the re-check before the PUT, sees a change.
		s.fake.inject({method: 'GET', path: connection, times: 1, fault: {kind: 'delay', ms: 0}});
		s.fake.inject({method: 'GET', path: connection, fault: {kind: 'mutate', apply(state) {
			connectionOf(state, acme.organization, 'acme-okta').default_role = 'admin';
		}}});
		const file = write(s, 'role.yaml', 'group_mappings:\n  admin: [Platform-Admins]\n');
		const apply = await run(s, ['apply', '-f', file, ...okta, '--yes']);
		assert.equal(apply.code, 1, apply.stderr);
		assert.match(apply.stderr, /acme-okta changed on the server since it was loaded; nothing was sent/);
		assert.match(apply.stderr, /~ default role: Viewer -> Admin/);
		assert.match(apply.stderr, /Run qovery-sso plan --file .*role\.yaml again/);
		assert.equal(s.fake.puts().length, 0);
		assert.equal(s.fake.requests.filter(request => connection.test(request.path)).length, 2);
	});

	test('the API refuses the PUT: its message and hint, exit 1, recorded as failed', async t => {
		const s = await setup(t);
		s.fake.inject({method: 'PUT', fault: {kind: 'status', status: 400, body: {status: 400, error: 'Bad Request', message: 'Role \'Viewer\' does not exist in organization'}}});
		const apply = await run(s, ['apply', '-f', write(s, 'r.yaml', 'default_role: devops\n'), ...okta, '--yes']);
		assert.equal(apply.code, 1);
		assert.match(apply.stderr, /qovery-sso: saving connection acme-okta failed: the server refused the request \(HTTP 400\): Role 'Viewer' does not exist in organization/);
		assert.match(apply.stderr, /Nothing was saved\./);
		const history = JSON.parse(fs.readFileSync(path.join(s.config, 'history.json'), 'utf8')) as Array<Record<string, unknown>>;
		assert.equal(history[0]!.status, 'failed');
	});
});

describe('invalid files: exit 2, the file, the field and the reason, nothing sent', () => {
	const twins: FakeState = {
		organizations: [{
			id: '00000000-0000-4000-8000-0000000000aa',
			name: 'Twins Inc',
			roles: [
				{id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Auditor'},
				{id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Auditor'},
			],
			connections: [{connection_name: 'twins-sso', default_role: 'viewer', enforce_group_sync: true, group_mappings: {admin: ['Admins']}}],
		}],
	};
	const cases: Array<{name: string; file: string; text: string; expected: RegExp; state?: FakeState}> = [
		{name: 'broken YAML, with its line', file: 'broken.yaml', text: 'default_role: viewer\ngroup_mappings:\n  admin: [Platform-Admins\n  devops: [DevOps]\n', expected: /broken\.yaml:[34]: not valid YAML/},
		{name: 'broken JSON, with its line', file: 'broken.json', text: '{\n  "default_role": "viewer",\n}\n', expected: /broken\.json:3: not valid JSON/},
		{name: 'an unknown role', file: 'unknown.yaml', text: 'group_mappings:\n  admin: [Platform-Admins]\n  Release Managers: [R]\n', expected: /unknown\.yaml:3: group_mappings\["Release Managers"\]: unknown role "Release Managers"; this organization's roles are: Admin \(admin\), .*Release Manager \(7e2f8b3c-9d4a-4b0f-8c1e-2a3b4c5d6e7f\)/},
		{name: 'an unknown default role', file: 'default.yaml', text: 'default_role: Superuser\n', expected: /default\.yaml:1: default_role: unknown role "Superuser"/},
		{name: 'a role name two custom roles share', file: 'twins.yaml', text: 'group_mappings:\n  admin: [Admins]\n  auditor: [Audit]\n', expected: /twins\.yaml:3: group_mappings\.auditor: role name "auditor" is ambiguous: 2 roles have it \(aaaaaaaa-0000-4000-8000-000000000001, aaaaaaaa-0000-4000-8000-000000000002\)/, state: twins},
		{name: 'a wrong type', file: 'type.yaml', text: 'default_role: viewer\nenforce_group_sync: "yes"\n', expected: /type\.yaml:2: enforce_group_sync: expected true or false, got the text "yes"/},
		{name: 'a role given one group instead of a list', file: 'list.yaml', text: 'group_mappings:\n  admin: Platform-Admins\n', expected: /list\.yaml:2: group_mappings\.admin: expected a list of group names/},
		{name: 'an empty group name', file: 'mapping.yaml', text: 'default_role: viewer\nenforce_group_sync: false\ngroup_mappings:\n  admin:\n    - Platform-Admins\n  devops:\n    - DevOps\n    - ""\n', expected: /mapping\.yaml:8: group_mappings\.devops\[1\]: a group name cannot be empty/},
		{name: 'a control character in a group name', file: 'control.yaml', text: 'group_mappings:\n  devops: ["Dev\\tOps"]\n', expected: /control\.yaml:2: group_mappings\.devops\[0\]: a group name cannot contain control characters/},
		{name: 'an unknown key', file: 'key.yaml', text: 'default_role: viewer\ngroup_mapping:\n  admin: [A]\n', expected: /key\.yaml:2: group_mapping: unknown key "group_mapping"; the keys are /},
		{name: 'a connection_name that is not the target', file: 'name.yaml', text: 'connection_name: acme-entra\ndefault_role: admin\n', expected: /name\.yaml:1: connection_name: the file is for connection "acme-entra", but the target is "acme-okta"/},
		{name: 'an empty file', file: 'empty.yaml', text: '', expected: /empty\.yaml: the file is empty/},
	];
	for (const item of cases) {
		for (const command of ['plan', 'apply'] as const) {
			test(`${command}: ${item.name}`, async t => {
				const s = await setup(t, item.state ? structuredClone(item.state) : undefined);
				const file = write(s, item.file, item.text);
				const target = item.state ? [] : okta;
				const result = await run(s, [command, '--file', file, ...target, ...(command === 'apply' ? ['--yes'] : [])]);
				assert.equal(result.code, 2, result.stderr);
				assert.match(result.stderr, item.expected);
				assert.match(result.stderr, /nothing was sent/);
				assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/);
				assert.equal(s.fake.puts().length, 0);
			});
		}
	}

	test('spaces trimmed and duplicates merged are notes, not errors', async t => {
		const s = await setup(t);
		const file = write(s, 'notes.yaml', 'group_mappings:\n  admin: [Platform-Admins]\n  devops:\n    - " DevOps"\n    - DevOps\n    - SRE\n  Security Auditor: [SecOps]\n  9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d: [Old-Team]\n');
		const plan = await run(s, ['plan', '-f', file, ...okta]);
		assert.equal(plan.code, 0, plan.stderr);
		assert.match(plan.stderr, /note: .*notes\.yaml:4: group_mappings\.devops\[0\]: " DevOps" starts or ends with spaces; trimmed to "DevOps"/);
		assert.match(plan.stderr, /note: .*notes\.yaml:5: group_mappings\.devops\[1\]: "DevOps" is already listed for this role; the two are merged into one/);
	});

	test('a missing --file or an unreadable file: exit 2, no request', async t => {
		const s = await setup(t);
		const missing = await run(s, ['plan', ...okta]);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /plan needs the file to apply: qovery-sso plan --file FILE/);
		const absent = await run(s, ['plan', '-f', path.join(s.work, 'nope.yaml'), ...okta]);
		assert.equal(absent.code, 2);
		assert.match(absent.stderr, /Cannot read .*nope\.yaml: no such file/);
		assert.equal(s.fake.requests.length, 0);
	});
});

describe('choosing the organization and the connection', () => {
	test('--org omitted with several organizations: exit 2 listing them', async t => {
		const s = await setup(t);
		const result = await run(s, ['show']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /The token sees 2 organizations; choose one with --org ID\|NAME:\n {2}Acme Corp \(a1c3e5f7-2b4d-4e6f-8a1b-3c5d7e9f0a12\)\n {2}Globex Labs/);
		assert.equal(result.stdout, '');
	});

	test('--connection omitted with several connections: exit 2 listing them', async t => {
		const s = await setup(t);
		const result = await run(s, ['export', '--org', acme.organization]);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Acme Corp has 2 enterprise connections; choose one with --connection NAME:\n {2}acme-okta\n {2}acme-entra/);
	});

	test('an unknown --org or --connection: exit 2 with what there is', async t => {
		const s = await setup(t);
		const org = await run(s, ['show', '--org', 'Initech']);
		assert.equal(org.code, 2);
		assert.match(org.stderr, /No organization "Initech" among those the token sees:\n {2}Acme Corp/);
		const connection = await run(s, ['show', '--org', 'globex labs', '--connection', 'okta']);
		assert.equal(connection.code, 2);
		assert.match(connection.stderr, /No connection "okta" in Globex Labs; its connections are:\n {2}globex-saml/);
	});

	test('both omitted when there is one of each; the file\'s connection_name picks the connection', async t => {
		const state = demoState();
		state.organizations = state.organizations.filter(org => org.id === globex.organization);
		const s = await setup(t, state);
		const shown = await run(s, ['show']);
		assert.equal(shown.code, 0, shown.stderr);
		assert.match(shown.stdout, /Connection: +globex-saml/);

		const two = demoState();
		const s2 = await setup(t, two);
		const file = write(s2, 'entra.yaml', 'connection_name: acme-entra\ndefault_role: viewer\n');
		const plan = await run(s2, ['plan', '-f', file, '--org', 'Acme Corp']);
		assert.equal(plan.code, 0, plan.stderr);
		assert.match(plan.stdout, /acme-entra in Acme Corp/);
	});
});

describe('show', () => {
	test('a table with role names resolved, groups one per line, no colour in a pipe', async t => {
		const s = await setup(t);
		const result = await run(s, ['show', ...okta]);
		assert.equal(result.code, 0, result.stderr);
		const lines = result.stdout.split('\n');
		assert.deepEqual(lines.slice(0, 11), [
			'Organization:        Acme Corp (a1c3e5f7-2b4d-4e6f-8a1b-3c5d7e9f0a12)',
			'Connection:          acme-okta',
			'Default role:        Viewer',
			'Enforce group sync:  off',
			'Group mappings:',
			'  ROLE                                                     IDP GROUPS',
			'  Admin                                                    Platform-Admins',
			'  DevOps                                                   DevOps',
			'                                                           SRE',
			'  Security Auditor (5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d)  SecOps',
			'  unknown role 9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d        Old-Team',
		]);
		assert.doesNotMatch(result.stdout, /\u001B/);
		assert.equal(result.stderr, '');
	});

	test('--json: the connection as the API has it, with its organization and roles', async t => {
		const s = await setup(t);
		const result = await run(s, ['show', ...okta, '--json']);
		assert.equal(result.code, 0, result.stderr);
		const data = JSON.parse(result.stdout) as Record<string, unknown>;
		assert.deepEqual(Object.keys(data), ['organization', 'connection', 'roles', 'unknown_role_keys']);
		assert.deepEqual(data.organization, {id: acme.organization, name: 'Acme Corp'});
		assert.deepEqual(data.connection, connectionOf(demoState(), acme.organization, 'acme-okta'));
		assert.deepEqual((data.roles as unknown[])[4], {key: acme.securityAuditor, name: 'Security Auditor', kind: 'custom'});
		assert.deepEqual(data.unknown_role_keys, [acme.deletedRole]);
	});

	test('an API failure: its message and hint, exit 1', async t => {
		const s = await setup(t);
		s.fake.inject({method: 'GET', path: '/organization', fault: {kind: 'status', status: 403, body: ''}});
		const result = await run(s, ['show']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /qovery-sso: listing organizations failed: permission denied \(HTTP 403\)\n.*organization admin/);
	});
});
