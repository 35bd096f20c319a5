/**
 * "Copy from another connection" as a pure model: another connection's
 * settings turned into a starting draft for this organization. Basic roles
 * carry over by key; custom roles, whose UUIDs differ between organizations,
 * are matched by name; a role with no single match stays out of the draft
 * until it is mapped to a role here or dropped.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {AvailableRole, LoadedConnection} from '../../source/model/connection.js';
import {applyEdits} from '../../source/model/draft.js';
import {RoleCatalog} from '../../source/model/roles.js';
import {resolveTemplateRole, type Template, templateEdits, templateFrom} from '../../source/model/template.js';

/** As GET availableRole lists them: the basic roles first, each with a UUID of its organization. */
function catalog(prefix: string, custom: AvailableRole[]): RoleCatalog {
	const basics = ['Admin', 'DevOps', 'Billing', 'Viewer'].map((name, index) => ({id: `${prefix}000000-0000-4000-8000-00000000000${index + 1}`, name}));
	return new RoleCatalog([...basics, ...custom]);
}

const source = {
	auditor: 'a0000000-0000-4000-8000-0000000000a1',
	release: 'a0000000-0000-4000-8000-0000000000a2',
	contractor: 'a0000000-0000-4000-8000-0000000000a3',
	deleted: 'a0000000-0000-4000-8000-0000000000ff',
};
const target = {
	auditor: 'b0000000-0000-4000-8000-0000000000b1',
	release: 'b0000000-0000-4000-8000-0000000000b2',
	scientist: 'b0000000-0000-4000-8000-0000000000b3',
	twinA: 'b0000000-0000-4000-8000-0000000000c1',
	twinB: 'b0000000-0000-4000-8000-0000000000c2',
};

const sourceRoles = catalog('a', [
	{id: source.auditor, name: 'Security Auditor'},
	{id: source.release, name: 'Release Manager'},
	{id: source.contractor, name: 'Contractor'},
]);
const targetRoles = catalog('b', [
	{id: target.auditor, name: 'Security Auditor'},
	{id: target.release, name: 'Release Manager'},
	{id: target.scientist, name: 'Data Scientist'},
]);

function connection(fields: Partial<LoadedConnection> = {}): LoadedConnection {
	return {connection_name: 'source-sso', default_role: 'viewer', enforce_group_sync: true, group_mappings: {}, ...fields};
}

/** The draft the template makes of a target connection, when it gives edits at all. */
function draftOf(template: Template, loaded: LoadedConnection) {
	const edits = templateEdits(template);
	assert.ok(edits, 'a resolved template gives edits');
	return applyEdits(loaded, edits);
}

const targetLoaded: LoadedConnection = {
	connection_name: 'target-sso',
	default_role: 'devops',
	enforce_group_sync: false,
	group_mappings: {admin: ['Target Admins'], billing: ['Finance']},
};

describe('templateFrom: basic roles', () => {
	test('basic roles carry over by key, with their groups, default role and sync flag', () => {
		const template = templateFrom(connection({
			default_role: 'billing',
			enforce_group_sync: false,
			group_mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'SRE'], viewer: ['All Staff']},
		}), sourceRoles, targetRoles);
		assert.deepEqual(template, {
			defaultRole: 'billing',
			enforceGroupSync: false,
			mappings: {admin: ['Platform-Admins'], devops: ['DevOps', 'SRE'], viewer: ['All Staff']},
			unresolved: [],
		});
	});

	test('a basic role carries over even when the target catalogue lists no role at all', () => {
		const template = templateFrom(connection({default_role: 'admin', group_mappings: {devops: ['Ops']}}), sourceRoles, new RoleCatalog([]));
		assert.equal(template.defaultRole, 'admin');
		assert.deepEqual(template.mappings, {devops: ['Ops']});
		assert.deepEqual(template.unresolved, []);
	});

	test('an unknown sync flag stays unknown and is not turned into an edit', () => {
		const template = templateFrom(connection({enforce_group_sync: undefined, group_mappings: {admin: ['A']}}), sourceRoles, targetRoles);
		assert.equal(template.enforceGroupSync, undefined);
		const edits = templateEdits(template)!;
		assert.equal(edits.some(edit => edit.type === 'set-group-sync'), false);
		assert.equal(draftOf(template, targetLoaded).enforceGroupSync, false, 'the target keeps its own value');
	});
});

