import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {bodyFromLoaded, buildPutBody, IncompleteDraftError} from '../../source/model/body.js';
import type {LoadedConnection} from '../../source/model/connection.js';
import {applyEdit, applyEdits, draftFromConnection, type Edit} from '../../source/model/draft.js';

const custom = '11111111-2222-4333-8444-555555555555';

function connection(): LoadedConnection {
	return {
		connection_name: 'acme-okta',
		default_role: 'viewer',
		enforce_group_sync: true,
		group_mappings: {
			admin: ['Platform-Admins'],
			devops: ['DevOps', 'SRE'],
			[custom]: ['SecOps'],
		},
	};
}

describe('applyEdit, one edit of each type', () => {
	const base = draftFromConnection(connection());

	test('set-default-role', () => {
		assert.deepEqual(applyEdit(base, {type: 'set-default-role', role: 'devops'}), {...base, defaultRole: 'devops'});
	});

	test('set-group-sync', () => {
		assert.deepEqual(applyEdit(base, {type: 'set-group-sync', enabled: false}), {...base, enforceGroupSync: false});
	});

	test('add-groups appends new groups after the existing ones, skipping those present', () => {
		const next = applyEdit(base, {type: 'add-groups', role: 'devops', groups: ['SRE', 'Platform']});
		assert.deepEqual(next.mappings.devops, ['DevOps', 'SRE', 'Platform']);
	});

	test('add-groups on a new role creates its mapping', () => {
		const next = applyEdit(base, {type: 'add-groups', role: 'billing', groups: ['Finance']});
		assert.deepEqual(next.mappings, {...base.mappings, billing: ['Finance']});
		assert.deepEqual(Object.keys(next.mappings), ['admin', 'devops', custom, 'billing']);
	});

	test('add-groups with no groups on a new role creates an empty mapping', () => {
		const next = applyEdit(base, {type: 'add-groups', role: 'billing', groups: []});
		assert.deepEqual(next.mappings.billing, []);
	});

	test('add-groups adding nothing new to an existing role leaves the draft as is', () => {
		assert.equal(applyEdit(base, {type: 'add-groups', role: 'devops', groups: ['SRE']}), base);
	});

	test('remove-group removes that group only', () => {
		const next = applyEdit(base, {type: 'remove-group', role: 'devops', group: 'DevOps'});
		assert.deepEqual(next.mappings.devops, ['SRE']);
		assert.deepEqual(next.mappings.admin, ['Platform-Admins']);
	});

	test('remove-group of a group not there leaves the draft as is', () => {
		assert.equal(applyEdit(base, {type: 'remove-group', role: 'devops', group: 'Nope'}), base);
		assert.equal(applyEdit(base, {type: 'remove-group', role: 'billing', group: 'Nope'}), base);
	});

	test('remove-mapping drops the role', () => {
		const next = applyEdit(base, {type: 'remove-mapping', role: 'devops'});
		assert.deepEqual(next.mappings, {admin: ['Platform-Admins'], [custom]: ['SecOps']});
	});

	test('remove-mapping of a role not mapped leaves the draft as is', () => {
		assert.equal(applyEdit(base, {type: 'remove-mapping', role: 'billing'}), base);
	});

	test('set-mappings replaces all mappings with a copy', () => {
		const mappings = {viewer: ['All Staff']};
		const next = applyEdit(base, {type: 'set-mappings', mappings});
		assert.deepEqual(next.mappings, {viewer: ['All Staff']});
		mappings.viewer.push('Later');
		assert.deepEqual(next.mappings, {viewer: ['All Staff']});
	});
});

describe('applyEdits', () => {
	const edits: Edit[] = [
		{type: 'set-default-role', role: 'devops'},
		{type: 'add-groups', role: 'admin', groups: ['Owners']},
		{type: 'remove-group', role: 'devops', group: 'SRE'},
		{type: 'remove-mapping', role: custom},
	];

	test('applies the edits in order on the loaded connection', () => {
		assert.deepEqual(applyEdits(connection(), edits), {
			defaultRole: 'devops',
			enforceGroupSync: true,
			mappings: {admin: ['Platform-Admins', 'Owners'], devops: ['DevOps']},
		});
	});

	test('no edits give the loaded connection as a draft', () => {
		assert.deepEqual(applyEdits(connection(), []), {
			defaultRole: 'viewer',
			enforceGroupSync: true,
			mappings: connection().group_mappings,
		});
	});

	test('the same edits replay on a base changed meanwhile (drift reload)', () => {
		const changed: LoadedConnection = {
			...connection(),
			enforce_group_sync: false,
			group_mappings: {admin: ['Platform-Admins', 'Break-Glass'], devops: ['DevOps', 'SRE', 'Oncall'], viewer: ['All Staff']},
		};
		assert.deepEqual(applyEdits(changed, edits), {
			defaultRole: 'devops',
			enforceGroupSync: false,
			mappings: {admin: ['Platform-Admins', 'Break-Glass', 'Owners'], devops: ['DevOps', 'Oncall'], viewer: ['All Staff']},
		});
	});

	test('the loaded connection is never mutated', () => {
		const loaded = connection();
		const before = structuredClone(loaded);
		const draft = applyEdits(loaded, [...edits, {type: 'add-groups', role: 'devops', groups: ['X']}]);
		draft.mappings.admin!.push('Mutated-After');
		assert.deepEqual(loaded, before);
	});
});

describe('buildPutBody', () => {
	test('C15 step 1: only default_role changes; all four fields, in order, the rest as loaded', () => {
		const loaded = connection();
		const body = buildPutBody(loaded, applyEdits(loaded, [{type: 'set-default-role', role: 'devops'}]));
		assert.deepEqual(Object.keys(body), ['connection_name', 'default_role', 'enforce_group_sync', 'group_mappings']);
		assert.equal(body.default_role, 'devops');
		assert.equal(body.connection_name, loaded.connection_name);
		assert.equal(body.enforce_group_sync, loaded.enforce_group_sync);
		assert.deepEqual(body.group_mappings, loaded.group_mappings);
		assert.equal(
			JSON.stringify(body),
			`{"connection_name":"acme-okta","default_role":"devops","enforce_group_sync":true,"group_mappings":{"admin":["Platform-Admins"],"devops":["DevOps","SRE"],"${custom}":["SecOps"]}}`,
		);
	});

	test('the body does not share arrays with the draft', () => {
		const loaded = connection();
		const draft = applyEdits(loaded, []);
		const body = buildPutBody(loaded, draft);
		draft.mappings.admin!.push('Later');
		assert.deepEqual(body.group_mappings.admin, ['Platform-Admins']);
	});

	test('C15 step 2: an unknown sync value not chosen refuses to build a body', () => {
		const loaded: LoadedConnection = {...connection(), enforce_group_sync: undefined};
		assert.throws(
			() => buildPutBody(loaded, applyEdits(loaded, [{type: 'set-default-role', role: 'devops'}])),
			(error: unknown) => error instanceof IncompleteDraftError && error.field === 'enforce_group_sync',
		);
	});

	test('an unknown sync value once chosen builds the body', () => {
		const loaded: LoadedConnection = {...connection(), enforce_group_sync: undefined};
		const body = buildPutBody(loaded, applyEdits(loaded, [{type: 'set-group-sync', enabled: false}]));
		assert.equal(body.enforce_group_sync, false);
	});

	test('bodyFromLoaded puts the connection back as loaded, or nothing when sync is unknown', () => {
		assert.deepEqual(bodyFromLoaded(connection()), connection());
		assert.equal(bodyFromLoaded({...connection(), enforce_group_sync: undefined}), undefined);
	});
});
