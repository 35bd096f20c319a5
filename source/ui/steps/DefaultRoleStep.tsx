import {Box, Text} from 'ink';
import type {RoleCatalog} from '../../model/roles.js';
import {SelectList} from '../components/SelectList.js';
import type {KeyHint} from '../components/Footer.js';
import {useTheme} from '../theme.js';

export const defaultRoleHints: KeyHint[] = [
	{keys: 'type', action: 'filter'},
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'back'},
];

/** Every role of the organization; the one the draft holds is marked and preselected. */
export function DefaultRoleStep({catalog, current, loadedRole, height, onChoose, onBack}: {catalog: RoleCatalog; current: string; loadedRole: string; height: number; onChoose: (key: string) => void; onBack: () => void}) {
	const theme = useTheme();
	const items = catalog.roles.map(role => ({
		key: role.key,
		label: role.name,
		// Ids stay searchable but off screen: short rows, fewer bytes per move.
		hint: role.kind === 'basic' ? 'basic' : 'custom',
		search: role.key,
	}));
	const unknown = !catalog.has(current);
	return (
		<Box flexDirection="column">
			<Text>Users who match no mapped group get this role{theme.caps.screenReader ? '.' : ':'}</Text>
			{unknown ? <Text color={theme.color('yellow')}>{`${theme.symbols.warning} The current default role ${current} is not among this organization's roles: choose one.`}</Text> : null}
			<SelectList label="role" filterable items={items} height={height - (unknown ? 2 : 1)} initialKey={current} currentKey={loadedRole} onSubmit={item => onChoose(item.key)} onBack={onBack} />
		</Box>
	);
}