describe('templateFrom: custom roles by name', () => {
	test('custom roles of the same names get the target organization\'s UUIDs', () => {
		const template = templateFrom(connection({
			group_mappings: {[source.auditor]: ['SecOps'], [source.release]: ['Releasers', 'Ship-It'], admin: ['Admins']},
		}), sourceRoles, targetRoles);
		assert.deepEqual(template.mappings, {
			[target.auditor]: ['SecOps'],
			[target.release]: ['Releasers', 'Ship-It'],
			admin: ['Admins'],
		});
		assert.deepEqual(template.unresolved, []);
		assert.equal(Object.keys(template.mappings).some(key => Object.values(source).includes(key)), false, 'no source UUID is left in the draft');
	});

	test('names match without regard to case or surrounding spaces', () => {
		const sloppy = catalog('a', [{id: source.auditor, name: '  security AUDITOR '}]);
		const template = templateFrom(connection({group_mappings: {[source.auditor]: ['SecOps']}}), sloppy, targetRoles);
		assert.deepEqual(template.mappings, {[target.auditor]: ['SecOps']});
		assert.deepEqual(template.unresolved, []);
	});

	test('a custom role only matches a custom role: a custom "Viewer" does not land on the basic viewer', () => {
		const customViewer = 'a0000000-0000-4000-8000-0000000000a9';
		const sourceWithViewer = catalog('a', [{id: customViewer, name: 'Viewer'}]);
		const template = templateFrom(connection({group_mappings: {[customViewer]: ['Readers']}}), sourceWithViewer, targetRoles);
		assert.deepEqual(template.mappings, {});
		assert.equal(template.unresolved.length, 1);
		assert.equal(template.unresolved[0]!.reason, 'no-match');
		assert.equal(template.unresolved[0]!.sourceName, 'Viewer');
	});

	test('two source roles of one name both land on the target role, groups merged without repeats', () => {
		const secondAuditor = 'a0000000-0000-4000-8000-0000000000a8';
		const twins = catalog('a', [{id: source.auditor, name: 'Security Auditor'}, {id: secondAuditor, name: 'Security Auditor'}]);
		const template = templateFrom(connection({group_mappings: {[source.auditor]: ['SecOps', 'Audit'], [secondAuditor]: ['Audit', 'Compliance']}}), twins, targetRoles);
		assert.deepEqual(template.mappings, {[target.auditor]: ['SecOps', 'Audit', 'Compliance']});
	});
});

describe('templateFrom: roles left out of the draft', () => {
	test('a custom role the target lacks is listed as no-match with its name and groups, and left out', () => {
		const template = templateFrom(connection({
			group_mappings: {admin: ['Admins'], [source.contractor]: ['Contractors', 'Temps']},
		}), sourceRoles, targetRoles);
		assert.deepEqual(template.mappings, {admin: ['Admins']});
		assert.deepEqual(template.unresolved, [{
			sourceKey: source.contractor,
			sourceName: 'Contractor',
			usedAs: ['mapping'],
			groups: ['Contractors', 'Temps'],
			reason: 'no-match',
			candidates: [],
		}]);
	});

	test('a name two target roles share is ambiguous, with both as candidates', () => {
		const twinTarget = catalog('b', [
			{id: target.twinA, name: 'Security Auditor'},
			{id: target.twinB, name: 'security auditor'},
			{id: target.release, name: 'Release Manager'},
		]);
		const template = templateFrom(connection({group_mappings: {[source.auditor]: ['SecOps'], [source.release]: ['Releasers']}}), sourceRoles, twinTarget);
		assert.deepEqual(template.mappings, {[target.release]: ['Releasers']});
		assert.equal(template.unresolved.length, 1);
		const [entry] = template.unresolved;
		assert.equal(entry!.reason, 'ambiguous');
		assert.equal(entry!.sourceName, 'Security Auditor');
		assert.deepEqual(entry!.groups, ['SecOps']);
		assert.deepEqual(entry!.candidates.map(role => role.key), [target.twinA, target.twinB]);
		assert.equal(templateEdits(template), undefined);
	});

	test('a role key the source organization no longer has is unknown-in-source, with no name', () => {
		const template = templateFrom(connection({group_mappings: {[source.deleted]: ['Old-Team'], devops: ['Ops']}}), sourceRoles, targetRoles);
		assert.deepEqual(template.mappings, {devops: ['Ops']});
		assert.deepEqual(template.unresolved, [{
			sourceKey: source.deleted,
			sourceName: undefined,
			usedAs: ['mapping'],
			groups: ['Old-Team'],
			reason: 'unknown-in-source',
			candidates: [],
		}]);
	});

	test('every reason in one template, listed once each, in the order of the mappings', () => {
		const twinTarget = catalog('b', [{id: target.twinA, name: 'Release Manager'}, {id: target.twinB, name: 'Release Manager'}]);
		const template = templateFrom(connection({
			group_mappings: {[source.deleted]: ['Old'], [source.release]: ['Rel'], [source.contractor]: ['Con'], admin: ['Adm']},
		}), sourceRoles, twinTarget);
		assert.deepEqual(template.unresolved.map(entry => [entry.sourceKey, entry.reason]), [
			[source.deleted, 'unknown-in-source'],
			[source.release, 'ambiguous'],
			[source.contractor, 'no-match'],
		]);
		assert.deepEqual(template.mappings, {admin: ['Adm']});
	});
});

