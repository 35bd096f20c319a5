import {Box, Text} from 'ink';
import {useState} from 'react';
import type {GroupMappings} from '../../model/connection.js';
import type {Edit} from '../../model/draft.js';
import type {RoleCatalog} from '../../model/roles.js';
import {roleLabel} from '../../present/diff-lines.js';
import type {KeyHint} from '../components/Footer.js';
import {SelectList} from '../components/SelectList.js';
import {GroupEditor, groupEditorHints} from './GroupEditor.js';
import stringWidth from 'string-width';
import {fitWidth, padWidth} from '../../present/text-width.js';
import {useTheme} from '../theme.js';

export const mappingListHints: KeyHint[] = [
	{keys: 'Enter', action: 'edit'},
	{keys: '/', action: 'find'},
	{keys: 'a', action: 'add'},
	{keys: 'd', action: 'del'},
	{keys: 'u', action: 'undo'},
	{keys: 'c', action: 'done'},
	{keys: 't', action: 'copy'},
	{keys: 'Esc', action: 'back'},
];

const pickRoleHints: KeyHint[] = [
	{keys: 'type', action: 'filter'},
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose role'},
	{keys: 'Esc', action: 'cancel'},
];

export type MappingsMode = {kind: 'list'} | {kind: 'pick-role'} | {kind: 'edit'; role: string};

export function mappingsHints(mode: MappingsMode): KeyHint[] {
	return mode.kind === 'list' ? mappingListHints : mode.kind === 'pick-role' ? pickRoleHints : groupEditorHints;
}

const addRow = '\u0000add';
const continueRow = '\u0000continue';
const templateRow = '\u0000template';

/**
 * The role → groups table and its editors:
 *
 *   Admin            Platform-Admins
 *   DevOps           DevOps, SRE
 * ! unknown role 9b2f…  Old-Team
 *   + Add a mapping
 *   → Continue to review
 */
export function MappingsStep({mappings, catalog, height, columns, mode, place, note, onNote, onPlace, onMode, onEdit, onUndo, onContinue, onTemplate, onBack}: {
	mappings: GroupMappings;
	catalog: RoleCatalog;
	height: number;
	columns: number;
	mode: MappingsMode;
	onMode: (mode: MappingsMode) => void;
	onEdit: (edit: Edit) => void;
	onUndo: () => void;
	/** The row the list was last on (kept by the wizard across steps). */
	place?: string;
	onPlace: (row: string | undefined) => void;
	/** What the last action did ("Removed the mapping of DevOps; u undoes it."). */
	note?: string;
	onNote?: (note: string) => void;
	onContinue: () => void;
	/** Start from another connection's settings. */
	onTemplate: () => void;
	onBack: () => void;
}) {
	const theme = useTheme();
	const [finding, setFinding] = useState(false);
	const roles = Object.keys(mappings);
	// The list shows names only; an unknown key is cut short, the review shows it whole.
	const listLabel = (role: string) => catalog.get(role)?.name ?? `unknown role ${role.slice(0, 8)}${theme.symbols.ellipsis}`;
	const nameWidth = Math.min(28, Math.max(8, ...roles.map(role => stringWidth(listLabel(role)))) + 2);

	if (mode.kind === 'pick-role') {
		const items = catalog.roles.map(role => ({
			key: role.key,
			label: role.name,
			hint: role.key in mappings ? `already mapped: ${mappings[role.key]!.length} group${mappings[role.key]!.length === 1 ? '' : 's'}` : role.kind === 'basic' ? 'basic role' : `custom role ${role.key}`,
			search: role.key,
		}));
		return (
			<Box flexDirection="column">
				<Text>Which role should IdP groups map to?</Text>
				<SelectList key="pick-role" label="role" filterable items={items} height={height - 1} onSubmit={item => {
					onPlace(item.key);
					onMode({kind: 'edit', role: item.key});
				}} onBack={() => onMode({kind: 'list'})} />
			</Box>
		);
	}

	if (mode.kind === 'edit') {
		return (
			<GroupEditor
				role={mode.role}
				label={roleLabel(catalog, mode.role)}
				groups={mappings[mode.role] ?? []}
				height={height}
				onEdit={onEdit}
				onDone={() => {
					// Leaving a new role with no group adds nothing: say so.
					if ((mappings[mode.role] ?? []).length === 0) {
						onNote?.(`No group was added, so ${roleLabel(catalog, mode.role)} has no mapping.`);
					}

					onMode({kind: 'list'});
				}}
			/>
		);
	}

	const items = [
		...roles.map(role => {
			const known = catalog.has(role);
			const groups = mappings[role]!;
			const label = known ? listLabel(role) : `${theme.symbols.warning} ${listLabel(role)}`;
			return {
				key: role,
				label: padWidth(label, nameWidth),
				hint: groups.length === 0 ? '(no groups: maps nothing)' : groups.join(', '),
				search: `${role} ${groups.join(' ')}`,
			};
		}),
		{key: addRow, label: '+ Add a mapping'},
		{key: templateRow, label: `${theme.symbols.bullet} Copy from another connection${theme.symbols.ellipsis}`},
		{key: continueRow, label: `${theme.symbols.arrow} Continue to review`},
	];
	return (
		<Box flexDirection="column">
			<Text>{roles.length === 0 ? 'No group mappings yet.' : `Group mappings (${roles.length} role${roles.length === 1 ? '' : 's'}):`}</Text>
			<SelectList
				key="mappings"
				label="mapping"
				items={items}
				height={height - 2}
				initialKey={place && (place in mappings || place.startsWith('\u0000')) ? place : roles.length === 0 ? addRow : roles[0]}
				onHighlight={item => onPlace(item?.key)}
				onSubmit={item => {
					if (item.key === addRow) {
						onMode({kind: 'pick-role'});
					} else if (item.key === continueRow) {
						onContinue();
					} else if (item.key === templateRow) {
						onTemplate();
					} else {
						setFinding(false);
						onPlace(item.key);
						onMode({kind: 'edit', role: item.key});
					}
				}}
				// "/" finds a role by name in a long list; letters are commands otherwise.
				filterable={finding}
				onBack={() => (finding ? setFinding(false) : onBack())}
				onKey={(input, item) => {
					if (input === '/') {
						setFinding(true);
					} else if (input === 'a' || input === '+') {
						onMode({kind: 'pick-role'});
					} else if ((input === 'd' || input === 'x') && item && !item.key.startsWith('\u0000')) {
						onEdit({type: 'remove-mapping', role: item.key});
					} else if (input === 'u') {
						onUndo();
					} else if (input === 'c') {
						onContinue();
					} else if (input === 't') {
						onTemplate();
					} else {
						return false;
					}

					return true;
				}}
			/>
			{note ? (
				<Text color={theme.color('green')} wrap="truncate-end">{fitWidth(note, columns - 1, theme.symbols.ellipsis)}</Text>
			) : (
				<Text dimColor wrap="truncate-end">{roles.some(role => !catalog.has(role)) ? fitWidth(`${theme.symbols.warning} marks a role key this organization no longer has: d removes it.`, columns - 1, theme.symbols.ellipsis) : ' '}</Text>
			)}
		</Box>
	);
}
