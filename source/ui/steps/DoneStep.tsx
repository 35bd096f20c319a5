import {Box, Text} from 'ink';
import type {EnterpriseConnection, LoadedConnection} from '../../model/connection.js';
import {sameConnection} from '../../model/diff.js';
import type {RoleCatalog} from '../../model/roles.js';
import {roleLabel, syncLabel} from '../../present/diff-lines.js';
import type {KeyHint} from '../components/Footer.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';

export const doneHints: KeyHint[] = [{keys: 'Enter/q', action: 'exit'}];

/** The server's answer to the PUT, read back rather than assumed. */
export function DoneStep({applied, sent, catalog, onExit}: {applied: LoadedConnection; sent: EnterpriseConnection; catalog: RoleCatalog; onExit: () => void}) {
	const theme = useTheme();
	useStepInput((input, key) => {
		if (key.return || key.escape || input === 'q') {
			onExit();
		}
	});
	const matches = sameConnection(applied, sent);
	const roles = Object.keys(applied.group_mappings);
	return (
		<Box flexDirection="column">
			<Text color={theme.color('green')} bold>{`${theme.symbols.tick} Saved. The server now holds for ${applied.connection_name}:`}</Text>
			<Text>{`  default role: ${roleLabel(catalog, applied.default_role)}`}</Text>
			<Text>{`  enforce group sync: ${syncLabel(applied.enforce_group_sync)}`}</Text>
			<Text>{`  group mappings: ${roles.length} role${roles.length === 1 ? '' : 's'}, ${roles.reduce((sum, role) => sum + applied.group_mappings[role]!.length, 0)} groups`}</Text>
			{matches ? null : <Text color={theme.color('yellow')}>{`${theme.symbols.warning} The server's answer differs from what was sent; check it with qovery-sso show.`}</Text>}
		</Box>
	);
}
