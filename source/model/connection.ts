/**
 * The shapes qovery-sso works with, independent of how they travel.
 *
 * An enterprise connection is replaced whole by a PUT, so the model always
 * carries all four documented fields. Fields the API adds later are dropped
 * on load (see `api/shape.ts`): only documented fields are ever sent back.
 */

/** Role key → IdP group names, exactly as the IdP sends them. */
export type GroupMappings = Record<string, string[]>;

export type EnterpriseConnection = {
	connection_name: string;
	default_role: string;
	enforce_group_sync: boolean;
	group_mappings: GroupMappings;
};

/**
 * A connection as loaded. `enforce_group_sync` is `undefined` when the server
 * left it out (older connections predate the field): the operator must then
 * choose a value explicitly, nothing assumes `false`.
 */
export type LoadedConnection = Omit<EnterpriseConnection, 'enforce_group_sync'> & {
	enforce_group_sync: boolean | undefined;
};

export type Organization = {
	id: string;
	name: string;
};

/** An entry of `GET /organization/{id}/availableRole`. */
export type AvailableRole = {
	id: string;
	name: string;
};

export function cloneMappings(mappings: GroupMappings): GroupMappings {
	return Object.fromEntries(
		Object.entries(mappings).map(([role, groups]) => [role, [...groups]]),
	);
}
