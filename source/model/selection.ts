import type {LoadedConnection, Organization} from './connection.js';

/** An organization by id, or by name without regard to case. */
export function findOrganization(organizations: readonly Organization[], reference: string): Organization | undefined {
	const wanted = reference.trim();
	return (
		organizations.find(org => org.id === wanted) ??
		organizations.find(org => org.name === wanted) ??
		organizations.find(org => org.name.toLowerCase() === wanted.toLowerCase())
	);
}

export function findConnection<T extends Pick<LoadedConnection, 'connection_name'>>(connections: readonly T[], name: string): T | undefined {
	return connections.find(connection => connection.connection_name === name) ?? connections.find(connection => connection.connection_name.toLowerCase() === name.toLowerCase());
}
