/**
 * Fake API states for the end-to-end tests, built on the demo data so the
 * organization and connection names stay the ones an operator sees in --demo.
 */
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import type {FakeState} from '../../source/fake/server.js';

export {demoIds, demoState};

export const acmeId = demoIds.acme.organization;

/** The demo state with acme-okta's stored JSON changed by `change`. */
export function demoWithOkta(change: (connection: Record<string, unknown>) => void): FakeState {
	const state = demoState();
	const okta = state.organizations[0]!.connections.find(connection => connection.connection_name === 'acme-okta')!;
	change(okta);
	return state;
}

/** acme-okta as stored in a state (a deep copy, for "as loaded" comparisons). */
export function oktaOf(state: FakeState): {connection_name: string; default_role: string; enforce_group_sync: boolean; group_mappings: Record<string, string[]>} {
	const okta = state.organizations.find(organization => organization.id === acmeId)!.connections.find(connection => connection.connection_name === 'acme-okta')!;
	return structuredClone(okta) as ReturnType<typeof oktaOf>;
}

export const bigTeamRoleIds = Array.from({length: 12}, (_, index) => `0b0c0d0e-0000-4000-8000-${String(index + 1).padStart(12, '0')}`);

/**
 * C04: one organization whose connection maps 12 custom role keys to 6
 * groups each (sync off, so removing them all needs no typed confirmation).
 * Removing every mapping and changing the default role gives a diff of
 * 12 × 7 + 1 = 85 lines.
 */
export function bigMappingState(): FakeState {
	const roles = bigTeamRoleIds.map((id, index) => ({id, name: `Team Role ${String(index + 1).padStart(2, '0')}`}));
	const groupMappings = Object.fromEntries(bigTeamRoleIds.map((id, roleIndex) => [
		id,
		Array.from({length: 6}, (_, groupIndex) => `Team-${String(roleIndex + 1).padStart(2, '0')}-Group-${groupIndex + 1}`),
	]));
	return {
		organizations: [
			{
				id: '0b0c0d0e-0000-4000-8000-0000000000aa',
				name: 'Big Org',
				roles,
				connections: [
					{connection_name: 'big-saml', default_role: 'viewer', enforce_group_sync: false, group_mappings: groupMappings},
					{connection_name: 'big-spare', default_role: 'viewer', enforce_group_sync: false, group_mappings: {}},
				],
			},
		],
	};
}
