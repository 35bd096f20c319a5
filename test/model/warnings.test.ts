import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {buildPutBody} from '../../source/model/body.js';
import type {LoadedConnection} from '../../source/model/connection.js';
import {applyEdit, applyEdits, type Draft, draftFromConnection} from '../../source/model/draft.js';
import {checkGroupName, parseGroupEntry} from '../../source/model/groups.js';
import {RoleCatalog} from '../../source/model/roles.js';
import {needsTypedConfirmation, type Warning, warningsFor} from '../../source/model/warnings.js';

const auditor = '5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d';
const deleted = '9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d';
const catalog = new RoleCatalog([
	{id: '10000000-0000-4000-8000-000000000001', name: 'Admin'},
	{id: '10000000-0000-4000-8000-000000000002', name: 'DevOps'},
	{id: '10000000-0000-4000-8000-000000000003', name: 'Billing'},
	{id: '10000000-0000-4000-8000-000000000004', name: 'Viewer'},
	{id: auditor, name: 'Security Auditor'},
]);

function draft(overrides: Partial<Draft> = {}): Draft {
	return {defaultRole: 'viewer', enforceGroupSync: true, mappings: {admin: ['Platform-Admins'], devops: ['DevOps']}, ...overrides};
}

function codes(value: Draft): Array<Warning['code']> {
	return warningsFor(value, catalog).map(warning => warning.code);
}

function only(value: Draft, code: Warning['code']): Warning[] {
	return warningsFor(value, catalog).filter(warning => warning.code === code);
}

test('a sound draft has no warning at all', () => {
	assert.deepEqual(warningsFor(draft(), catalog), []);
});

describe('admin-lockout', () => {
	test('sync on and no group maps to admin: danger, typed confirmation, names the default role', () => {
		const [warning, ...rest] = only(draft({mappings: {devops: ['DevOps']}}), 'admin-lockout');
		assert.ok(warning);
		assert.equal(rest.length, 0);
		assert.equal(warning.severity, 'danger');
		assert.match(warning.message, /no IdP group maps to admin/);
		assert.match(warning.message, /loses admin/);
		assert.match(warning.message, /Viewer/);
		assert.equal(needsTypedConfirmation(warningsFor(draft({mappings: {devops: ['DevOps']}}), catalog)), true);
	});

	test('an admin mapping with no group left counts as no admin mapping', () => {
		assert.ok(codes(draft({mappings: {admin: [], devops: ['DevOps']}})).includes('admin-lockout'));
	});

	test('not raised when a group maps to admin, when sync is off or unknown, or when the default role is admin', () => {
		assert.ok(!codes(draft()).includes('admin-lockout'));
		assert.ok(!codes(draft({enforceGroupSync: false, mappings: {devops: ['DevOps']}})).includes('admin-lockout'));
		assert.ok(!codes(draft({enforceGroupSync: undefined, mappings: {devops: ['DevOps']}})).includes('admin-lockout'));
		// Users in no mapped group still become admin: nobody is locked out.
		assert.ok(!codes(draft({defaultRole: 'admin', mappings: {devops: ['DevOps']}})).includes('admin-lockout'));
		assert.equal(needsTypedConfirmation(warningsFor(draft(), catalog)), false);
	});
});

describe('sync-without-mappings', () => {
	test('sync on with no mapping at all: every user gets the default role (and admins are locked out)', () => {
		const value = draft({mappings: {}});
		const [warning] = only(value, 'sync-without-mappings');
		assert.ok(warning);
		assert.match(warning.message, /every SSO user gets the default role \(Viewer\)/);
		assert.ok(codes(value).includes('admin-lockout'));
		assert.equal(needsTypedConfirmation(warningsFor(value, catalog)), true);
	});

	test('mappings that all lost their groups count as none', () => {
		assert.ok(codes(draft({mappings: {admin: [], devops: []}})).includes('sync-without-mappings'));
	});

	test('not raised with a mapping or with sync off', () => {
		assert.ok(!codes(draft()).includes('sync-without-mappings'));
		assert.ok(!codes(draft({enforceGroupSync: false, mappings: {}})).includes('sync-without-mappings'));
	});
});

describe('default-role-admin', () => {
	test('the default role is admin', () => {
		const [warning] = only(draft({defaultRole: 'admin'}), 'default-role-admin');
		assert.ok(warning);
		assert.equal(warning.severity, 'caution');
		assert.match(warning.message, /becomes admin/);
	});

	test('not raised for another default role', () => {
		assert.ok(!codes(draft({defaultRole: 'devops'})).includes('default-role-admin'));
	});
});

