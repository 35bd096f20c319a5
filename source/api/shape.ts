import type {AvailableRole, GroupMappings, LoadedConnection, Organization} from '../model/connection.js';

/** The server answered with JSON that is not what the API documents. */
export class ShapeError extends Error {
	constructor(readonly where: string, readonly expected: string) {
		super(`${where} should be ${expected}`);
		this.name = 'ShapeError';
	}
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: Json, where: string): string {
	if (typeof value !== 'string') {
		throw new ShapeError(where, 'a string');
	}

	return value;
}

function resultsOf(body: Json, where: string): Json[] {
	if (!isObject(body) || !Array.isArray(body.results)) {
		throw new ShapeError(`${where}.results`, 'a list');
	}

	return body.results;
}

/** Both lists are `{results: [{id, name}]}`; other fields are dropped. */
function parseIdNameList(body: Json, what: string): Array<{id: string; name: string}> {
	return resultsOf(body, what).map((entry, index) => {
		const where = `${what}.results[${index}]`;
		if (!isObject(entry)) {
			throw new ShapeError(where, 'an object');
		}

		return {id: requireString(entry.id, `${where}.id`), name: requireString(entry.name, `${where}.name`)};
	});
}

export function parseOrganizationList(body: Json): Organization[] {
	return parseIdNameList(body, 'organization list');
}

export function parseAvailableRoles(body: Json): AvailableRole[] {
	return parseIdNameList(body, 'role list');
}

function parseMappings(value: Json, where: string): GroupMappings {
	if (!isObject(value)) {
		throw new ShapeError(where, 'an object of role → list of group names');
	}

	const mappings: GroupMappings = {};
	for (const [role, groups] of Object.entries(value)) {
		if (!Array.isArray(groups) || !groups.every(group => typeof group === 'string')) {
			throw new ShapeError(`${where}.${role}`, 'a list of group names');
		}

		mappings[role] = [...groups];
	}

	return mappings;
}

/**
 * Only the four documented fields are kept; anything else the server adds
 * (timestamps, ids) is dropped here and so never sent back in a PUT.
 * A missing `enforce_group_sync` is kept as unknown rather than guessed.
 */
export function parseConnection(body: Json, where = 'connection'): LoadedConnection {
	if (!isObject(body)) {
		throw new ShapeError(where, 'an object');
	}

	const sync = body.enforce_group_sync;
	if (sync !== undefined && sync !== null && typeof sync !== 'boolean') {
		throw new ShapeError(`${where}.enforce_group_sync`, 'true or false');
	}

	return {
		connection_name: requireString(body.connection_name, `${where}.connection_name`),
		default_role: requireString(body.default_role, `${where}.default_role`),
		enforce_group_sync: typeof sync === 'boolean' ? sync : undefined,
		group_mappings: parseMappings(body.group_mappings, `${where}.group_mappings`),
	};
}

export function parseConnectionList(body: Json): LoadedConnection[] {
	return resultsOf(body, 'connection list').map((entry, index) =>
		parseConnection(entry, `connection list.results[${index}]`),
	);
}
