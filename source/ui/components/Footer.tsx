import {Box, Text} from 'ink';
import {type Theme, useTheme} from '../theme.js';

export type KeyHint = {keys: string; action: string};

/** The keys of the current step on one line, cut to fit with a mark. */
export function Footer({hints, columns}: {hints: readonly KeyHint[]; columns: number}) {
	const theme = useTheme();
	const separator = theme.caps.unicode ? ' · ' : ' | ';
	const parts = hints.map(hint => `${keyLabel(theme, hint.keys)} ${hint.action}`);
	let line = '';
	for (const part of parts) {
		const next = line === '' ? part : line + separator + part;
		if (next.length + theme.symbols.ellipsis.length > columns - 1) {
			line += theme.symbols.ellipsis;
			break;
		}

		line = next;
	}

	return (
		<Box>
			<Text dimColor wrap="truncate-end">{theme.caps.screenReader ? `Keys: ${parts.join('; ')}.` : line}</Text>
		</Box>
	);
}

/** Key names as the terminal can show them. */
export function keyLabel(theme: Theme, keys: string): string {
	return theme.caps.unicode && !theme.caps.screenReader ? keys : keys.replace('↑↓', 'Up/Down');
}
