/**
 * A checked change file (see change-file.ts) turned into edits of one loaded
 * connection, with roles resolved against the organization's catalogue.
 * Pure: the commands load and save, this only decides.
 */
import {buildPutBody} from './body.js';
import type {ChangeFields, FileProblem} from './change-file.js';
import {fieldPath} from './change-file.js';
import type {EnterpriseConnection, GroupMappings, LoadedConnection, Organization} from './connection.js';
import {diffConnection, isEmptyDiff, type ConnectionDiff} from './diff.js';
import {applyEdits, type Draft, type Edit} from './draft.js';
import type {Role, RoleCatalog} from './roles.js';
import {warningsFor, type Warning} from './warnings.js';

export type FileEdits = {
	edits: Edit[];
	problems: FileProblem[];
	notes: FileProblem[];
};

/**
 * The edits a file asks for. A key the file leaves out makes no edit, so the
 * server's value is kept exactly; `group_mappings`, when present, is the
 * whole mapping and becomes one `set-mappings` edit (only if it differs).
 */
export function editsFromFile(fields: ChangeFields, loaded: LoadedConnection, catalog: RoleCatalog, organization?: Organization): FileEdits {
	const result: FileEdits = {edits: [], problems: [], notes: []};

	if (fields.connectionName) {
		const written = fields.connectionName.value.trim();
		if (written.toLowerCase() !== loaded.connection_name.toLowerCase()) {
			result.problems.push({
				line: fields.connectionName.line,
				field: 'connection_name',
				message: `the file is for connection "${written}", but the target is "${loaded.connection_name}"; choose it with --connection, or remove connection_name from the file to apply it here`,
			});
		}
	}

	if (organization && fields.organization) {
		const written = fields.organization.value as {id?: unknown; name?: unknown} | string | undefined;
		const id = typeof written === 'object' && written !== null ? written.id : undefined;
		const name = typeof written === 'string' ? written : typeof written === 'object' && written !== null ? written.name : undefined;
		if ((typeof id === 'string' && id !== organization.id) || (id === undefined && typeof name === 'string' && name !== organization.name)) {
			result.notes.push({
				line: fields.organization.line,
				field: 'organization',
				message: `the file was exported from ${typeof name === 'string' ? name : String(id)}; it is applied to ${organization.name} (organization is informational only)`,
			});
		}
	}

	if (fields.defaultRole) {
		const {value, line} = fields.defaultRole;
		const key = resolveRole(value, catalog, loaded.default_role === value.trim() ? [value.trim()] : []);
		if (key.ok) {
			result.edits.push({type: 'set-default-role', role: key.key});
		} else {
			result.problems.push({line, field: 'default_role', message: key.message});
		}
	}

	if (fields.enforceGroupSync) {
		result.edits.push({type: 'set-group-sync', enabled: fields.enforceGroupSync.value});
	}

	if (fields.groupMappings) {
		const wanted = new Map<string, string[]>();
		const writtenAs = new Map<string, string>();
		let valid = true;
		for (const entry of fields.groupMappings.entries) {
			const field = fieldPath('group_mappings', entry.role);
			const written = entry.role.trim();
			// A key the server holds but the catalogue lacks (a deleted custom
			// role) may stay as it is, so that export then apply changes nothing.
			const onServer = Object.hasOwn(loaded.group_mappings, written);
			const kept = onServer && sameList(loaded.group_mappings[written]!, entry.groups) ? [written] : [];
			const key = resolveRole(entry.role, catalog, kept);
			if (!key.ok) {
				const extra = onServer
					? ' It is still mapped on the server, so it may be kept with its groups unchanged, or removed.'
					: '';
				result.problems.push({line: entry.line, field, message: key.message + extra});
				valid = false;
				continue;
			}

			const earlier = writtenAs.get(key.key);
			if (earlier !== undefined) {
				result.problems.push({line: entry.line, field, message: `"${entry.role}" and "${earlier}" are the same role (${catalog.label(key.key)}); list its groups once`});
				valid = false;
				continue;
			}

			writtenAs.set(key.key, entry.role);
			wanted.set(key.key, [...entry.groups]);
		}

		if (valid && !sameMappings(loaded.group_mappings, wanted)) {
			result.edits.push({type: 'set-mappings', mappings: inLoadedOrder(loaded.group_mappings, wanted)});
		}
	}

	return result;
}

export type FilePlan = {
	edits: Edit[];
	draft: Draft;
	diff: ConnectionDiff;
	warnings: Warning[];
	/** Nothing to send. */
	empty: boolean;
	/** The PUT body; undefined when empty, or when group sync is unknown and the file does not set it. */
	body?: EnterpriseConnection;
	problems: FileProblem[];
	notes: FileProblem[];
};

/** Everything `plan` shows and `apply` sends, from a checked file and a loaded connection. */
export function planFromFile(fields: ChangeFields, loaded: LoadedConnection, catalog: RoleCatalog, organization?: Organization): FilePlan {
	const {edits, problems, notes} = editsFromFile(fields, loaded, catalog, organization);
	const draft = applyEdits(loaded, edits);
	const diff = diffConnection(loaded, draft);
	const warnings = warningsFor(draft, catalog);
	const empty = isEmptyDiff(diff);
	const plan: FilePlan = {edits, draft, diff, warnings, empty, problems: [...problems], notes};
	if (problems.length > 0 || empty) {
		return plan;
	}

	if (draft.enforceGroupSync === undefined) {
		plan.problems.push({
			field: 'enforce_group_sync',
			message: 'the server did not say whether group sync is enforced, and a PUT must say it; add enforce_group_sync: true or false to the file',
		});
		return plan;
	}

	plan.body = buildPutBody(loaded, draft);
	return plan;
}

type Resolved = {ok: true; key: string} | {ok: false; message: string};

/** A role as written to the API's key; `keep` lists unknown keys accepted as they are. */
export function resolveRole(reference: string, catalog: RoleCatalog, keep: readonly string[] = []): Resolved {
	const resolution = catalog.resolve(reference);
	if (resolution.ok) {
		return resolution;
	}

	if (keep.includes(reference.trim())) {
		return {ok: true, key: reference.trim()};
	}

	if (resolution.reason === 'ambiguous') {
		const candidates = resolution.candidates.map(role => role.key).join(', ');
		return {ok: false, message: `role name "${reference}" is ambiguous: ${resolution.candidates.length} roles have it (${candidates}); write the UUID of the one you mean`};
	}

	return {ok: false, message: `unknown role "${reference}"; this organization's roles are: ${availableRoles(catalog.roles)}`};
}

/** `Admin (admin), ..., Security Auditor (5d1e...)` */
export function availableRoles(roles: readonly Role[]): string {
	return roles.map(role => `${role.name} (${role.key})`).join(', ');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Same roles with the same groups in the same order; key order does not matter. */
function sameMappings(a: GroupMappings, b: ReadonlyMap<string, string[]>): boolean {
	const keys = Object.keys(a);
	return keys.length === b.size && keys.every(key => b.has(key) && sameList(a[key]!, b.get(key)!));
}

/** Roles already on the server keep their place; new ones follow in file order. */
function inLoadedOrder(loaded: GroupMappings, wanted: ReadonlyMap<string, string[]>): GroupMappings {
	const first = Object.keys(loaded).filter(key => wanted.has(key));
	const rest = [...wanted.keys()].filter(key => !Object.hasOwn(loaded, key));
	return Object.fromEntries([...first, ...rest].map(key => [key, wanted.get(key)!]));
}
