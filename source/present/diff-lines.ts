import type {ConnectionDiff} from '../model/diff.js';
import type {Edit} from '../model/draft.js';
import type {RoleCatalog} from '../model/roles.js';
import type {Warning} from '../model/warnings.js';
import {wrapToWidth} from './text-width.js';

export type Tone = 'added' | 'removed' | 'changed' | 'heading' | 'plain' | 'danger' | 'caution' | 'note';

/** One line of a diff or warning list; the marker carries the meaning, colour only repeats it. */
export type Line = {marker: string; text: string; tone: Tone; indent?: number};

export type Markers = {arrow: string; warning: string};

export function syncLabel(value: boolean | undefined): string {
	return value === undefined ? 'unknown' : value ? 'on' : 'off';
}

/** A role as people read it: the name, with the key when it differs. */
export function roleLabel(catalog: RoleCatalog, key: string): string {
	const role = catalog.get(key);
	if (!role) {
		return `unknown role ${key}`;
	}

	return role.kind === 'basic' ? role.name : `${role.name} (${key})`;
}

/**
 *   ~ default role: Viewer -> DevOps
 *   ~ enforce group sync: off -> on
 *   + Release Manager: new mapping
 *       + Releasers
 */
export function diffLines(diff: ConnectionDiff, catalog: RoleCatalog, markers: Markers): Line[] {
	const lines: Line[] = [];
	if (diff.defaultRole) {
		lines.push({marker: '~', tone: 'changed', text: `default role: ${roleLabel(catalog, diff.defaultRole.before)} ${markers.arrow} ${roleLabel(catalog, diff.defaultRole.after)}`});
	}

	if (diff.groupSync) {
		lines.push({marker: '~', tone: 'changed', text: `enforce group sync: ${syncLabel(diff.groupSync.before)} ${markers.arrow} ${syncLabel(diff.groupSync.after)}`});
	}

	for (const change of diff.roles) {
		const label = roleLabel(catalog, change.role);
		if (change.status === 'added') {
			lines.push({marker: '+', tone: 'added', text: `${label}: new mapping`});
		} else if (change.status === 'removed') {
			lines.push({marker: '-', tone: 'removed', text: `${label}: mapping removed`});
		} else {
			lines.push({marker: '~', tone: 'changed', text: change.reordered ? `${label}: same groups, new order` : `${label}:`});
		}

		for (const group of change.addedGroups) {
			lines.push({marker: '+', tone: 'added', text: group, indent: 4});
		}

		for (const group of change.removedGroups) {
			lines.push({marker: '-', tone: 'removed', text: group, indent: 4});
		}
	}

	return lines;
}

export function warningLines(warnings: readonly Warning[], markers: Markers): Line[] {
	return warnings.map(warning => ({
		marker: warning.severity === 'note' ? 'i' : markers.warning,
		tone: warning.severity,
		text: warning.message,
	}));
}

/** Plain text for a terminal or a pipe: marker, indent, text. */
export function formatLines(lines: readonly Line[]): string {
	return lines.map(line => `${' '.repeat(line.indent ?? 0)}${line.marker} ${line.text}`).join('\n');
}

/**
 * Long lines split at spaces to fit `width` columns, continuation lines
 * indented under the text, so a scrolling view can count one row per line.
 */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
	const wrapped: Line[] = [];
	for (const line of lines) {
		const indent = line.indent ?? 0;
		const prefix = line.marker === '' ? 0 : line.marker.length + 1;
		const room = Math.max(10, width - indent - prefix);
		const pieces = wrapToWidth(line.text, room);
		for (const [index, piece] of pieces.entries()) {
			wrapped.push(index === 0 ? {...line, text: piece} : {...line, marker: ' '.repeat(line.marker.length), text: piece});
		}
	}

	return wrapped;
}

/** One edit in words, for "Undid: ..." and similar notes. */
export function describeEdit(edit: Edit, catalog: RoleCatalog): string {
	switch (edit.type) {
		case 'add-groups': {
			return `added ${edit.groups.map(group => `"${group}"`).join(', ')} to ${roleLabel(catalog, edit.role)}`;
		}

		case 'remove-group': {
			return `removed "${edit.group}" from ${roleLabel(catalog, edit.role)}`;
		}

		case 'remove-mapping': {
			return `removed the mapping of ${roleLabel(catalog, edit.role)}`;
		}

		case 'set-mappings': {
			return 'replaced all mappings';
		}

		case 'set-default-role': {
			return `default role set to ${roleLabel(catalog, edit.role)}`;
		}

		case 'set-group-sync': {
			return `group sync turned ${edit.enabled ? 'on' : 'off'}`;
		}

		case 'batch': {
			return edit.label;
		}
	}
}
