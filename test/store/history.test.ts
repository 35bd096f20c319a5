import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {EnterpriseConnection, LoadedConnection} from '../../source/model/connection.js';
import {historyLimit, type NewHistoryEntry, openHistory} from '../../source/store/history.js';
import {historyRecorder} from '../../source/store/history-recorder.js';

const roots: string[] = [];
after(() => {
	for (const root of roots) {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

function configDir(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-history-'));
	roots.push(root);
	// Not created yet: the store must create it with the right mode.
	return path.join(root, 'config');
}

const organization = {id: '00000000-0000-4000-8000-000000000001', name: 'Example Org'};
const before: LoadedConnection = {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: false, group_mappings: {devops: ['DevOps']}};
const sent: EnterpriseConnection = {...before, enforce_group_sync: true};

function entry(overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
	return {profile: 'default', apiUrl: 'http://127.0.0.1:9', organization, connection: 'example-saml', before, sent, ...overrides};
}

/** A clock that moves one second per call. */
function clock(start = Date.parse('2026-01-01T00:00:00.000Z')): () => Date {
	let now = start;
	return () => new Date((now += 1000));
}

test('begin records a pending entry before the PUT; complete and fail settle it', () => {
	const history = openHistory({QOVERY_SSO_CONFIG_DIR: configDir()}, clock());
	const first = history.begin(entry());
	const second = history.begin(entry({profile: 'work'}));
	assert.equal(first, 1);
	assert.equal(second, 2);
	assert.equal(history.get(first)?.status, 'pending');

	const applied: LoadedConnection = {...sent};
	history.complete(first, applied);
	history.fail(second, 'saving connection example-saml failed: permission denied (HTTP 403)');

	const one = history.get(first)!;
	assert.equal(one.status, 'applied');
	assert.deepEqual(one.applied, applied);
	assert.deepEqual(one.before, before);
	assert.deepEqual(one.sent, sent);
	assert.deepEqual(one.organization, organization);
	assert.equal(one.apiUrl, 'http://127.0.0.1:9');
	assert.equal(one.profile, 'default');
	assert.equal(one.time, '2026-01-01T00:00:01.000Z');

	const two = history.get(second)!;
	assert.equal(two.status, 'failed');
	assert.match(two.error ?? '', /HTTP 403/);
	assert.equal(two.applied, undefined);
	assert.equal(history.get(99), undefined);
});

test('list is newest first', () => {
	const history = openHistory({QOVERY_SSO_CONFIG_DIR: configDir()}, clock());
	for (let index = 0; index < 3; index++) {
		history.begin(entry({connection: `c${index}`}));
	}

	assert.deepEqual(history.list().map(item => [item.id, item.connection]), [[3, 'c2'], [2, 'c1'], [1, 'c0']]);
	const times = history.list().map(item => Date.parse(item.time));
	assert.deepEqual(times, [...times].sort((a, b) => b - a));
});

test(`bounded to the last ${historyLimit} entries; ids keep growing`, () => {
	assert.equal(historyLimit, 50);
	const history = openHistory({QOVERY_SSO_CONFIG_DIR: configDir()}, clock());
	for (let index = 0; index < historyLimit + 5; index++) {
		history.complete(history.begin(entry()), sent);
	}

	const listed = history.list();
	assert.equal(listed.length, 50);
	assert.equal(listed[0]!.id, 55);
	assert.equal(listed.at(-1)!.id, 6);
	assert.equal(history.get(5), undefined, 'the oldest were dropped');
	assert.equal(history.begin(entry()), 56);
	assert.equal(JSON.parse(fs.readFileSync(history.path, 'utf8')).length, 50);
});

test('the file is 0600 in a 0700 directory under umask 022, even when they were wider', () => {
	const previous = process.umask(0o022);
	try {
		const directory = configDir();
		const history = openHistory({QOVERY_SSO_CONFIG_DIR: directory}, clock());
		history.begin(entry());
		assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
		assert.equal(fs.statSync(history.path).mode & 0o777, 0o600);

		fs.chmodSync(directory, 0o755);
		fs.chmodSync(history.path, 0o644);
		history.complete(1, sent);
		assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
		assert.equal(fs.statSync(history.path).mode & 0o777, 0o600);
		assert.deepEqual(fs.readdirSync(directory), ['history.json'], 'no temporary file left');
	} finally {
		process.umask(previous);
	}
});

test('a corrupt file is moved aside, kept intact, and a new history starts', () => {
	for (const content of ['{"id": 1, "time": "2026-', '', '{"entries": []}']) {
		const directory = configDir();
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		const file = path.join(directory, 'history.json');
		fs.writeFileSync(file, content, {mode: 0o600});
		const history = openHistory({QOVERY_SSO_CONFIG_DIR: directory}, () => new Date('2026-02-03T04:05:06.007Z'));
		assert.deepEqual(history.list(), [], JSON.stringify(content));
		const aside = path.join(directory, 'history.json.corrupt-2026-02-03T04-05-06.007Z');
		assert.equal(fs.readFileSync(aside, 'utf8'), content, 'the unreadable file is kept as it was');
		assert.equal(fs.existsSync(file), false);
		assert.equal(history.begin(entry()), 1);
		assert.equal(history.list().length, 1);
	}
});

test('entries of the wrong shape are skipped, the rest kept', () => {
	const directory = configDir();
	const history = openHistory({QOVERY_SSO_CONFIG_DIR: directory}, clock());
	history.begin(entry());
	const stored = JSON.parse(fs.readFileSync(history.path, 'utf8')) as unknown[];
	fs.writeFileSync(history.path, JSON.stringify([...stored, {id: 'x'}, null, 7]));
	assert.deepEqual(history.list().map(item => item.id), [1]);
});

test('the recorder writes begin/complete/fail and a history that cannot be written never stops the save', () => {
	const directory = configDir();
	const history = openHistory({QOVERY_SSO_CONFIG_DIR: directory}, clock());
	const warnings: string[] = [];
	const recorder = historyRecorder(history, {profile: 'default', apiUrl: 'http://127.0.0.1:9'}, warning => warnings.push(warning));
	const id = recorder.begin!(organization, before, sent);
	assert.equal(id, 1);
	recorder.complete!(id, sent);
	const failed = recorder.begin!(organization, before, sent);
	recorder.fail!(failed, new Error('boom'));
	assert.deepEqual(history.list().map(item => [item.id, item.status, item.error]), [[2, 'failed', 'boom'], [1, 'applied', undefined]]);
	// A lost or unreadable answer: the change may be in place, so it did not "fail".
	for (const kind of ['timeout', 'network', 'shape']) {
		const lost = recorder.begin!(organization, before, sent);
		recorder.fail!(lost, Object.assign(new Error(`lost (${kind})`), {kind}));
		assert.equal(history.get(lost!)?.status, 'unknown', kind);
	}

	const refused = recorder.begin!(organization, before, sent);
	recorder.fail!(refused, Object.assign(new Error('refused'), {kind: 'invalid'}));
	assert.equal(history.get(refused!)?.status, 'failed');
	assert.equal(warnings.length, 0, warnings.join('\n'));

	const blocked = path.join(path.dirname(directory), 'blocked');
	fs.writeFileSync(blocked, 'a file where the directory should be');
	const broken = historyRecorder(openHistory({QOVERY_SSO_CONFIG_DIR: path.join(blocked, 'config')}), {profile: 'default', apiUrl: 'x'}, warning => warnings.push(warning));
	assert.equal(broken.begin!(organization, before, sent), undefined);
	assert.equal(warnings.length, 1);
	assert.match(warnings[0]!, /could not be written/);
});
