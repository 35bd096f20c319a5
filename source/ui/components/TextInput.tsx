import {Text} from 'ink';
import stringWidth from 'string-width';
import {fitTail, fitWidth} from '../../present/text-width.js';
import {useTheme} from '../theme.js';

/**
 * A text field's look only; keys are handled by the step that owns it, so
 * the step decides what Enter and a paste mean. Multi-line values (a paste)
 * show as their line count.
 *
 * With `width` (the columns left for the field, cursor included) a long
 * value shows its end, where typing happens, behind the theme's ellipsis;
 * otherwise Ink would cut the end off, cursor and all. Screen readers get
 * the whole value (no width): a cut would be read out as part of it.
 */
export function TextInput({value, placeholder, focused = true, mask, width}: {value: string; placeholder?: string; focused?: boolean; mask?: string; width?: number}) {
	const theme = useTheme();
	const {ellipsis} = theme.symbols;
	const lines = value.split('\n');
	const pasted = lines.length > 1 && !mask ? `[${lines.length - 1} pasted lines] ` : '';
	const cursor = focused ? (theme.caps.unicode ? '▌' : '_') : '';
	const room = width === undefined ? Number.POSITIVE_INFINITY : Math.max(1, width - stringWidth(pasted) - cursor.length);
	const typed = mask ? mask.repeat(value.length) : lines.length > 1 ? `${lines.at(-1)}` : value;
	return (
		<Text>
			{pasted ? <Text dimColor>{pasted}</Text> : null}
			{value === '' && placeholder ? <Text dimColor>{fitWidth(placeholder, room, ellipsis)}</Text> : <Text>{fitTail(typed, room, ellipsis)}</Text>}
			<Text color={theme.color('cyan')}>{cursor}</Text>
		</Text>
	);
}
