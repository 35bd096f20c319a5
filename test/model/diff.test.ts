import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {LoadedConnection} from '../../source/model/connection.js';
import {diffConnection, isEmptyDiff, sameConnection} from '../../source/model/diff.js';
import {applyEdits, draftFromConnection, type Edit} from '../../source/model/draft.js';
import {RoleCatalog} from '../../source/model/roles.js';
import {diffLines, formatLines, type Line, roleLabel, syncLabel, wrapLines} from '../../source/present/diff-lines.js';

const auditor = '5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d';
const release = '7e2f8b3c-9d4a-4b0f-8c1e-2a3b4c5d6e7f';
const deleted = '9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d';

const catalog = new RoleCatalog([
	{id: 'b-1', name: 'Admin'},
	{id: 'b-2', name: 'DevOps'},
	{id: 'b-3', name: 'Billing'},
	{id: 'b-4', name: 'Viewer'},
	{id: auditor, name: 'Security Auditor'},
	{id: release, name: 'Release Manager'},
]);

const ascii = {arrow: '->', warning: '!'};

function loaded(): LoadedConnection {
	return {
		connection_name: 'acme-okta',
		default_role: 'viewer',
		enforce_group_sync: false,
		group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'SRE'], [auditor]: ['SecOps']},
	};
}

const diffOf = (edits: Edit[], base = loaded()) => diffConnection(base, applyEdits(base, edits));

describe('diffConnection', () => {
	test('no edits: empty diff', () => {
		const diff = diffOf([]);
		assert.deepEqual(diff, {roles: []});
		assert.equal(isEmptyDiff(diff), true);
	});

	test('default role change', () => {
		const diff = diffOf([{type: 'set-default-role', role: 'devops'}]);
		assert.deepEqual(diff, {defaultRole: {before: 'viewer', after: 'devops'}, roles: []});
		assert.equal(isEmptyDiff(diff), false);
	});

	test('sync off to on', () => {
		assert.deepEqual(diffOf([{type: 'set-group-sync', enabled: true}]), {groupSync: {before: false, after: true}, roles: []});
	});

	test('sync unknown to a chosen value', () => {
		const base = {...loaded(), enforce_group_sync: undefined};
		assert.deepEqual(diffOf([{type: 'set-group-sync', enabled: false}], base), {groupSync: {before: undefined, after: false}, roles: []});
	});

	test('sync unknown and left unknown is no change', () => {
		assert.equal(isEmptyDiff(diffOf([], {...loaded(), enforce_group_sync: undefined})), true);
	});

	test('an added role lists its groups as added', () => {
		assert.deepEqual(diffOf([{type: 'add-groups', role: release, groups: ['Releasers', 'Leads']}]).roles, [
			{role: release, status: 'added', addedGroups: ['Releasers', 'Leads'], removedGroups: [], reordered: false},
		]);
	});

	test('a removed role lists its groups as removed', () => {
		assert.deepEqual(diffOf([{type: 'remove-mapping', role: 'devops'}]).roles, [
			{role: 'devops', status: 'removed', addedGroups: [], removedGroups: ['DevOps', 'SRE'], reordered: false},
		]);
	});

	test('a changed role lists added and removed groups', () => {
		const diff = diffOf([
			{type: 'add-groups', role: 'devops', groups: ['Oncall']},
			{type: 'remove-group', role: 'devops', group: 'SRE'},
		]);
		assert.deepEqual(diff.roles, [{role: 'devops', status: 'changed', addedGroups: ['Oncall'], removedGroups: ['SRE'], reordered: false}]);
	});

	test('the same groups in another order is a reorder', () => {
		const diff = diffOf([{type: 'set-mappings', mappings: {...loaded().group_mappings, devops: ['SRE', 'DevOps']}}]);
		assert.deepEqual(diff.roles, [{role: 'devops', status: 'changed', addedGroups: [], removedGroups: [], reordered: true}]);
		assert.equal(isEmptyDiff(diff), false);
	});

	test('the same mappings with the roles in another order is no change', () => {
		const {admin, devops} = loaded().group_mappings;
		const diff = diffOf([{type: 'set-mappings', mappings: {[auditor]: ['SecOps'], devops: devops!, admin: admin!}}]);
		assert.deepEqual(diff, {roles: []});
	});

	test('roles come in loaded order, then new ones in draft order', () => {
		const diff = diffOf([
			{type: 'add-groups', role: 'billing', groups: ['Finance']},
			{type: 'remove-mapping', role: auditor},
			{type: 'add-groups', role: 'admin', groups: ['Owners']},
		]);
		assert.deepEqual(diff.roles.map(change => [change.role, change.status]), [['admin', 'changed'], [auditor, 'removed'], ['billing', 'added']]);
	});
});