describe('templateFrom: a custom default role', () => {
	test('a custom default role with a match becomes the target\'s UUID', () => {
		const template = templateFrom(connection({default_role: source.release}), sourceRoles, targetRoles);
		assert.equal(template.defaultRole, target.release);
		assert.deepEqual(template.unresolved, []);
		const draft = draftOf(template, targetLoaded);
		assert.equal(draft.defaultRole, target.release);
	});

	test('a custom default role with no match is unresolved as default-role and the draft has no default yet', () => {
		const template = templateFrom(connection({default_role: source.contractor, group_mappings: {admin: ['A']}}), sourceRoles, targetRoles);
		assert.equal(template.defaultRole, undefined);
		assert.deepEqual(template.unresolved, [{
			sourceKey: source.contractor,
			sourceName: 'Contractor',
			usedAs: ['default-role'],
			groups: [],
			reason: 'no-match',
			candidates: [],
		}]);
		assert.equal(templateEdits(template), undefined);
	});

	test('a role used both as a mapping and as the default role is listed once, with both uses', () => {
		const template = templateFrom(connection({default_role: source.contractor, group_mappings: {[source.contractor]: ['Contractors']}}), sourceRoles, targetRoles);
		assert.equal(template.unresolved.length, 1);
		assert.deepEqual(template.unresolved[0]!.usedAs, ['mapping', 'default-role']);
		assert.deepEqual(template.unresolved[0]!.groups, ['Contractors']);
	});

	test('a deleted default role is unknown-in-source', () => {
		const template = templateFrom(connection({default_role: source.deleted}), sourceRoles, targetRoles);
		assert.equal(template.defaultRole, undefined);
		assert.equal(template.unresolved[0]!.reason, 'unknown-in-source');
		assert.deepEqual(template.unresolved[0]!.usedAs, ['default-role']);
	});
});

