/**
 * Sample organizations for the fake API: small and hand-made for manual
 * trials and tests, or large and generated for benchmarks. Ids are fixed so
 * tests and templates can name them.
 */
import type {FakeState} from './server.js';

export const demoToken = 'qov_demo_token';

/**
 * The ids the demo data uses. The same role names carry different ids in
 * each organization, as in Qovery, so cross-organization work must go by name.
 */
export const demoIds = {
	acme: {
		organization: 'a1c3e5f7-2b4d-4e6f-8a1b-3c5d7e9f0a12',
		securityAuditor: '5d1e7a2b-8c3f-4a9e-b6d0-1f2e3a4b5c6d',
		releaseManager: '7e2f8b3c-9d4a-4b0f-8c1e-2a3b4c5d6e7f',
		contractor: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
		/** A custom role since deleted, still keyed in `acme-okta`. */
		deletedRole: '9b2f4c1e-0d3a-4f6b-8c7d-5e4f3a2b1c0d',
	},
	globex: {
		organization: 'b2d4f6a8-3c5e-4f7a-9b2c-4d6e8f0a1b23',
		securityAuditor: 'e8f9a0b1-c2d3-4e4f-a5b6-c7d8e9f0a1b2',
		releaseManager: 'f1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5c',
		dataScientist: '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
	},
	/** Entra ID sends group object ids, not names. */
	entraGroups: ['3f1c2a9e-6b7d-4e8f-a0b1-c2d3e4f5a6b7', '8d2e4f6a-1b3c-4d5e-9f0a-b1c2d3e4f5a6'],
} as const;

export function demoState(): FakeState {
	const {acme, globex, entraGroups} = demoIds;
	return {
		organizations: [
			{
				id: acme.organization,
				name: 'Acme Corp',
				roles: [
					{id: acme.securityAuditor, name: 'Security Auditor'},
					{id: acme.releaseManager, name: 'Release Manager'},
					{id: acme.contractor, name: 'Contractor'},
				],
				connections: [
					{
						connection_name: 'acme-okta',
						default_role: 'viewer',
						enforce_group_sync: false,
						group_mappings: {
							admin: ['Platform-Admins'],
							devops: ['DevOps', 'SRE'],
							[acme.securityAuditor]: ['SecOps'],
							[acme.deletedRole]: ['Old-Team'],
						},
					},
					{
						connection_name: 'acme-entra',
						default_role: 'viewer',
						enforce_group_sync: true,
						group_mappings: {
							admin: [...entraGroups],
							viewer: ['All Staff'],
						},
					},
				],
			},
			{
				id: globex.organization,
				name: 'Globex Labs',
				roles: [
					{id: globex.securityAuditor, name: 'Security Auditor'},
					{id: globex.releaseManager, name: 'Release Manager'},
					{id: globex.dataScientist, name: 'Data Scientist'},
				],
				connections: [
					{
						connection_name: 'globex-saml',
						default_role: 'devops',
						enforce_group_sync: true,
						group_mappings: {admin: ['Globex Admins']},
					},
				],
			},
		],
	};
}

export const largeOrganizationId = 'd7e8f9a0-1b2c-4d3e-8f4a-5b6c7d8e9f01';

/** Generated ids in v4 layout; the index is the last group, so they stay readable. */
function generatedId(index: number): string {
	return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/**
 * One organization with many custom roles and one connection mapping
 * `mappedRoles` of them (custom roles first, then basic ones if asked for
 * more) to `groupsPerRole` groups each.
 */
export function largeState(customRoles = 500, mappedRoles = 200, groupsPerRole = 25): FakeState {
	const roles = Array.from({length: customRoles}, (_, index) => ({
		id: generatedId(index + 1),
		name: `Custom Role ${String(index + 1).padStart(4, '0')}`,
	}));
	const keys = [...roles.map(role => role.id), 'admin', 'devops', 'billing', 'viewer'].slice(0, mappedRoles);
	const groupMappings = Object.fromEntries(keys.map((key, roleIndex) => [
		key,
		Array.from({length: groupsPerRole}, (_, groupIndex) => `Team-${roleIndex + 1}-Group-${groupIndex + 1}`),
	]));
	return {
		organizations: [
			{
				id: largeOrganizationId,
				name: 'Mega Org',
				roles,
				connections: [
					{
						connection_name: 'mega-sso',
						default_role: 'viewer',
						enforce_group_sync: true,
						group_mappings: groupMappings,
					},
				],
			},
		],
	};
}
