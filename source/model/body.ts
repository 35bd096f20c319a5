import type {EnterpriseConnection, LoadedConnection} from './connection.js';
import {cloneMappings} from './connection.js';
import type {Draft} from './draft.js';

export class IncompleteDraftError extends Error {
	constructor(readonly field: keyof EnterpriseConnection, message: string) {
		super(message);
		this.name = 'IncompleteDraftError';
	}
}

/**
 * The exact PUT body: all four fields, always. A field the operator did not
 * touch is what was loaded, because the draft starts as a copy of it.
 */
export function buildPutBody(loaded: LoadedConnection, draft: Draft): EnterpriseConnection {
	if (draft.enforceGroupSync === undefined) {
		throw new IncompleteDraftError(
			'enforce_group_sync',
			'The server did not say whether group sync is enforced; choose on or off before sending.',
		);
	}

	return {
		connection_name: loaded.connection_name,
		default_role: draft.defaultRole,
		enforce_group_sync: draft.enforceGroupSync,
		group_mappings: cloneMappings(draft.mappings),
	};
}

/** The loaded connection as the body that would put it back unchanged. */
export function bodyFromLoaded(loaded: LoadedConnection): EnterpriseConnection | undefined {
	if (loaded.enforce_group_sync === undefined) {
		return undefined;
	}

	return {...loaded, enforce_group_sync: loaded.enforce_group_sync, group_mappings: cloneMappings(loaded.group_mappings)};
}
