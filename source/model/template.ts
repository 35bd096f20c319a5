import type {GroupMappings, LoadedConnection} from './connection.js';
import type {Edit} from './draft.js';
import {isBasicRoleKey, type Role, type RoleCatalog} from './roles.js';

/**
 * Another connection's settings as a starting draft for this one, usually in
 * another organization. Basic roles carry over by key; custom roles, whose
 * UUIDs differ between organizations, are matched by name. A role with no
 * single match stays out of the draft until the operator maps or drops it.
 */

export type UnresolvedRole = {
	sourceKey: string;
	/** The role's name in the source organization, if it still exists there. */
	sourceName?: string;
	/** Where the role was used: a mapping, the default role, or both. */
	usedAs: Array<'mapping' | 'default-role'>;
	groups: string[];
	reason: 'no-match' | 'ambiguous' | 'unknown-in-source';
	/** For an ambiguous name, the target roles that share it. */
	candidates: Role[];
};

export type Template = {
	defaultRole?: string;
	enforceGroupSync: boolean | undefined;
	mappings: GroupMappings;
	unresolved: UnresolvedRole[];
};

type Match = {ok: true; key: string} | {ok: false; reason: UnresolvedRole['reason']; sourceName?: string; candidates: Role[]};

function matchRole(sourceKey: string, source: RoleCatalog, target: RoleCatalog): Match {
	if (isBasicRoleKey(sourceKey)) {
		return {ok: true, key: sourceKey};
	}

	const role = source.get(sourceKey);
	if (!role) {
		return {ok: false, reason: 'unknown-in-source', candidates: []};
	}

	const wanted = role.name.trim().toLowerCase();
	const matches = target.roles.filter(candidate => candidate.kind === 'custom' && candidate.name.trim().toLowerCase() === wanted);
	if (matches.length === 1) {
		return {ok: true, key: matches[0]!.key};
	}

	return {ok: false, reason: matches.length === 0 ? 'no-match' : 'ambiguous', sourceName: role.name, candidates: matches};
}

export function templateFrom(connection: LoadedConnection, source: RoleCatalog, target: RoleCatalog): Template {
	const template: Template = {enforceGroupSync: connection.enforce_group_sync, mappings: {}, unresolved: []};
	const unresolved = new Map<string, UnresolvedRole>();
	const leaveOut = (sourceKey: string, match: Extract<Match, {ok: false}>, usedAs: 'mapping' | 'default-role', groups: string[]) => {
		const entry = unresolved.get(sourceKey) ?? {sourceKey, sourceName: match.sourceName, usedAs: [], groups: [], reason: match.reason, candidates: match.candidates};
		entry.usedAs.push(usedAs);
		entry.groups.push(...groups);
		unresolved.set(sourceKey, entry);
	};

	for (const [sourceKey, groups] of Object.entries(connection.group_mappings)) {
		const match = matchRole(sourceKey, source, target);
		if (match.ok) {
			template.mappings[match.key] = mergeGroups(template.mappings[match.key], groups);
		} else {
			leaveOut(sourceKey, match, 'mapping', groups);
		}
	}

	const defaultMatch = matchRole(connection.default_role, source, target);
	if (defaultMatch.ok) {
		template.defaultRole = defaultMatch.key;
	} else {
		leaveOut(connection.default_role, defaultMatch, 'default-role', []);
	}

	template.unresolved = [...unresolved.values()];
	return template;
}

/** Map a left-out role to a role of the target (`targetKey`), or drop it (`undefined`). */
export function resolveTemplateRole(template: Template, sourceKey: string, targetKey: string | undefined): Template {
	const entry = template.unresolved.find(role => role.sourceKey === sourceKey);
	if (!entry) {
		return template;
	}

	const next: Template = {...template, mappings: {...template.mappings}, unresolved: template.unresolved.filter(role => role !== entry)};
	if (targetKey !== undefined) {
		if (entry.usedAs.includes('mapping')) {
			next.mappings[targetKey] = mergeGroups(next.mappings[targetKey], entry.groups);
		}

		if (entry.usedAs.includes('default-role')) {
			next.defaultRole = targetKey;
		}
	}

	return next;
}

/**
 * The edits that make the draft the template. Only a fully resolved template
 * gives edits: nothing is sent with a role left unresolved. A dropped default
 * role keeps the target's current one.
 */
export function templateEdits(template: Template): Edit[] | undefined {
	if (template.unresolved.length > 0) {
		return undefined;
	}

	const edits: Edit[] = [{type: 'set-mappings', mappings: template.mappings}];
	if (template.defaultRole !== undefined) {
		edits.unshift({type: 'set-default-role', role: template.defaultRole});
	}

	if (template.enforceGroupSync !== undefined) {
		edits.push({type: 'set-group-sync', enabled: template.enforceGroupSync});
	}

	return edits;
}

function mergeGroups(existing: readonly string[] | undefined, groups: readonly string[]): string[] {
	return [...new Set([...(existing ?? []), ...groups])];
}
