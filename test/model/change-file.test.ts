import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {fieldPath, formatOfName, formatProblem, parseChangeFile, type ParsedChangeFile} from '../../source/model/change-file.js';
import type {LoadedConnection, Organization} from '../../source/model/connection.js';
import {editsFromFile, planFromFile} from '../../source/model/file-edits.js';
import {RoleCatalog} from '../../source/model/roles.js';
import {exportData, exportJson, exportYaml} from '../../source/present/export-file.js';

const {acme, globex} = demoIds;
const basics = [
	{id: '11111111-0000-4000-8000-000000000001', name: 'Admin'},
	{id: '11111111-0000-4000-8000-000000000002', name: 'DevOps'},
	{id: '11111111-0000-4000-8000-000000000003', name: 'Billing'},
	{id: '11111111-0000-4000-8000-000000000004', name: 'Viewer'},
];

/** The demo organizations as the client sees them: connections parsed, basic roles listed first. */
function demo(orgIndex: number): {organization: Organization; catalog: RoleCatalog; connections: LoadedConnection[]} {
	const org = demoState().organizations[orgIndex]!;
	return {
		organization: {id: org.id, name: org.name},
		catalog: new RoleCatalog([...basics, ...org.roles]),
		connections: org.connections.map(raw => ({
			connection_name: raw.connection_name as string,
			default_role: raw.default_role as string,
			enforce_group_sync: raw.enforce_group_sync as boolean | undefined,
			group_mappings: raw.group_mappings as Record<string, string[]>,
		})),
	};
}

function parsed(text: string, format?: 'yaml' | 'json'): ParsedChangeFile {
	return parseChangeFile(text, format);
}

function only(result: ParsedChangeFile) {
	assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
	return result.problems[0]!;
}