describe('resolveTemplateRole', () => {
	const contractorTemplate = () => templateFrom(connection({
		default_role: 'viewer',
		group_mappings: {[source.auditor]: ['SecOps'], [source.contractor]: ['Contractors', 'SecOps']},
	}), sourceRoles, targetRoles);

	test('mapping a left-out role to a target role merges its groups into that role\'s mapping', () => {
		const template = contractorTemplate();
		assert.equal(templateEdits(template), undefined, 'no edits while a role is unresolved');
		const resolved = resolveTemplateRole(template, source.contractor, target.auditor);
		assert.deepEqual(resolved.unresolved, []);
		assert.deepEqual(resolved.mappings, {[target.auditor]: ['SecOps', 'Contractors']});
		assert.ok(templateEdits(resolved));
	});

	test('mapping it to a role not yet mapped adds that mapping', () => {
		const resolved = resolveTemplateRole(contractorTemplate(), source.contractor, target.scientist);
		assert.deepEqual(resolved.mappings, {[target.auditor]: ['SecOps'], [target.scientist]: ['Contractors', 'SecOps']});
	});

	test('it may be mapped to a basic role', () => {
		const resolved = resolveTemplateRole(contractorTemplate(), source.contractor, 'viewer');
		assert.deepEqual(resolved.mappings.viewer, ['Contractors', 'SecOps']);
	});

	test('dropping it leaves it out of the draft for good', () => {
		const template = contractorTemplate();
		const dropped = resolveTemplateRole(template, source.contractor, undefined);
		assert.deepEqual(dropped.unresolved, []);
		assert.deepEqual(dropped.mappings, {[target.auditor]: ['SecOps']});
		const draft = draftOf(dropped, targetLoaded);
		assert.deepEqual(draft.mappings, {[target.auditor]: ['SecOps']}, 'the template\'s mapping is the whole mapping');
	});

	test('the template it was given is left as it was', () => {
		const template = contractorTemplate();
		const before = structuredClone(template);
		resolveTemplateRole(template, source.contractor, target.auditor);
		resolveTemplateRole(template, source.contractor, undefined);
		assert.deepEqual(template, before);
	});

	test('an unknown source key changes nothing', () => {
		const template = contractorTemplate();
		assert.equal(resolveTemplateRole(template, 'no-such-key', target.auditor), template);
	});

	test('a default role mapped to a target role becomes the default; dropped, the target keeps its own', () => {
		const template = templateFrom(connection({default_role: source.contractor, group_mappings: {admin: ['A']}}), sourceRoles, targetRoles);
		const mapped = resolveTemplateRole(template, source.contractor, target.scientist);
		assert.equal(mapped.defaultRole, target.scientist);
		assert.deepEqual(mapped.mappings, {admin: ['A']}, 'a default role carries no groups');
		assert.equal(draftOf(mapped, targetLoaded).defaultRole, target.scientist);

		const dropped = resolveTemplateRole(template, source.contractor, undefined);
		assert.equal(dropped.defaultRole, undefined);
		const edits = templateEdits(dropped)!;
		assert.equal(edits.some(edit => edit.type === 'set-default-role'), false);
		assert.equal(draftOf(dropped, targetLoaded).defaultRole, 'devops');
	});

	test('a role used as both, mapped, gives its groups and the default role', () => {
		const template = templateFrom(connection({default_role: source.contractor, group_mappings: {[source.contractor]: ['Contractors']}}), sourceRoles, targetRoles);
		const mapped = resolveTemplateRole(template, source.contractor, target.release);
		assert.equal(mapped.defaultRole, target.release);
		assert.deepEqual(mapped.mappings, {[target.release]: ['Contractors']});
	});

	test('an ambiguous role resolves to the candidate chosen', () => {
		const twinTarget = catalog('b', [{id: target.twinA, name: 'Security Auditor'}, {id: target.twinB, name: 'Security Auditor'}]);
		const template = templateFrom(connection({group_mappings: {[source.auditor]: ['SecOps']}}), sourceRoles, twinTarget);
		const resolved = resolveTemplateRole(template, source.auditor, template.unresolved[0]!.candidates[1]!.key);
		assert.deepEqual(resolved.mappings, {[target.twinB]: ['SecOps']});
	});
});

describe('templateEdits', () => {
	test('undefined until every role is resolved, then the edits that make the draft the template', () => {
		let template = templateFrom(connection({
			default_role: source.contractor,
			enforce_group_sync: true,
			group_mappings: {admin: ['Admins'], [source.deleted]: ['Old-Team'], [source.auditor]: ['SecOps']},
		}), sourceRoles, targetRoles);
		assert.equal(template.unresolved.length, 2);
		assert.equal(templateEdits(template), undefined);

		template = resolveTemplateRole(template, source.deleted, undefined);
		assert.equal(templateEdits(template), undefined, 'one role still unresolved');

		template = resolveTemplateRole(template, source.contractor, 'viewer');
		assert.deepEqual(templateEdits(template), [
			{type: 'set-default-role', role: 'viewer'},
			{type: 'set-mappings', mappings: {admin: ['Admins'], [target.auditor]: ['SecOps']}},
			{type: 'set-group-sync', enabled: true},
		]);
		assert.deepEqual(draftOf(template, targetLoaded), {
			defaultRole: 'viewer',
			enforceGroupSync: true,
			mappings: {admin: ['Admins'], [target.auditor]: ['SecOps']},
		});
	});

	test('a template of an empty connection empties the mapping', () => {
		const template = templateFrom(connection({group_mappings: {}, default_role: 'viewer', enforce_group_sync: false}), sourceRoles, targetRoles);
		assert.deepEqual(draftOf(template, targetLoaded), {defaultRole: 'viewer', enforceGroupSync: false, mappings: {}});
	});

	test('the edits hold copies: changing the draft later does not change the template', () => {
		const template = templateFrom(connection({group_mappings: {admin: ['Admins']}}), sourceRoles, targetRoles);
		const draft = draftOf(template, targetLoaded);
		draft.mappings.admin!.push('Extra');
		assert.deepEqual(template.mappings, {admin: ['Admins']});
	});
});
