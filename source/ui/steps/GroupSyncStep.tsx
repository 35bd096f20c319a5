import {Box, Text} from 'ink';
import {SelectList} from '../components/SelectList.js';
import type {KeyHint} from '../components/Footer.js';
import {useTheme} from '../theme.js';

export const groupSyncHints: KeyHint[] = [
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'back'},
];

const choices = [
	{key: 'on', label: 'On', hint: 'roles follow IdP groups at every sign-in, as mapped next'},
	{key: 'off', label: 'Off', hint: 'no sync: roles stay as set in Qovery, mappings ignored'},
];

export function GroupSyncStep({current, loaded, height, onChoose, onBack}: {current: boolean | undefined; loaded: boolean | undefined; height: number; onChoose: (enabled: boolean) => void; onBack: () => void}) {
	const theme = useTheme();
	const currentKey = loaded === undefined ? undefined : loaded ? 'on' : 'off';
	return (
		<Box flexDirection="column">
			<Text>Enforce group sync?</Text>
			{loaded === undefined ? <Text color={theme.color('yellow')}>{`${theme.symbols.warning} The server did not report this setting (unknown): choose on or off explicitly.`}</Text> : null}
			<SelectList label="choice" items={choices} height={Math.min(height - 2, 5)} initialKey={current === undefined ? undefined : current ? 'on' : 'off'} currentKey={currentKey} onSubmit={item => onChoose(item.key === 'on')} onBack={onBack} />
		</Box>
	);
}
