import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {isBasicRoleKey, RoleCatalog} from '../../source/model/roles.js';

const auditor = '5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d';
const release = '7e2f8b3c-9d4a-4b0f-8c1e-2a3b4c5d6e7f';
const twinA = 'aaaaaaaa-0000-4000-8000-000000000001';
const twinB = 'bbbbbbbb-0000-4000-8000-000000000002';

// As GET availableRole lists them: basic roles first, each with its own UUID.
const available = [
	{id: '11111111-1111-4111-8111-111111111111', name: 'Admin'},
	{id: '22222222-2222-4222-8222-222222222222', name: 'DevOps'},
	{id: '33333333-3333-4333-8333-333333333333', name: 'Billing'},
	{id: '44444444-4444-4444-8444-444444444444', name: 'Viewer'},
	{id: auditor, name: 'Security Auditor'},
	{id: release, name: 'Release Manager'},
];

describe('RoleCatalog keys', () => {
	test('basic roles are keyed by lowercase name, custom roles by id', () => {
		const catalog = new RoleCatalog(available);
		assert.deepEqual(catalog.roles, [
			{key: 'admin', name: 'Admin', kind: 'basic'},
			{key: 'devops', name: 'DevOps', kind: 'basic'},
			{key: 'billing', name: 'Billing', kind: 'basic'},
			{key: 'viewer', name: 'Viewer', kind: 'basic'},
			{key: auditor, name: 'Security Auditor', kind: 'custom'},
			{key: release, name: 'Release Manager', kind: 'custom'},
		]);
	});

	test('a basic role is not found by its UUID', () => {
		const catalog = new RoleCatalog(available);
		assert.equal(catalog.has('admin'), true);
		assert.equal(catalog.has('11111111-1111-4111-8111-111111111111'), false);
	});

	test('a custom role named like a basic one, listed after it, stays custom', () => {
		const catalog = new RoleCatalog([...available, {id: twinA, name: 'admin'}]);
		assert.deepEqual(catalog.get(twinA), {key: twinA, name: 'admin', kind: 'custom'});
		assert.deepEqual(catalog.get('admin'), {key: 'admin', name: 'Admin', kind: 'basic'});
	});

	test('isBasicRoleKey knows the four lowercase keys only', () => {
		assert.deepEqual(['admin', 'devops', 'billing', 'viewer', 'Admin', auditor].map(isBasicRoleKey), [true, true, true, true, false, false]);
	});
});

describe('RoleCatalog.label', () => {
	test('a known key gives the role name', () => {
		const catalog = new RoleCatalog(available);
		assert.equal(catalog.label('devops'), 'DevOps');
		assert.equal(catalog.label(auditor), 'Security Auditor');
	});

	test('an unknown key is shown marked unknown', () => {
		const catalog = new RoleCatalog(available);
		assert.equal(catalog.label('9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d'), 'unknown role 9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d');
	});
});

describe('RoleCatalog.resolve', () => {
	const catalog = new RoleCatalog(available);

	test('a key resolves to itself', () => {
		assert.deepEqual(catalog.resolve('admin'), {ok: true, key: 'admin'});
		assert.deepEqual(catalog.resolve(release), {ok: true, key: release});
	});

	test('a basic role name resolves without regard to case or surrounding spaces', () => {
		assert.deepEqual(catalog.resolve('DevOps'), {ok: true, key: 'devops'});
		assert.deepEqual(catalog.resolve('VIEWER'), {ok: true, key: 'viewer'});
		assert.deepEqual(catalog.resolve('  billing '), {ok: true, key: 'billing'});
	});

	test('a custom role name resolves to its id without regard to case', () => {
		assert.deepEqual(catalog.resolve('Security Auditor'), {ok: true, key: auditor});
		assert.deepEqual(catalog.resolve('release manager'), {ok: true, key: release});
	});

	test('a name two custom roles share is ambiguous, with both as candidates', () => {
		const twins = new RoleCatalog([...available, {id: twinA, name: 'Contractor'}, {id: twinB, name: 'contractor'}]);
		assert.deepEqual(twins.resolve('CONTRACTOR'), {
			ok: false,
			reason: 'ambiguous',
			candidates: [
				{key: twinA, name: 'Contractor', kind: 'custom'},
				{key: twinB, name: 'contractor', kind: 'custom'},
			],
		});
	});

	test('an ambiguous name still resolves by either id', () => {
		const twins = new RoleCatalog([...available, {id: twinA, name: 'Contractor'}, {id: twinB, name: 'Contractor'}]);
		assert.deepEqual(twins.resolve(twinB), {ok: true, key: twinB});
	});

	test('an unknown reference is unknown with no candidates', () => {
		assert.deepEqual(catalog.resolve('Data Scientist'), {ok: false, reason: 'unknown', candidates: []});
		assert.deepEqual(catalog.resolve(''), {ok: false, reason: 'unknown', candidates: []});
	});
});
