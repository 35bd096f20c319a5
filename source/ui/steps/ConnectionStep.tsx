import type {LoadedConnection} from '../../model/connection.js';
import {syncLabel} from '../../present/diff-lines.js';
import {SelectList} from '../components/SelectList.js';
import type {KeyHint} from '../components/Footer.js';

export const connectionHints: KeyHint[] = [
	{keys: 'type', action: 'filter'},
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'back'},
];

export function ConnectionStep({connections, current, height, onChoose, onBack}: {connections: readonly LoadedConnection[]; current?: string; height: number; onChoose: (name: string) => void; onBack: () => void}) {
	const items = connections.map(connection => {
		const mapped = Object.keys(connection.group_mappings).length;
		return {
			key: connection.connection_name,
			label: connection.connection_name,
			hint: `sync ${syncLabel(connection.enforce_group_sync)}, ${mapped} mapped role${mapped === 1 ? '' : 's'}`,
		};
	});
	return <SelectList label="connection" filterable items={items} height={height} initialKey={current} onSubmit={item => onChoose(item.key)} onBack={onBack} />;
}