describe('parseChangeFile', () => {
	test('reads every key, roles as written and groups in order', () => {
		const result = parsed([
			'organization: {id: x, name: Acme Corp}',
			'connection_name: acme-okta',
			'default_role: Release Manager',
			'enforce_group_sync: true',
			'group_mappings:',
			'  admin: [Platform-Admins]',
			'  Security Auditor:',
			'    - SecOps',
			'    - Auditors',
			'  billing: []',
		].join('\n'));
		assert.deepEqual(result.problems, []);
		assert.equal(result.format, 'yaml');
		assert.equal(result.fields.connectionName?.value, 'acme-okta');
		assert.equal(result.fields.defaultRole?.value, 'Release Manager');
		assert.equal(result.fields.defaultRole?.line, 3);
		assert.equal(result.fields.enforceGroupSync?.value, true);
		assert.deepEqual(result.fields.groupMappings?.entries, [
			{role: 'admin', line: 6, groups: ['Platform-Admins']},
			{role: 'Security Auditor', line: 7, groups: ['SecOps', 'Auditors']},
			{role: 'billing', line: 10, groups: []},
		]);
	});

	test('an empty mapping is fine and changes nothing; an empty file is an error', () => {
		assert.deepEqual(parsed('{}').problems, []);
		assert.deepEqual(parsed('{}').fields, {});
		assert.match(only(parsed('  \n')).message, /empty/);
	});

	test('JSON by extension or by content, with lines', () => {
		const text = '{\n  "default_role": "viewer",\n  "group_mappings": {\n    "devops": ["DevOps", ""]\n  }\n}\n';
		for (const result of [parsed(text, 'json'), parsed(text)]) {
			assert.equal(result.format, 'json');
			const problem = only(result);
			assert.equal(problem.field, 'group_mappings.devops[1]');
			assert.equal(problem.line, 4);
			assert.equal(problem.message, 'a group name cannot be empty');
		}
	});

	test('a .json file must be strict JSON: YAML in it, trailing commas, are refused with the line', () => {
		const problem = only(parsed('{\n  "default_role": "viewer",\n}\n', 'json'));
		assert.match(problem.message, /^not valid JSON/);
		assert.equal(problem.line, 3);
		assert.match(only(parsed('default_role: viewer\n', 'json')).message, /^not valid JSON/);
	});

	test('broken YAML gives its line', () => {
		const problem = only(parsed('default_role: viewer\ngroup_mappings:\n  admin: [a, b\n  devops: [c]\n'));
		assert.match(problem.message, /^not valid YAML/);
		assert.equal(typeof problem.line, 'number');
		assert.ok(problem.line! >= 3, String(problem.line));
	});

	test('a key written twice, several documents', () => {
		const twice = only(parsed('default_role: viewer\ndefault_role: admin\n'));
		assert.equal(twice.line, 2);
		assert.match(twice.message, /twice/);
		assert.match(only(parsed('default_role: viewer\n---\ndefault_role: admin\n')).message, /several YAML documents/);
	});

	test('unknown keys are named, with the list of keys', () => {
		const problem = only(parsed('default_role: viewer\ndefault-role: admin\n'));
		assert.equal(problem.field, 'default-role');
		assert.equal(problem.line, 2);
		assert.match(problem.message, /unknown key "default-role"; the keys are connection_name, organization, default_role, enforce_group_sync, group_mappings/);
	});

	test('wrong types name the field and what was found', () => {
		const cases: Array<[string, string, RegExp, number]> = [
			['enforce_group_sync: yes\n', 'enforce_group_sync', /expected true or false, got the text "yes" \(write true or false\)/, 1],
			['enforce_group_sync: "true"\n', 'enforce_group_sync', /expected true or false, got the text "true"/, 1],
			['default_role: 3\n', 'default_role', /got the number 3/, 1],
			['default_role: [admin]\n', 'default_role', /got a list/, 1],
			['group_mappings: [admin]\n', 'group_mappings', /expected a mapping of role to a list of group names, got a list/, 1],
			['group_mappings:\n  admin: Platform-Admins\n', 'group_mappings.admin', /expected a list of group names, got the text "Platform-Admins" \(write it as a list/, 2],
			['group_mappings:\n  admin:\n', 'group_mappings.admin', /expected a list of group names, got nothing/, 2],
			['group_mappings:\n  devops:\n    - DevOps\n    - 0123\n', 'group_mappings.devops[1]', /must be text, got the number 0123 \(quote it if it is a name: "0123"\)/, 4],
			['group_mappings:\n  devops:\n    - {a: b}\n', 'group_mappings.devops[0]', /must be text, got a mapping/, 3],
			['- a\n- b\n', '', /expected a mapping of settings/, 1],
			['connection_name: ""\n', 'connection_name', /empty text/, 1],
		];
		for (const [text, field, message, line] of cases) {
			const problem = only(parsed(text));
			assert.equal(problem.field, field, text);
			assert.match(problem.message, message, text);
			assert.equal(problem.line, line, text);
		}
	});

	test('group names: empty and control characters are errors; spaces trimmed and duplicates merged, with notes', () => {
		const result = parsed([
			'group_mappings:',
			'  devops:',
			'    - " DevOps"',
			'    - DevOps',
			'    - ""',
			'    -',
			'    - "Dev\\u0007Ops"',
			'    - "  "',
			'  Release Manager: ["A", "A "]',
		].join('\n'));
		assert.deepEqual(result.problems.map(problem => [problem.line, problem.field, problem.message]), [
			[5, 'group_mappings.devops[2]', 'a group name cannot be empty'],
			[6, 'group_mappings.devops[3]', 'a group name cannot be empty'],
			[7, 'group_mappings.devops[4]', 'a group name cannot contain control characters'],
			[8, 'group_mappings.devops[5]', 'a group name cannot be empty'],
		]);
		assert.deepEqual(result.notes.map(note => [note.line, note.field]), [
			[3, 'group_mappings.devops[0]'],
			[4, 'group_mappings.devops[1]'],
			[9, 'group_mappings["Release Manager"][1]'],
			[9, 'group_mappings["Release Manager"][1]'],
		]);
		assert.match(result.notes[0]!.message, /" DevOps" starts or ends with spaces; trimmed to "DevOps"/);
		assert.match(result.notes[1]!.message, /"DevOps" is already listed for this role; the two are merged/);
		assert.deepEqual(result.fields.groupMappings?.entries.map(entry => [entry.role, entry.groups]), [['Release Manager', ['A']]]);
	});

	test('unusual spaces inside a name are kept (warned about later, not changed)', () => {
		const result = parsed('group_mappings:\n  devops: ["Platform\u00A0Admins"]\n');
		assert.deepEqual(result.problems, []);
		assert.deepEqual(result.fields.groupMappings?.entries[0]?.groups, ['Platform\u00A0Admins']);
	});

	test('aliases read as what they point at', () => {
		const result = parsed('group_mappings:\n  admin: &admins [A, B]\n  devops: *admins\n');
		assert.deepEqual(result.problems, []);
		assert.deepEqual(result.fields.groupMappings?.entries.map(entry => entry.groups), [['A', 'B'], ['A', 'B']]);
	});

	test('formatting helpers', () => {
		assert.equal(fieldPath('group_mappings', 'devops', 1), 'group_mappings.devops[1]');
		assert.equal(fieldPath('group_mappings', acme.deletedRole), `group_mappings["${acme.deletedRole}"]`);
		assert.equal(formatProblem('mapping.yaml', {line: 7, field: 'group_mappings.devops[1]', message: 'a group name cannot be empty'}), 'mapping.yaml:7: group_mappings.devops[1]: a group name cannot be empty');
		assert.equal(formatProblem('m.json', {field: '', message: 'not valid JSON'}), 'm.json: not valid JSON');
		assert.equal(formatOfName('a.YML'), 'yaml');
		assert.equal(formatOfName('a.json'), 'json');
		assert.equal(formatOfName('a.txt'), undefined);
	});
});

describe('editsFromFile and planFromFile', () => {
	const {catalog, connections, organization} = demo(0);
	const okta = connections[0]!;

	const plan = (text: string, loaded = okta, roles = catalog) => {
		const file = parsed(text);
		assert.deepEqual(file.problems, []);
		return planFromFile(file.fields, loaded, roles, organization);
	};

	test('roles by basic name, custom name (any case) or UUID become the API keys', () => {
		const result = plan([
			'default_role: release manager',
			'group_mappings:',
			'  Admin: [Platform-Admins]',
			'  DevOps: [DevOps, SRE]',
			`  ${acme.securityAuditor}: [SecOps]`,
			`  ${acme.deletedRole}: [Old-Team]`,
			'  Contractor: [Vendors]',
		].join('\n'));
		assert.deepEqual(result.problems, []);
		assert.equal(result.body?.default_role, acme.releaseManager);
		assert.deepEqual(Object.keys(result.body!.group_mappings), ['admin', 'devops', acme.securityAuditor, acme.deletedRole, acme.contractor]);
		assert.deepEqual(result.diff.roles.map(change => [change.role, change.status]), [[acme.contractor, 'added']]);
	});

	test('a file naming one field changes only it: the rest of the body is exactly as loaded (C15)', () => {
		const result = plan('default_role: devops\n');
		assert.deepEqual(result.edits, [{type: 'set-default-role', role: 'devops'}]);
		assert.equal(JSON.stringify(result.body), JSON.stringify({...okta, default_role: 'devops'}));
	});

	test('the same mapping in another key order is no change and keeps the loaded order', () => {
		const reordered = plan([
			'default_role: admin',
			'group_mappings:',
			`  ${acme.deletedRole}: [Old-Team]`,
			`  ${acme.securityAuditor}: [SecOps]`,
			'  devops: [DevOps, SRE]',
			'  admin: [Platform-Admins]',
		].join('\n'));
		assert.deepEqual(reordered.edits.map(edit => edit.type), ['set-default-role']);
		assert.equal(JSON.stringify(reordered.body?.group_mappings), JSON.stringify(okta.group_mappings));
	});

	test('a mapping change keeps loaded roles in place and appends new ones; roles left out are removed', () => {
		const result = plan([
			'group_mappings:',
			'  Contractor: [Vendors]',
			'  devops: [SRE, DevOps, Ops]',
			'  admin: [Platform-Admins]',
		].join('\n'));
		assert.deepEqual(Object.keys(result.body!.group_mappings), ['admin', 'devops', acme.contractor]);
		assert.deepEqual(result.body!.group_mappings.devops, ['SRE', 'DevOps', 'Ops']);
		assert.deepEqual(result.diff.roles.map(change => [change.role, change.status]), [
			['devops', 'changed'],
			[acme.securityAuditor, 'removed'],
			[acme.deletedRole, 'removed'],
			[acme.contractor, 'added'],
		]);
	});

	test('an unknown role is an error that names it and lists the roles', () => {
		const file = parsed('default_role: Auditor\ngroup_mappings:\n  Release Managers: [R]\n');
		const result = editsFromFile(file.fields, okta, catalog, organization);
		assert.deepEqual(result.problems.map(problem => [problem.line, problem.field]), [[1, 'default_role'], [3, 'group_mappings["Release Managers"]']]);
		assert.match(result.problems[1]!.message, /unknown role "Release Managers"; this organization's roles are: Admin \(admin\), DevOps \(devops\), Billing \(billing\), Viewer \(viewer\), Security Auditor \(5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d\)/);
		assert.deepEqual(result.edits, []);
	});

	test('a name two custom roles share is ambiguous; the UUID works', () => {
		const twins = new RoleCatalog([...basics, {id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Auditor'}, {id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'auditor'}]);
		const result = editsFromFile(parsed('group_mappings:\n  Auditor: [A]\n').fields, okta, twins);
		assert.equal(result.problems.length, 1);
		assert.match(result.problems[0]!.message, /role name "Auditor" is ambiguous: 2 roles have it \(aaaaaaaa-0000-4000-8000-000000000001, aaaaaaaa-0000-4000-8000-000000000002\); write the UUID/);
		assert.deepEqual(editsFromFile(parsed('group_mappings:\n  aaaaaaaa-0000-4000-8000-000000000002: [A]\n').fields, okta, twins).problems, []);
	});

	test('a deleted role on the server may be kept unchanged, not edited or added', () => {
		assert.deepEqual(editsFromFile(parsed(`group_mappings:\n  ${acme.deletedRole}: [Old-Team]\n  admin: [Platform-Admins]\n`).fields, okta, catalog).problems, []);
		const edited = editsFromFile(parsed(`group_mappings:\n  ${acme.deletedRole}: [Old-Team, New]\n`).fields, okta, catalog);
		assert.match(edited.problems[0]!.message, /unknown role .* still mapped on the server, so it may be kept with its groups unchanged, or removed/);
		const elsewhere = connections[1]!;
		assert.equal(editsFromFile(parsed(`group_mappings:\n  ${acme.deletedRole}: [Old-Team]\n`).fields, elsewhere, catalog).problems.length, 1);
	});

	test('two spellings of one role are an error', () => {
		const result = editsFromFile(parsed(`group_mappings:\n  admin: [A]\n  Admin: [B]\n  Security Auditor: [S]\n  ${acme.securityAuditor}: [T]\n`).fields, okta, catalog);
		assert.deepEqual(result.problems.map(problem => problem.line), [3, 5]);
		assert.match(result.problems[0]!.message, /"Admin" and "admin" are the same role \(Admin\)/);
	});

	test('connection_name must match the target; organization is informational', () => {
		const wrong = editsFromFile(parsed('connection_name: acme-entra\n').fields, okta, catalog, organization);
		assert.equal(wrong.problems[0]?.field, 'connection_name');
		assert.match(wrong.problems[0]!.message, /for connection "acme-entra", but the target is "acme-okta"/);
		const other = editsFromFile(parsed(`organization: {id: ${globex.organization}, name: Globex Labs}\n`).fields, okta, catalog, organization);
		assert.deepEqual(other.problems, []);
		assert.match(other.notes[0]!.message, /exported from Globex Labs; it is applied to Acme Corp/);
	});

	test('group sync unknown on the server: a change must set it; a file that sets it shows unknown -> value', () => {
		const unknownSync = {...okta, enforce_group_sync: undefined};
		const missing = plan('default_role: devops\n', unknownSync);
		assert.equal(missing.body, undefined);
		assert.equal(missing.problems[0]?.field, 'enforce_group_sync');
		assert.equal(plan('{}', unknownSync).empty, true);
		const chosen = plan('default_role: devops\nenforce_group_sync: false\n', unknownSync);
		assert.deepEqual(chosen.diff.groupSync, {before: undefined, after: false});
		assert.equal(chosen.body?.enforce_group_sync, false);
	});

	test('the plan carries the wizard\'s warnings', () => {
		const result = plan('enforce_group_sync: true\ngroup_mappings: {}\n');
		assert.ok(result.warnings.some(warning => warning.severity === 'danger'), JSON.stringify(result.warnings));
	});
});

describe('export reads back as no changes', () => {
	for (const [index, label] of [[0, 'Acme'], [1, 'Globex']] as const) {
		const {catalog, connections, organization} = demo(index);
		for (const loaded of connections) {
			for (const roleNames of [false, true]) {
				test(`${label} ${loaded.connection_name}${roleNames ? ' by role names' : ''}, YAML and JSON`, () => {
					const data = exportData(organization, loaded, catalog, {roleNames});
					for (const [text, format] of [[exportYaml(data, organization, loaded), 'yaml'], [exportJson(data), 'json']] as const) {
						const file = parseChangeFile(text, format);
						assert.deepEqual(file.problems, [], text);
						assert.deepEqual(file.notes, []);
						const result = planFromFile(file.fields, loaded, catalog, organization);
						assert.deepEqual(result.problems, [], text);
						const unknownKeys = Object.keys(loaded.group_mappings).filter(key => !catalog.has(key));
						if (roleNames && unknownKeys.length > 0) {
							// A file for another organization leaves deleted roles out: read back
							// here, it removes those mappings and changes nothing else.
							assert.deepEqual(result.diff.roles.map(change => [change.role, change.status]), unknownKeys.map(key => [key, 'removed']), text);
							assert.equal(result.diff.defaultRole, undefined);
							assert.equal(result.diff.groupSync, undefined);
							continue;
						}

						assert.equal(result.empty, true, text);
						assert.deepEqual(result.edits.filter(edit => edit.type === 'set-mappings'), []);
					}
				});
			}
		}
	}

	test('YAML marks custom and unknown roles with comments; role names replace UUIDs and drop connection_name', () => {
		const {catalog, connections, organization} = demo(0);
		const okta = connections[0]!;
		const byKey = exportYaml(exportData(organization, okta, catalog, {roleNames: false}), organization, okta);
		assert.match(byKey, /# Security Auditor\n {2}5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d:\n {4}- SecOps/);
		assert.match(byKey, /# unknown role: .*deleted custom role.*\n {2}9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d:/);
		assert.match(byKey, /^connection_name: acme-okta$/m);
		assert.match(byKey, /group_mappings is the WHOLE mapping/);
		const byName = exportYaml(exportData(organization, okta, catalog, {roleNames: true}), organization, okta);
		assert.match(byName, /^ {2}Security Auditor:\n {4}- SecOps$/m);
		assert.doesNotMatch(byName, /^connection_name:/m);
		// A deleted role's key means nothing in another organization: left out.
		assert.doesNotMatch(byName, /9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d:/);
	});

	test('a custom role whose name does not identify it alone stays by UUID', () => {
		const twins = new RoleCatalog([...basics, {id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Auditor'}, {id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Auditor'}, {id: 'aaaaaaaa-0000-4000-8000-000000000003', name: 'Admin'}]);
		const loaded: LoadedConnection = {
			connection_name: 'c',
			default_role: 'aaaaaaaa-0000-4000-8000-000000000003',
			enforce_group_sync: true,
			group_mappings: {'aaaaaaaa-0000-4000-8000-000000000001': ['A'], admin: ['B']},
		};
		const organization = {id: 'o', name: 'O'};
		const data = exportData(organization, loaded, twins, {roleNames: true});
		assert.deepEqual(Object.keys(data.object.group_mappings as object), ['aaaaaaaa-0000-4000-8000-000000000001', 'admin']);
		assert.equal(data.object.default_role, 'aaaaaaaa-0000-4000-8000-000000000003');
		const file = parseChangeFile(exportYaml(data, organization, loaded));
		assert.equal(planFromFile(file.fields, loaded, twins).empty, true);
	});

	test('group sync unknown: left out with a comment and a note', () => {
		const {catalog, connections, organization} = demo(0);
		const loaded = {...connections[0]!, enforce_group_sync: undefined};
		const data = exportData(organization, loaded, catalog, {roleNames: false});
		assert.equal('enforce_group_sync' in data.object, false);
		assert.ok(data.notes.some(note => /enforce_group_sync is left out/.test(note)));
		assert.match(exportYaml(data, organization, loaded), /# enforce_group_sync: the server does not say/);
	});
});
