/**
 * The file `export` writes: the connection's current settings in the change
 * file format (see model/change-file.ts), so that `apply` reads it back as
 * "no changes". Pure: text in, text out.
 */
import {Document, isScalar, type Pair, type Scalar, type YAMLMap} from 'yaml';
import type {LoadedConnection, Organization} from '../model/connection.js';
import type {RoleCatalog} from '../model/roles.js';

export type ExportOptions = {
	/** Custom roles by name instead of UUID, to copy a mapping to another organization. */
	roleNames: boolean;
};

/** How each role key of the connection is written, and why. */
export type ExportedRole = {
	key: string;
	written: string;
	/** For the YAML comment above it. */
	comment?: string;
	unknown: boolean;
};

export type ExportData = {
	/** In the order written; `connection_name` is left out with roleNames (the file is for another connection). */
	object: Record<string, unknown>;
	roles: ExportedRole[];
	defaultRole: ExportedRole;
	/** Things worth telling on stderr (unknown keys, unknown sync). */
	notes: string[];
};

export function exportData(organization: Organization, loaded: LoadedConnection, catalog: RoleCatalog, options: ExportOptions): ExportData {
	const notes: string[] = [];
	const write = (key: string): ExportedRole => writtenRole(key, catalog, options.roleNames);
	const roles = Object.keys(loaded.group_mappings).map(write);
	const defaultRole = write(loaded.default_role);
	// With role names, unknown mapping keys are left out (said below), not exported.
	for (const role of options.roleNames ? [defaultRole] : [defaultRole, ...roles]) {
		if (role.unknown && !notes.some(note => note.includes(role.key))) {
			notes.push(`Role key ${role.key} is not among ${organization.name}'s roles (a deleted custom role?); it is exported as it is.`);
		}
	}

	if (loaded.enforce_group_sync === undefined) {
		notes.push('The server did not say whether group sync is enforced, so enforce_group_sync is left out; add true or false before applying a change.');
	}

	const object: Record<string, unknown> = {organization: {id: organization.id, name: organization.name}};
	if (!options.roleNames) {
		object.connection_name = loaded.connection_name;
	}

	object.default_role = defaultRole.written;
	if (loaded.enforce_group_sync !== undefined) {
		object.enforce_group_sync = loaded.enforce_group_sync;
	}

	// A file for another organization cannot carry a role key that exists
	// nowhere (a deleted custom role): it would only fail there. Left out, said.
	const carried = options.roleNames ? roles.filter(role => !role.unknown) : roles;
	if (carried.length < roles.length) {
		notes.push(`With --role-names, the mapping of ${roles.filter(role => role.unknown).map(role => role.key).join(', ')} is left out: no organization has that role.`);
	}

	object.group_mappings = Object.fromEntries(carried.map(role => [role.written, [...loaded.group_mappings[role.key]!]]));
	return {object, roles: carried, defaultRole, notes};
}

export function exportJson(data: ExportData): string {
	return `${JSON.stringify(data.object, null, 2)}\n`;
}

export function exportYaml(data: ExportData, organization: Organization, loaded: LoadedConnection): string {
	const document = new Document(data.object);
	const header = [
		` qovery-sso export of connection ${loaded.connection_name} in ${organization.name}.`,
		' Check it with: qovery-sso plan --file FILE; send it with: qovery-sso apply --file FILE',
		' A key left out keeps the server\'s value. group_mappings is the WHOLE mapping:',
		' a role missing from it loses all its groups.',
	];
	if (!('connection_name' in data.object)) {
		header.push(` Role names instead of UUIDs, for another organization; no connection_name (was ${loaded.connection_name}).`);
	}

	document.commentBefore = header.map(oneLine).join('\n');
	const top = document.contents as YAMLMap<Scalar, unknown>;
	const pair = (key: string) => top.items.find(item => isScalar(item.key) && item.key.value === key) as Pair<Scalar, unknown> | undefined;

	const defaultPair = pair('default_role');
	if (defaultPair && data.defaultRole.comment && isScalar(defaultPair.value)) {
		defaultPair.value.comment = oneLine(` ${data.defaultRole.comment}`);
	}

	const mappingsPair = pair('group_mappings');
	if (mappingsPair) {
		if (loaded.enforce_group_sync === undefined) {
			mappingsPair.key.commentBefore = ' enforce_group_sync: the server does not say; add true or false here before applying a change';
		}

		const mappings = mappingsPair.value as YAMLMap<Scalar, unknown>;
		mappings.items.forEach((item, index) => {
			const comment = data.roles[index]?.comment;
			if (comment) {
				item.key.commentBefore = oneLine(` ${comment}`);
			}
		});
	}

	return document.toString({lineWidth: 0});
}

function writtenRole(key: string, catalog: RoleCatalog, byName: boolean): ExportedRole {
	const role = catalog.get(key);
	if (!role) {
		return {key, written: key, unknown: true, comment: 'unknown role: not among this organization\'s roles (a deleted custom role?)'};
	}

	if (role.kind === 'basic') {
		return {key, written: key, unknown: false};
	}

	if (!byName) {
		return {key, written: key, unknown: false, comment: role.name};
	}

	// Only a name that reads back as this same role can stand for it.
	const back = catalog.resolve(role.name);
	if (back.ok && back.key === key && role.name.trim() === role.name) {
		return {key, written: role.name, unknown: false};
	}

	return {key, written: key, unknown: false, comment: `${role.name} (kept by UUID: the name does not identify this role alone)`};
}

/** A comment holds one line; a role name with control characters must not break out of it. */
function oneLine(text: string): string {
	return text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ');
}
