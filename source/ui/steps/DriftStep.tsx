import {Box, Text} from 'ink';
import type {LoadedConnection} from '../../model/connection.js';
import {diffConnection} from '../../model/diff.js';
import {draftFromConnection} from '../../model/draft.js';
import type {RoleCatalog} from '../../model/roles.js';
import {diffLines} from '../../present/diff-lines.js';
import type {KeyHint} from '../components/Footer.js';
import {LineView} from '../components/LineView.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';

export const driftHints: KeyHint[] = [
	{keys: 'r', action: 'reload and re-apply my edits'},
	{keys: 'q', action: 'quit without sending'},
];

/** Someone changed the connection since it was loaded: show what, send nothing. */
export function DriftStep({loaded, server, catalog, height, onReload, onQuit}: {loaded: LoadedConnection; server: LoadedConnection; catalog: RoleCatalog; height: number; onReload: () => void; onQuit: () => void}) {
	const theme = useTheme();
	const lines = diffLines(diffConnection(loaded, draftFromConnection(server)), catalog, {arrow: theme.symbols.arrow, warning: theme.symbols.warning});
	useStepInput((input, key) => {
		if (input === 'r') {
			onReload();
		} else if (input === 'q' || key.escape) {
			onQuit();
		}
	});
	return (
		<Box flexDirection="column">
			<Text color={theme.color('yellow')} bold>{`${theme.symbols.warning} The connection changed on the server since you loaded it. Nothing was sent.`}</Text>
			<Text>Changed on the server meanwhile:</Text>
			<LineView lines={lines} height={height - 3} offset={0} />
			<Text>r reloads it and re-applies your edits on top (you review again); q quits.</Text>
		</Box>
	);
}
