import type {Draft} from './draft.js';
import {hasUnusualSpace, trimGroupName} from './groups.js';
import type {RoleCatalog} from './roles.js';

export type Warning = {
	code:
		| 'admin-lockout'
		| 'sync-without-mappings'
		| 'default-role-admin'
		| 'group-in-several-roles'
		| 'case-variants'
		| 'duplicate-group'
		| 'surrounding-spaces'
		| 'unusual-spaces'
		| 'unknown-role'
		| 'unknown-default-role'
		| 'sync-off-mappings-ignored';
	/** Needs the connection name typed before sending. */
	severity: 'danger' | 'caution' | 'note';
	message: string;
};

/**
 * What a person should read before this draft is sent. Pure: the same list
 * shows above the wizard's review and in `plan` output.
 */
export function warningsFor(draft: Draft, catalog: RoleCatalog): Warning[] {
	const warnings: Warning[] = [];
	const mapped = Object.entries(draft.mappings).filter(([, groups]) => groups.length > 0);
	const defaultLabel = catalog.label(draft.defaultRole);

	const syncOn = draft.enforceGroupSync === true;
	// With admin as the default role, users in no mapped group still get admin:
	// nobody is locked out (the default-role-admin caution says what happens).
	if (syncOn && draft.defaultRole !== 'admin' && !mapped.some(([role]) => role === 'admin')) {
		warnings.push({
			code: 'admin-lockout',
			severity: 'danger',
			message: `Group sync is enforced and no IdP group maps to admin: at their next sign-in every SSO user loses admin; members of mapped groups get those roles and everyone else, admins included, gets the default role ${defaultLabel}.`,
		});
	}

	if (syncOn && mapped.length === 0) {
		warnings.push({
			code: 'sync-without-mappings',
			severity: 'caution',
			message: `Group sync is enforced with no mappings at all: every SSO user gets the default role (${defaultLabel}) at their next sign-in.`,
		});
	}

	if (draft.enforceGroupSync === false && mapped.length > 0) {
		warnings.push({
			code: 'sync-off-mappings-ignored',
			severity: 'note',
			message: 'Group sync is off: Qovery ignores the group mappings until it is turned on.',
		});
	}

	if (draft.defaultRole === 'admin') {
		warnings.push({
			code: 'default-role-admin',
			severity: 'caution',
			message: 'The default role is admin: every SSO user who matches no mapped group becomes admin.',
		});
	}

	if (!catalog.has(draft.defaultRole)) {
		warnings.push({
			code: 'unknown-default-role',
			severity: 'caution',
			message: `The default role ${draft.defaultRole} is not among this organization's roles.`,
		});
	}

	const rolesByGroup = new Map<string, string[]>();
	for (const [role, groups] of mapped) {
		for (const group of new Set(groups)) {
			rolesByGroup.set(group, [...(rolesByGroup.get(group) ?? []), role]);
		}
	}

	for (const [group, roles] of rolesByGroup) {
		if (roles.length > 1) {
			const names = roles.map(role => catalog.label(role)).join(', ');
			warnings.push({
				code: 'group-in-several-roles',
				severity: 'caution',
				message: `Group "${group}" is mapped to several roles (${names}); which one a member gets is decided by Qovery's own rules.`,
			});
		}
	}

	for (const [role, groups] of mapped) {
		const label = catalog.label(role);
		const byFolded = new Map<string, string[]>();
		const counts = new Map<string, number>();
		for (const group of groups) {
			counts.set(group, (counts.get(group) ?? 0) + 1);
			const folded = foldGroupName(group);
			const variants = byFolded.get(folded) ?? [];
			if (!variants.includes(group)) {
				byFolded.set(folded, [...variants, group]);
			}
		}

		for (const variants of byFolded.values()) {
			if (variants.length > 1) {
				const list = variants.map(group => `"${group}"`).join(' and ');
				warnings.push({
					code: 'case-variants',
					severity: 'caution',
					message: `Under ${label}, ${list} differ only by letter case or spaces: only the IdP's exact name matches, so one of them may be a mistake.`,
				});
			}
		}

		for (const [group, count] of counts) {
			if (count > 1) {
				warnings.push({
					code: 'duplicate-group',
					severity: 'caution',
					message: `Under ${label}, "${group}" is listed ${count} times.`,
				});
			}
		}

		for (const group of groups) {
			if (group !== trimGroupName(group)) {
				warnings.push({
					code: 'surrounding-spaces',
					severity: 'caution',
					message: `Under ${label}, "${group}" starts or ends with a space, so it will never match what the IdP sends.`,
				});
			}

			if (hasUnusualSpace(group)) {
				warnings.push({
					code: 'unusual-spaces',
					severity: 'caution',
					message: `Under ${label}, "${group}" contains an unusual space character (such as a non-breaking space); check it is exactly what the IdP sends.`,
				});
			}
		}

		if (!catalog.has(role)) {
			warnings.push({
				code: 'unknown-role',
				severity: 'caution',
				message: `A mapping is for role key ${role}, which is no longer among this organization's roles (a deleted custom role?).`,
			});
		}
	}

	return warnings;
}

/**
 * What two spellings of a group have in common when they differ only by
 * letter case, surrounding whitespace or the kind of space between words.
 */
function foldGroupName(name: string): string {
	return trimGroupName(name).replace(/[\s\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g, ' ').toLowerCase();
}

export function needsTypedConfirmation(warnings: readonly Warning[]): boolean {
	return warnings.some(warning => warning.severity === 'danger');
}