describe('group-in-several-roles', () => {
	test('a group under two or more roles names every role', () => {
		const warnings = only(draft({mappings: {admin: ['Platform-Admins', 'Ops'], devops: ['Ops'], [auditor]: ['Ops']}}), 'group-in-several-roles');
		assert.equal(warnings.length, 1);
		assert.match(warnings[0]!.message, /"Ops"/);
		assert.match(warnings[0]!.message, /Admin, DevOps, Security Auditor/);
	});

	test('not raised for distinct groups, nor for names that differ by case across roles', () => {
		assert.ok(!codes(draft()).includes('group-in-several-roles'));
		assert.ok(!codes(draft({mappings: {admin: ['Ops'], devops: ['ops']}})).includes('group-in-several-roles'));
	});
});

describe('case-variants', () => {
	test('names under one role that differ only by letter case', () => {
		const [warning, ...rest] = only(draft({mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'devops', 'DEVOPS']}}), 'case-variants');
		assert.ok(warning);
		assert.equal(rest.length, 0);
		assert.match(warning.message, /Under DevOps, "DevOps" and "devops" and "DEVOPS"/);
	});

	test('names under one role that differ only by surrounding spaces or by the kind of inner space', () => {
		assert.ok(codes(draft({mappings: {admin: ['Platform-Admins'], devops: ['DevOps', ' DevOps']}})).includes('case-variants'));
		assert.ok(codes(draft({mappings: {admin: ['Platform Admins', 'Platform\u00A0Admins']}})).includes('case-variants'));
	});

	test('not raised for different names, for the same name under different roles, or for an exact repeat', () => {
		assert.ok(!codes(draft({mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'DevSecOps']}})).includes('case-variants'));
		assert.ok(!codes(draft({mappings: {admin: ['devops'], devops: ['DevOps']}})).includes('case-variants'));
		const repeat = draft({mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'DevOps']}});
		assert.ok(!codes(repeat).includes('case-variants'));
		assert.match(only(repeat, 'duplicate-group')[0]?.message ?? '', /"DevOps" is listed 2 times/);
		assert.ok(!codes(draft()).includes('duplicate-group'));
	});
});

describe('surrounding-spaces and unusual-spaces', () => {
	test('a stored name with surrounding whitespace never matches', () => {
		const [warning] = only(draft({mappings: {admin: ['Platform-Admins '], devops: ['DevOps']}}), 'surrounding-spaces');
		assert.match(warning?.message ?? '', /"Platform-Admins " starts or ends with a space/);
	});

	test('a name with a non-breaking space is flagged', () => {
		const [warning] = only(draft({mappings: {admin: ['Platform\u00A0Admins']}}), 'unusual-spaces');
		assert.match(warning?.message ?? '', /unusual space/);
	});

	test('inner plain spaces, commas, unicode and GUIDs are valid names and raise nothing', () => {
		const names = ['Platform Admins', 'Ops, EU', 'Équipe Sécurité', '運用チーム', '3f1c2a9e-6b7d-4e8f-a0b1-c2d3e4f5a6b7'];
		assert.deepEqual(warningsFor(draft({mappings: {admin: names}}), catalog), []);
		for (const name of names) {
			assert.equal(checkGroupName(name), undefined, name);
		}
	});
});

describe('unknown-role and unknown-default-role', () => {
	test('a mapping for a role key the organization no longer has', () => {
		const [warning] = only(draft({mappings: {admin: ['Platform-Admins'], [deleted]: ['Old-Team']}}), 'unknown-role');
		assert.match(warning?.message ?? '', new RegExp(`role key ${deleted}, which is no longer`));
	});

	test('not raised for basic roles, custom roles that exist, or an emptied unknown mapping (dropped when sent)', () => {
		assert.ok(!codes(draft({mappings: {admin: ['Platform-Admins'], [auditor]: ['SecOps']}})).includes('unknown-role'));
		assert.ok(!codes(draft({mappings: {admin: ['Platform-Admins'], [deleted]: []}})).includes('unknown-role'));
	});

	test('a default role the organization does not have', () => {
		assert.ok(codes(draft({defaultRole: deleted})).includes('unknown-default-role'));
		assert.ok(!codes(draft({defaultRole: auditor})).includes('unknown-default-role'));
	});
});

describe('sync-off-mappings-ignored', () => {
	test('sync off with mappings: a note, not a confirmation', () => {
		const warnings = warningsFor(draft({enforceGroupSync: false}), catalog);
		const [note] = warnings.filter(warning => warning.code === 'sync-off-mappings-ignored');
		assert.equal(note?.severity, 'note');
		assert.match(note?.message ?? '', /ignores the group mappings/);
		assert.equal(needsTypedConfirmation(warnings), false);
	});

	test('not raised with sync on, or with nothing mapped', () => {
		assert.ok(!codes(draft()).includes('sync-off-mappings-ignored'));
		assert.ok(!codes(draft({enforceGroupSync: false, mappings: {}})).includes('sync-off-mappings-ignored'));
	});
});

