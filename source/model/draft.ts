import {cloneMappings, type GroupMappings, type LoadedConnection} from './connection.js';

/**
 * One change an operator made. An edit session is the connection as loaded
 * plus the list of edits, so that the same edits can be replayed on top of a
 * newer server state when the connection changed meanwhile (drift).
 */
export type Edit =
	| {type: 'set-default-role'; role: string}
	| {type: 'set-group-sync'; enabled: boolean}
	| {type: 'add-groups'; role: string; groups: string[]}
	| {type: 'remove-group'; role: string; group: string}
	| {type: 'remove-mapping'; role: string}
	| {type: 'set-mappings'; mappings: GroupMappings}
	/** Several edits made as one (a copy from another connection), undone together. */
	| {type: 'batch'; label: string; edits: Edit[]};

export type Draft = {
	defaultRole: string;
	/** `undefined` only while the server's value is unknown and not yet chosen. */
	enforceGroupSync: boolean | undefined;
	mappings: GroupMappings;
};

export function draftFromConnection(connection: LoadedConnection): Draft {
	return {
		defaultRole: connection.default_role,
		enforceGroupSync: connection.enforce_group_sync,
		mappings: cloneMappings(connection.group_mappings),
	};
}

export function applyEdit(draft: Draft, edit: Edit): Draft {
	switch (edit.type) {
		case 'set-default-role': {
			return {...draft, defaultRole: edit.role};
		}

		case 'set-group-sync': {
			return {...draft, enforceGroupSync: edit.enabled};
		}

		case 'add-groups': {
			const current = draft.mappings[edit.role] ?? [];
			const added = edit.groups.filter(group => !current.includes(group));
			if (added.length === 0 && edit.role in draft.mappings) {
				return draft;
			}

			return {...draft, mappings: {...draft.mappings, [edit.role]: [...current, ...added]}};
		}

		case 'remove-group': {
			const current = draft.mappings[edit.role];
			if (!current?.includes(edit.group)) {
				return draft;
			}

			const mappings = {...draft.mappings, [edit.role]: current.filter(group => group !== edit.group)};
			return {...draft, mappings};
		}

		case 'remove-mapping': {
			if (!(edit.role in draft.mappings)) {
				return draft;
			}

			const {[edit.role]: _removed, ...mappings} = draft.mappings;
			return {...draft, mappings};
		}

		case 'set-mappings': {
			return {...draft, mappings: cloneMappings(edit.mappings)};
		}

		case 'batch': {
			return edit.edits.reduce(applyEdit, draft);
		}
	}
}

export function applyEdits(connection: LoadedConnection, edits: readonly Edit[]): Draft {
	return edits.reduce(applyEdit, draftFromConnection(connection));
}

/** Edits made on the mappings step, which its undo takes back. */
export function isMappingEdit(edit: Edit): boolean {
	return edit.type !== 'set-default-role' && edit.type !== 'set-group-sync';
}

/** The edits without the last one made on the mappings step (and that one). */
export function undoLastMappingEdit(edits: readonly Edit[]): {edits: Edit[]; undone?: Edit} {
	for (let index = edits.length - 1; index >= 0; index--) {
		if (isMappingEdit(edits[index]!)) {
			return {edits: [...edits.slice(0, index), ...edits.slice(index + 1)], undone: edits[index]};
		}
	}

	return {edits: [...edits]};
}
