import type {QoveryApi} from '../api/client.js';
import type {LoadedConnection, Organization} from '../model/connection.js';
import {RoleCatalog} from '../model/roles.js';
import {findConnection, findOrganization} from '../model/selection.js';
import {UsageError} from '../ui/outcome.js';

export type TargetSelection = {
	/** An organization id or name; may be left out when the token sees exactly one. */
	org?: string;
	/** A connection name; may be left out when the organization has exactly one. */
	connection?: string;
};

export type Target = {
	organization: Organization;
	/** The connection as loaded now (a fresh GET of it). */
	loaded: LoadedConnection;
	catalog: RoleCatalog;
};

/**
 * The organization, connection and roles a non-interactive command works on.
 * A choice that is missing and not obvious, or that names nothing, is a
 * UsageError that lists what there is to choose from. API failures are
 * ApiErrors, as thrown by the client.
 */
export async function resolveTarget(api: Pick<QoveryApi, 'listOrganizations' | 'listConnections' | 'getConnection' | 'listAvailableRoles'>, selection: TargetSelection): Promise<Target> {
	const organizations = await api.listOrganizations();
	const organization = pickOrganization(organizations, selection.org);
	const connections = await api.listConnections(organization.id);
	const listed = pickConnection(connections, organization, selection.connection);
	const [loaded, roles] = await Promise.all([
		api.getConnection(organization.id, listed.connection_name),
		api.listAvailableRoles(organization.id),
	]);
	return {organization, loaded, catalog: new RoleCatalog(roles)};
}

export function pickOrganization(organizations: readonly Organization[], reference: string | undefined): Organization {
	const list = () => organizations.map(org => `  ${org.name} (${org.id})`).join('\n');
	if (reference !== undefined && reference.trim() !== '') {
		const found = findOrganization(organizations, reference);
		if (found) {
			return found;
		}

		throw new UsageError(
			organizations.length === 0
				? `No organization "${reference}": the token sees no organization at all.`
				: `No organization "${reference}" among those the token sees:\n${list()}`,
			'Give --org an id or a name from the list.',
		);
	}

	if (organizations.length === 1) {
		return organizations[0]!;
	}

	if (organizations.length === 0) {
		throw new UsageError('The token sees no organization.', 'Check that the token belongs to a member of the organization.');
	}

	throw new UsageError(`The token sees ${organizations.length} organizations; choose one with --org ID|NAME:\n${list()}`);
}

export function pickConnection<T extends LoadedConnection>(connections: readonly T[], organization: Organization, name: string | undefined): T {
	const list = () => connections.map(connection => `  ${connection.connection_name}`).join('\n');
	if (name !== undefined && name.trim() !== '') {
		const found = findConnection(connections, name.trim());
		if (found) {
			return found;
		}

		throw new UsageError(
			connections.length === 0
				? `No connection "${name}": ${organization.name} has no enterprise connection.`
				: `No connection "${name}" in ${organization.name}; its connections are:\n${list()}`,
			'Give --connection a name from the list.',
		);
	}

	if (connections.length === 1) {
		return connections[0]!;
	}

	if (connections.length === 0) {
		throw new UsageError(`${organization.name} has no enterprise connection.`, 'SSO connections are created in the Qovery console; this tool edits existing ones.');
	}

	throw new UsageError(`${organization.name} has ${connections.length} enterprise connections; choose one with --connection NAME:\n${list()}`);
}