describe('C11: stray whitespace and case variants in group names', () => {
	const typed = [' Platform-Admins', 'DevOps ', 'DevOps', 'devops', 'Platform\u00A0Admins', ''];

	test('entered one by one: trimmed, merged, empty refused, variants kept as typed', () => {
		let groups: string[] = [];
		let duplicates = 0;
		for (const entry of typed) {
			const parsed = parseGroupEntry(entry, groups);
			assert.deepEqual(parsed.rejected, [], entry);
			groups = [...groups, ...parsed.groups];
			duplicates += parsed.duplicates;
			if (entry === '') {
				assert.deepEqual(parsed.groups, [], 'an empty entry adds nothing');
			}
		}

		assert.deepEqual(groups, ['Platform-Admins', 'DevOps', 'devops', 'Platform\u00A0Admins']);
		assert.equal(duplicates, 1, '"DevOps" after trimming is merged into "DevOps "');
		assert.equal(checkGroupName(''), 'a group name cannot be empty');
		assert.equal(checkGroupName('   '), 'a group name cannot be empty');
		assert.match(parseGroupEntry('Dev\u0007Ops').rejected[0]?.reason ?? '', /control characters/);
	});

	test('pasted at once: the same list', () => {
		const parsed = parseGroupEntry(typed.join('\n'));
		assert.deepEqual(parsed.groups, ['Platform-Admins', 'DevOps', 'devops', 'Platform\u00A0Admins']);
		assert.deepEqual(parsed.rejected, []);
		assert.equal(parsed.duplicates, 1);
	});

	test('the preview flags the case variants and the unusual space; the body is clean', () => {
		const loaded: LoadedConnection = {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: false, group_mappings: {}};
		const {groups} = parseGroupEntry(typed.join('\n'));
		const value = applyEdit(draftFromConnection(loaded), {type: 'add-groups', role: 'devops', groups});
		const warnings = warningsFor(value, catalog);
		const caseVariants = warnings.filter(warning => warning.code === 'case-variants');
		assert.equal(caseVariants.length, 1);
		assert.match(caseVariants[0]!.message, /"DevOps" and "devops"/);
		assert.match(warnings.find(warning => warning.code === 'unusual-spaces')?.message ?? '', /Platform\u00A0Admins/);
		assert.ok(!warnings.some(warning => warning.code === 'surrounding-spaces' || warning.code === 'duplicate-group'));

		const body = buildPutBody(loaded, value);
		for (const list of Object.values(body.group_mappings)) {
			assert.equal(new Set(list).size, list.length, 'no duplicates');
			for (const name of list) {
				assert.equal(name, name.trim(), `"${name}" has no surrounding whitespace`);
			}
		}
	});
});

describe('C13: turning on enforced group sync locks the admins out', () => {
	const c13: LoadedConnection = {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: false, group_mappings: {devops: ['DevOps']}};

	test('turning sync on and nothing else: admin-lockout danger naming viewer', () => {
		const warnings = warningsFor(applyEdits(c13, [{type: 'set-group-sync', enabled: true}]), catalog);
		const lockout = warnings.find(warning => warning.code === 'admin-lockout');
		assert.equal(lockout?.severity, 'danger');
		assert.match(lockout?.message ?? '', /viewer/i);
		assert.match(lockout?.message ?? '', /admins included/);
		assert.equal(needsTypedConfirmation(warnings), true);
	});

	test('as loaded (sync off), only the note: nothing to confirm', () => {
		const warnings = warningsFor(draftFromConnection(c13), catalog);
		assert.deepEqual(warnings.map(warning => warning.code), ['sync-off-mappings-ignored']);
	});

	test('variant: removing the admin mapping while sync stays on', () => {
		const on: LoadedConnection = {...c13, enforce_group_sync: true, group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps']}};
		assert.ok(!codes(draftFromConnection(on)).includes('admin-lockout'));
		const warnings = warningsFor(applyEdits(on, [{type: 'remove-mapping', role: 'admin'}]), catalog);
		assert.ok(warnings.some(warning => warning.code === 'admin-lockout' && warning.severity === 'danger'));
		const emptied = warningsFor(applyEdits(on, [{type: 'remove-group', role: 'admin', group: 'Platform-Admins'}]), catalog);
		assert.ok(emptied.some(warning => warning.code === 'admin-lockout'));
	});

	test('variant: turning sync off shows the note that mappings are ignored', () => {
		const on: LoadedConnection = {...c13, enforce_group_sync: true};
		const warnings = warningsFor(applyEdits(on, [{type: 'set-group-sync', enabled: false}]), catalog);
		assert.deepEqual(warnings.map(warning => [warning.code, warning.severity]), [['sync-off-mappings-ignored', 'note']]);
	});
});
