import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseAvailableRoles, parseConnection, parseConnectionList, parseOrganizationList, ShapeError} from '../../source/api/shape.js';

const custom = '11111111-2222-4333-8444-555555555555';

function shapeError(where: string) {
	return (error: unknown) => {
		assert.ok(error instanceof ShapeError, `expected a ShapeError, got ${String(error)}`);
		assert.equal(error.where, where);
		return true;
	};
}

describe('parseConnection', () => {
	test('C15 step 3: fields the API adds (created_at, id) are dropped', () => {
		const parsed = parseConnection({
			id: 'c0ffee00-0000-4000-8000-000000000000',
			created_at: '2024-03-18T09:12:44.518Z',
			updated_at: '2024-05-01T10:00:00Z',
			connection_name: 'acme-okta',
			default_role: 'devops',
			enforce_group_sync: true,
			group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps'], [custom]: ['SecOps']},
		});
		assert.deepEqual(parsed, {
			connection_name: 'acme-okta',
			default_role: 'devops',
			enforce_group_sync: true,
			group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps'], [custom]: ['SecOps']},
		});
		assert.deepEqual(Object.keys(parsed), ['connection_name', 'default_role', 'enforce_group_sync', 'group_mappings']);
	});

	test('a missing enforce_group_sync is unknown, not false', () => {
		const parsed = parseConnection({connection_name: 'old', default_role: 'viewer', group_mappings: {}});
		assert.equal(parsed.enforce_group_sync, undefined);
		assert.equal('enforce_group_sync' in parsed, true);
	});

	test('a null enforce_group_sync is unknown too', () => {
		assert.equal(parseConnection({connection_name: 'old', default_role: 'viewer', enforce_group_sync: null, group_mappings: {}}).enforce_group_sync, undefined);
	});

	test('false stays false', () => {
		assert.equal(parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: false, group_mappings: {}}).enforce_group_sync, false);
	});

	test('a non-boolean enforce_group_sync is refused', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: 'true', group_mappings: {}}),
			shapeError('connection.enforce_group_sync'),
		);
	});

	test('group_mappings null is refused', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: null}),
			shapeError('connection.group_mappings'),
		);
	});

	test('group_mappings as a string is refused', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: '{"admin":["A"]}'}),
			shapeError('connection.group_mappings'),
		);
	});

	test('group_mappings as a list is refused', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: [['admin', ['A']]]}),
			shapeError('connection.group_mappings'),
		);
	});

	test('a role whose groups are not a list of strings is refused, naming the role', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: {admin: 'Platform-Admins'}}),
			shapeError('connection.group_mappings.admin'),
		);
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: {devops: ['A', 7]}}),
			shapeError('connection.group_mappings.devops'),
		);
	});

	test('missing name or default role is refused', () => {
		assert.throws(() => parseConnection({default_role: 'viewer', group_mappings: {}}), shapeError('connection.connection_name'));
		assert.throws(() => parseConnection({connection_name: 'c', default_role: 3, group_mappings: {}}), shapeError('connection.default_role'));
	});

	test('a body that is not an object is refused', () => {
		assert.throws(() => parseConnection([]), shapeError('connection'));
		assert.throws(() => parseConnection('<html>'), shapeError('connection'));
		assert.throws(() => parseConnection(null), shapeError('connection'));
	});

	test('the message says where and what was expected', () => {
		assert.throws(
			() => parseConnection({connection_name: 'c', default_role: 'viewer', group_mappings: null}),
			{name: 'ShapeError', message: 'connection.group_mappings should be an object of role → list of group names'},
		);
	});

	test('the group lists are copies', () => {
		const groups = ['A'];
		const parsed = parseConnection({connection_name: 'c', default_role: 'viewer', enforce_group_sync: true, group_mappings: {admin: groups}});
		groups.push('B');
		assert.deepEqual(parsed.group_mappings.admin, ['A']);
	});
});

describe('list parsers', () => {
	test('organizations keep id and name only', () => {
		assert.deepEqual(
			parseOrganizationList({results: [{id: 'o1', name: 'Acme Corp', created_at: 'x', plan: 'TEAM'}, {id: 'o2', name: 'Globex'}]}),
			[{id: 'o1', name: 'Acme Corp'}, {id: 'o2', name: 'Globex'}],
		);
	});

	test('roles keep id and name only', () => {
		assert.deepEqual(parseAvailableRoles({results: [{id: 'r1', name: 'Admin', description: 'd'}]}), [{id: 'r1', name: 'Admin'}]);
	});

	test('an empty list is fine', () => {
		assert.deepEqual(parseOrganizationList({results: []}), []);
	});

	test('a body without results is refused', () => {
		assert.throws(() => parseOrganizationList({}), shapeError('organization list.results'));
		assert.throws(() => parseAvailableRoles([]), shapeError('role list.results'));
		assert.throws(() => parseConnectionList({results: {}}), shapeError('connection list.results'));
	});

	test('a bad entry is refused, naming its index', () => {
		assert.throws(() => parseOrganizationList({results: [{id: 'o1', name: 'A'}, {id: 2, name: 'B'}]}), shapeError('organization list.results[1].id'));
		assert.throws(() => parseAvailableRoles({results: ['Admin']}), shapeError('role list.results[0]'));
	});

	test('connections in a list are parsed like one connection', () => {
		assert.deepEqual(
			parseConnectionList({results: [{connection_name: 'a', default_role: 'viewer', group_mappings: {}, created_at: 'x'}]}),
			[{connection_name: 'a', default_role: 'viewer', enforce_group_sync: undefined, group_mappings: {}}],
		);
		assert.throws(
			() => parseConnectionList({results: [{connection_name: 'a', default_role: 'viewer', group_mappings: {}}, {connection_name: 'b', default_role: 'viewer', group_mappings: null}]}),
			shapeError('connection list.results[1].group_mappings'),
		);
	});
});
