import {Box, Text} from 'ink';
import type {Line, Tone} from '../../present/diff-lines.js';
import {fitWidth} from '../../present/text-width.js';
import {useScreenSize} from '../hooks/use-screen-size.js';
import {type Theme, useTheme} from '../theme.js';

function toneColor(theme: Theme, tone: Tone): string | undefined {
	switch (tone) {
		case 'added': {
			return theme.color('green');
		}

		case 'removed':
		case 'danger': {
			return theme.color('red');
		}

		case 'changed':
		case 'caution': {
			return theme.color('yellow');
		}

		case 'heading': {
			return theme.color('cyan');
		}

		default: {
			return undefined;
		}
	}
}

/**
 * A slice of marked lines (diff, warnings, JSON) that fits `height` rows;
 * `offset` scrolls it. Marks above and below say that more is there.
 */
export function LineView({lines, height, offset, wrap = false}: {lines: readonly Line[]; height: number; offset: number; wrap?: boolean}) {
	const theme = useTheme();
	const {columns} = useScreenSize();
	const rows = Math.max(1, height - 2);
	const start = Math.max(0, Math.min(offset, Math.max(0, lines.length - rows)));
	const shown = lines.slice(start, start + rows);
	const below = lines.length - start - shown.length;
	return (
		<Box flexDirection="column">
			<Text dimColor>{start > 0 ? `  ${theme.symbols.more.up} ${start} more line${start === 1 ? '' : 's'} (PgUp)` : ' '}</Text>
			{shown.map((line, index) => (
				<Box key={start + index} flexShrink={0}>
					<Text color={toneColor(theme, line.tone)} bold={line.tone === 'danger'} wrap={wrap ? 'wrap' : 'truncate-end'}>
						{fitWidth(`${' '.repeat(line.indent ?? 0)}${line.marker === '' ? '' : `${line.marker} `}${line.text}`, wrap ? Infinity : columns - 1, theme.symbols.ellipsis)}
					</Text>
				</Box>
			))}
			<Text dimColor>{below > 0 ? `  ${theme.symbols.more.down} ${below} more line${below === 1 ? '' : 's'} (PgDn)` : ' '}</Text>
		</Box>
	);
}