describe('sameConnection', () => {
	test('equal connections are the same', () => {
		assert.equal(sameConnection(loaded(), loaded()), true);
	});

	test('each field counts, mapping order included', () => {
		assert.equal(sameConnection(loaded(), {...loaded(), connection_name: 'other'}), false);
		assert.equal(sameConnection(loaded(), {...loaded(), default_role: 'admin'}), false);
		assert.equal(sameConnection(loaded(), {...loaded(), enforce_group_sync: undefined}), false);
		assert.equal(sameConnection(loaded(), {...loaded(), group_mappings: {...loaded().group_mappings, devops: ['SRE', 'DevOps']}}), false);
		const {admin, devops} = loaded().group_mappings;
		assert.equal(sameConnection(loaded(), {...loaded(), group_mappings: {devops: devops!, admin: admin!, [auditor]: ['SecOps']}}), false);
	});
});

describe('diffLines and formatLines', () => {
	test('every kind of change, with markers, role names and the arrow', () => {
		const base = {...loaded(), group_mappings: {...loaded().group_mappings, [deleted]: ['Old-Team']}};
		const diff = diffOf([
			{type: 'set-default-role', role: release},
			{type: 'set-group-sync', enabled: true},
			{type: 'add-groups', role: 'devops', groups: ['Oncall']},
			{type: 'remove-group', role: 'devops', group: 'SRE'},
			{type: 'remove-mapping', role: deleted},
			{type: 'add-groups', role: 'billing', groups: ['Finance']},
		], base);
		assert.equal(formatLines(diffLines(diff, catalog, ascii)), [
			`~ default role: Viewer -> Release Manager (${release})`,
			'~ enforce group sync: off -> on',
			'~ DevOps:',
			'    + Oncall',
			'    - SRE',
			`- unknown role ${deleted}: mapping removed`,
			'    - Old-Team',
			'+ Billing: new mapping',
			'    + Finance',
		].join('\n'));
	});

	test('tones follow the markers', () => {
		const lines = diffLines(diffOf([{type: 'remove-mapping', role: 'admin'}, {type: 'add-groups', role: 'viewer', groups: ['All']}]), catalog, ascii);
		assert.deepEqual(lines.map(line => [line.marker, line.tone]), [['-', 'removed'], ['-', 'removed'], ['+', 'added'], ['+', 'added']]);
	});

	test('a reorder says so', () => {
		const diff = diffOf([{type: 'set-mappings', mappings: {...loaded().group_mappings, devops: ['SRE', 'DevOps']}}]);
		assert.equal(formatLines(diffLines(diff, catalog, {arrow: '→', warning: '⚠'})), '~ DevOps: same groups, new order');
	});

	test('unknown sync reads "unknown", and the unicode arrow is used when given', () => {
		const diff = diffOf([{type: 'set-group-sync', enabled: true}], {...loaded(), enforce_group_sync: undefined});
		assert.equal(formatLines(diffLines(diff, catalog, {arrow: '→', warning: '⚠'})), '~ enforce group sync: unknown → on');
	});

	test('an empty diff gives no lines', () => {
		assert.deepEqual(diffLines(diffOf([]), catalog, ascii), []);
		assert.equal(formatLines([]), '');
	});

	test('roleLabel and syncLabel', () => {
		assert.equal(roleLabel(catalog, 'admin'), 'Admin');
		assert.equal(roleLabel(catalog, auditor), `Security Auditor (${auditor})`);
		assert.equal(roleLabel(catalog, deleted), `unknown role ${deleted}`);
		assert.deepEqual([true, false, undefined].map(syncLabel), ['on', 'off', 'unknown']);
	});

	test('the draft of a connection diffs to nothing against it', () => {
		assert.equal(isEmptyDiff(diffConnection(loaded(), draftFromConnection(loaded()))), true);
	});
});

describe('wrapLines', () => {
	test('short lines are kept as they are', () => {
		const lines: Line[] = [{marker: '+', text: 'short', tone: 'added', indent: 4}];
		assert.deepEqual(wrapLines(lines, 40), lines);
	});

	test('a long line splits at spaces, continuations keep indent and get a blank marker', () => {
		const lines: Line[] = [{marker: '!', text: 'one two three four five six seven', tone: 'caution', indent: 2}];
		// Room: 20 - 2 indent - 2 for "! " = 16.
		assert.deepEqual(wrapLines(lines, 20), [
			{marker: '!', text: 'one two three', tone: 'caution', indent: 2},
			{marker: ' ', text: 'four five six', tone: 'caution', indent: 2},
			{marker: ' ', text: 'seven', tone: 'caution', indent: 2},
		]);
	});

	test('every wrapped row fits the width', () => {
		const text = 'Group sync is enforced and no IdP group maps to admin: at their next sign-in every SSO user loses admin.';
		for (const line of wrapLines([{marker: '⚠', text, tone: 'danger'}], 30)) {
			assert.ok(`${line.marker} ${line.text}`.length <= 30, JSON.stringify(line));
		}
	});

	test('a word longer than the room is cut', () => {
		const text = 'x'.repeat(25);
		assert.deepEqual(wrapLines([{marker: '', text, tone: 'plain'}], 10).map(line => line.text), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
	});

	test('an unmarked line uses the whole width', () => {
		const text = 'aaaa bbbb cccc';
		assert.deepEqual(wrapLines([{marker: '', text, tone: 'plain'}], 10).map(line => line.text), ['aaaa bbbb', 'cccc']);
	});
});
