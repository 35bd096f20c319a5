import type {LoadedConnection} from './connection.js';
import type {Draft} from './draft.js';

export type RoleChange = {
	role: string;
	status: 'added' | 'removed' | 'changed';
	addedGroups: string[];
	removedGroups: string[];
	/** Same groups in another order: sent as is, shown as a change. */
	reordered: boolean;
};

export type ConnectionDiff = {
	defaultRole?: {before: string; after: string};
	groupSync?: {before: boolean | undefined; after: boolean | undefined};
	roles: RoleChange[];
};

export function diffConnection(loaded: LoadedConnection, draft: Draft): ConnectionDiff {
	const diff: ConnectionDiff = {roles: []};
	if (loaded.default_role !== draft.defaultRole) {
		diff.defaultRole = {before: loaded.default_role, after: draft.defaultRole};
	}

	if (loaded.enforce_group_sync !== draft.enforceGroupSync) {
		diff.groupSync = {before: loaded.enforce_group_sync, after: draft.enforceGroupSync};
	}

	const before = loaded.group_mappings;
	const after = draft.mappings;
	const roles = [...Object.keys(before), ...Object.keys(after).filter(role => !(role in before))];
	for (const role of roles) {
		const old = before[role];
		const next = after[role];
		if (old && !next) {
			diff.roles.push({role, status: 'removed', addedGroups: [], removedGroups: [...old], reordered: false});
			continue;
		}

		if (!old && next) {
			diff.roles.push({role, status: 'added', addedGroups: [...next], removedGroups: [], reordered: false});
			continue;
		}

		if (old && next) {
			const addedGroups = next.filter(group => !old.includes(group));
			const removedGroups = old.filter(group => !next.includes(group));
			const reordered =
				addedGroups.length === 0 && removedGroups.length === 0 && old.join('\n') !== next.join('\n');
			if (addedGroups.length > 0 || removedGroups.length > 0 || reordered) {
				diff.roles.push({role, status: 'changed', addedGroups, removedGroups, reordered});
			}
		}
	}

	return diff;
}

export function isEmptyDiff(diff: ConnectionDiff): boolean {
	return !diff.defaultRole && !diff.groupSync && diff.roles.length === 0;
}

/** Connections compared field by field, mapping order included. */
export function sameConnection(a: LoadedConnection, b: LoadedConnection): boolean {
	return (
		a.connection_name === b.connection_name &&
		a.default_role === b.default_role &&
		a.enforce_group_sync === b.enforce_group_sync &&
		JSON.stringify(a.group_mappings) === JSON.stringify(b.group_mappings)
	);
}
