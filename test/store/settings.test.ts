import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {configDirectory, describeSettingsProblem, openSettings, SettingsError} from '../../source/store/settings.js';

const temporaryRoots: string[] = [];
after(() => {
	for (const root of temporaryRoots) {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

function temporaryDirectory(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-settings-'));
	temporaryRoots.push(root);
	return root;
}

const token = 'qov_t_PLACEHOLDER';

/** A config directory that does not exist yet, inside a fresh temp dir. */
function tempConfig(): {directory: string; file: string; env: NodeJS.ProcessEnv} {
	const root = temporaryDirectory();
	const directory = path.join(root, 'config');
	return {directory, file: path.join(directory, 'config.json'), env: {QOVERY_SSO_CONFIG_DIR: directory}};
}

function modeOf(target: string): number {
	return fs.statSync(target).mode & 0o777;
}

function withUmask<T>(mask: number, action: () => T): T {
	const previous = process.umask(mask);
	try {
		return action();
	} finally {
		process.umask(previous);
	}
}

function corruptCopies(directory: string): string[] {
	return fs.readdirSync(directory).filter(name => name.startsWith('config.json.corrupt-')).sort();
}

test('QOVERY_SSO_CONFIG_DIR chooses the directory and the file is config.json', () => {
	const {directory, file, env} = tempConfig();
	assert.equal(configDirectory(env), directory);
	assert.equal(openSettings(env).path, file);
});

test('without the override the directory is conf\'s default for qovery-sso, taken from env', {skip: process.platform !== 'linux'}, () => {
	assert.equal(configDirectory({XDG_CONFIG_HOME: '/xdg', HOME: '/home/someone'}), '/xdg/qovery-sso-nodejs');
	assert.equal(configDirectory({HOME: '/home/someone'}), '/home/someone/.config/qovery-sso-nodejs');
	assert.equal(configDirectory({QOVERY_SSO_CONFIG_DIR: '  ', HOME: '/home/someone'}), '/home/someone/.config/qovery-sso-nodejs');
});

for (const mask of [0o022, 0o000]) {
	test(`a new file is 0600 in a 0700 directory with umask ${mask.toString(8).padStart(3, '0')}`, () => {
		const {directory, file, env} = tempConfig();
		withUmask(mask, () => openSettings(env).saveProfile('default', {token}));
		assert.equal(modeOf(file), 0o600);
		assert.equal(modeOf(directory), 0o700);
	});
}

test('an existing 0644 file in a 0755 directory is tightened by the next write', () => {
	const {directory, file, env} = tempConfig();
	withUmask(0o000, () => {
		fs.mkdirSync(directory, {mode: 0o755});
		fs.writeFileSync(file, JSON.stringify({profiles: {default: {token: 'old'}}}), {mode: 0o644});
	});
	assert.equal(modeOf(file), 0o644);

	withUmask(0o022, () => {
		const store = openSettings(env);
		store.saveProfile('default', {token});
		assert.equal(modeOf(file), 0o600);
		assert.equal(modeOf(directory), 0o700);

		// Widened again behind our back, then a removal is a write too.
		fs.chmodSync(file, 0o666);
		fs.chmodSync(directory, 0o777);
		assert.equal(store.removeProfile('default'), true);
	});
	assert.equal(modeOf(file), 0o600);
	assert.equal(modeOf(directory), 0o700);
});

test('a shared sticky directory is refused rather than made private', () => {
	const {directory, env} = tempConfig();
	fs.mkdirSync(directory);
	fs.chmodSync(directory, 0o1777);
	assert.throws(() => openSettings(env), SettingsError);
	assert.equal(fs.statSync(directory).mode & 0o7777, 0o1777);
});

test('profiles are kept separate and names are plain keys', () => {
	const {env} = tempConfig();
	const store = openSettings(env);
	store.saveProfile('work', {token: 'token-work', apiUrl: 'https://api.example.com'});
	store.saveProfile('default', {token: 'token-default'});
	store.saveProfile('with.dot', {token: 'token-dot'});
	store.saveProfile('__proto__', {token: 'token-proto'});

	const again = openSettings(env);
	assert.equal(again.problem, undefined);
	assert.deepEqual(again.profileNames(), ['__proto__', 'default', 'with.dot', 'work']);
	assert.deepEqual(again.getProfile('work'), {token: 'token-work', apiUrl: 'https://api.example.com'});
	assert.deepEqual(again.getProfile('default'), {token: 'token-default'});
	assert.deepEqual(again.getProfile('with.dot'), {token: 'token-dot'});
	assert.deepEqual(again.getProfile('__proto__'), {token: 'token-proto'});
	assert.equal(again.getProfile('missing'), undefined);
	assert.equal(again.getProfile('toString'), undefined);

	assert.equal(again.removeProfile('default'), true);
	assert.equal(again.removeProfile('default'), false);
	assert.deepEqual(openSettings(env).profileNames(), ['__proto__', 'with.dot', 'work']);
});

test('saving a profile replaces its entry and leaves history as it was', () => {
	const {directory, file, env} = tempConfig();
	fs.mkdirSync(directory);
	const history = [{organization: 'Example Org', when: 1}, 'anything'];
	fs.writeFileSync(file, JSON.stringify({profiles: {default: {token: 'old', apiUrl: 'https://old.example.com'}}, history}));

	const store = openSettings(env);
	store.saveProfile('default', {token});
	assert.deepEqual(store.getProfile('default'), {token});
	assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {profiles: {default: {token}}, history});
});

test('opening a store that has no file creates none', () => {
	const {file, env} = tempConfig();
	const store = openSettings(env);
	assert.deepEqual(store.profileNames(), []);
	assert.equal(fs.existsSync(file), false);
});

const unreadable = [
	{name: 'C07-1 a file cut off mid-write', content: `{"auth":{"type":"token","value":"${token}"},"lastOrg":"00000000-0000-4000-8000-00000000000`},
	{name: 'C07-2 an empty file', content: ''},
	{name: 'only whitespace', content: ' \n\t'},
	{name: 'a bare word', content: token},
];

for (const {name, content} of unreadable) {
	test(`${name}: moved aside intact, reported with the path, never thrown`, () => {
		const {directory, file, env} = tempConfig();
		fs.mkdirSync(directory);
		fs.writeFileSync(file, content, {mode: 0o644});

		const store = openSettings(env);
		const problem = store.problem;
		assert.ok(problem);
		assert.equal(problem.kind, 'unreadable');
		assert.equal(problem.path, file);
		assert.equal(fs.existsSync(file), false);
		assert.equal(fs.readFileSync(problem.movedTo, 'utf8'), content);
		assert.equal(modeOf(problem.movedTo), 0o600);

		const message = describeSettingsProblem(problem);
		assert.match(message, /can't be read/);
		assert.ok(message.includes(file));
		assert.ok(message.includes(problem.movedTo));
		assert.ok(!message.includes(token));

		// No valid credentials, and the store works for a fresh login.
		assert.deepEqual(store.profileNames(), []);
		store.saveProfile('default', {token: 'fresh'});
		assert.deepEqual(openSettings(env).getProfile('default'), {token: 'fresh'});
		assert.equal(fs.readFileSync(problem.movedTo, 'utf8'), content);
	});
}

const wrongShapes = [
	{name: 'C07-3 {"auth": "oops"}', content: '{"auth": "oops"}', kept: {}},
	{name: '"profiles" not an object', content: '{"profiles":"x"}', kept: {profiles: {}}},
	{name: 'a list at the top level', content: '[1, 2]', kept: {}},
	{name: 'null at the top level', content: 'null', kept: {}},
	{
		name: 'a profile with a non-string token next to a good one',
		content: JSON.stringify({profiles: {bad: {token: 5}, good: {token: 'good-token'}, list: [token], odd: {token: 'x', extra: true}}, history: [1]}),
		kept: {profiles: {good: {token: 'good-token'}}, history: [1]},
	},
	{name: 'a byte-order mark before valid JSON', content: `\uFEFF${JSON.stringify({profiles: {default: {token}}})}`, kept: {profiles: {default: {token}}}},
];

for (const {name, content, kept} of wrongShapes) {
	test(`${name}: valid parts kept, original moved aside, no TypeError`, () => {
		const {directory, file, env} = tempConfig();
		fs.mkdirSync(directory);
		fs.writeFileSync(file, content);

		const store = openSettings(env);
		const problem = store.problem;
		assert.ok(problem);
		assert.equal(problem.kind, 'wrong-shape');
		assert.equal(problem.path, file);
		assert.equal(fs.readFileSync(problem.movedTo, 'utf8'), content);

		const message = describeSettingsProblem(problem);
		assert.ok(message.includes(file));
		assert.ok(message.includes(problem.movedTo));
		assert.ok(!message.includes(token));

		if (Object.keys(kept).length === 0) {
			assert.equal(fs.existsSync(file), false);
		} else {
			assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), kept);
			assert.equal(modeOf(file), 0o600);
		}

		const profiles = (kept as {profiles?: Record<string, unknown>}).profiles ?? {};
		assert.deepEqual(store.profileNames(), Object.keys(profiles).sort());
		for (const profile of store.profileNames()) {
			assert.equal(typeof store.getProfile(profile)?.token, 'string');
		}

		// Cleaned once: the next open finds nothing wrong.
		assert.equal(openSettings(env).problem, undefined);
	});
}

test('the reason names the bad entries, not their values', () => {
	const {directory, file, env} = tempConfig();
	fs.mkdirSync(directory);
	fs.writeFileSync(file, JSON.stringify({auth: token, profiles: {bad: {token: 5}, worse: token}}));
	const problem = openSettings(env).problem;
	assert.ok(problem);
	assert.match(problem.reason, /unknown setting "auth"/);
	assert.match(problem.reason, /profile "bad" has a token that is a number/);
	assert.match(problem.reason, /profile "worse" is a string/);
	assert.ok(!problem.reason.includes(token));
});

test('a second corrupt file never overwrites the first copy', () => {
	const {directory, file, env} = tempConfig();
	fs.mkdirSync(directory);
	fs.writeFileSync(file, '{"first"');
	const first = openSettings(env).problem;
	fs.writeFileSync(file, '{"second"');
	const second = openSettings(env).problem;

	assert.ok(first && second);
	assert.notEqual(first.movedTo, second.movedTo);
	assert.equal(corruptCopies(directory).length, 2);
	assert.equal(fs.readFileSync(first.movedTo, 'utf8'), '{"first"');
	assert.equal(fs.readFileSync(second.movedTo, 'utf8'), '{"second"');
});

test('a file corrupted while the store is open gives a SettingsError, not a SyntaxError', () => {
	const {file, env} = tempConfig();
	const store = openSettings(env);
	store.saveProfile('default', {token});
	fs.writeFileSync(file, '{"profiles":');
	assert.throws(() => store.getProfile('default'), (error: unknown) => error instanceof SettingsError && error.path === file && !error.message.includes(token));
	assert.throws(() => store.saveProfile('default', {token}), SettingsError);
});

test('a cut-off file says where the JSON breaks without quoting it', () => {
	const {directory, file, env} = tempConfig();
	fs.mkdirSync(directory);
	fs.writeFileSync(file, `{"profiles":{"default":{"token":"${token}`);
	const problem = openSettings(env).problem;
	assert.ok(problem);
	assert.match(problem.reason, /not valid JSON \(error at (character|line) \d+/);
	assert.ok(!problem.reason.includes(token));
});
