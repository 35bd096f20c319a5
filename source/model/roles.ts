import type {AvailableRole} from './connection.js';

/** Qovery's built-in roles, keyed in mappings by their lowercase name. */
export const basicRoleKeys = ['admin', 'devops', 'billing', 'viewer'] as const;

export type BasicRoleKey = (typeof basicRoleKeys)[number];

export function isBasicRoleKey(key: string): key is BasicRoleKey {
	return (basicRoleKeys as readonly string[]).includes(key);
}

/** A role as people see it (name) and as the API wants it (key). */
export type Role = {
	key: string;
	name: string;
	kind: 'basic' | 'custom';
};

/**
 * The roles of one organization, able to turn names into keys and back.
 *
 * `GET availableRole` lists basic and custom roles alike, each with a UUID.
 * Mappings and `default_role` key a basic role by its lowercase name and a
 * custom role by its UUID, so the catalogue derives each role's key here.
 */
export class RoleCatalog {
	readonly roles: readonly Role[];
	readonly #byKey: Map<string, Role>;

	constructor(available: readonly AvailableRole[]) {
		const roles: Role[] = [];
		const seenBasic = new Set<string>();
		for (const entry of available) {
			const lower = entry.name.trim().toLowerCase();
			// A custom role may share a basic role's name; the first entry with
			// that name is taken as the basic one, as Qovery lists basics first.
			if (isBasicRoleKey(lower) && !seenBasic.has(lower)) {
				seenBasic.add(lower);
				roles.push({key: lower, name: entry.name, kind: 'basic'});
			} else {
				roles.push({key: entry.id, name: entry.name, kind: 'custom'});
			}
		}

		this.roles = roles;
		this.#byKey = new Map(roles.map(role => [role.key, role]));
	}

	has(key: string): boolean {
		return this.#byKey.has(key);
	}

	get(key: string): Role | undefined {
		return this.#byKey.get(key);
	}

	/** A readable label for a key: the role's name, or the key marked unknown. */
	label(key: string): string {
		const role = this.#byKey.get(key);
		return role ? role.name : `unknown role ${key}`;
	}

	/**
	 * Resolve what a person wrote (basic name, custom name or key) to a key.
	 * Names compare without case; a name two custom roles share is ambiguous.
	 */
	resolve(reference: string): RoleResolution {
		const wanted = reference.trim();
		if (this.#byKey.has(wanted)) {
			return {ok: true, key: wanted};
		}

		const lower = wanted.toLowerCase();
		if (this.#byKey.has(lower)) {
			return {ok: true, key: lower};
		}

		const byName = this.roles.filter(role => role.name.toLowerCase() === lower);
		if (byName.length === 1) {
			return {ok: true, key: byName[0]!.key};
		}

		if (byName.length > 1) {
			return {ok: false, reason: 'ambiguous', candidates: byName};
		}

		return {ok: false, reason: 'unknown', candidates: []};
	}
}

export type RoleResolution =
	| {ok: true; key: string}
	| {ok: false; reason: 'unknown' | 'ambiguous'; candidates: Role[]};
