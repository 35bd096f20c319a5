import {Text} from 'ink';
import {useTheme} from '../theme.js';

/**
 * A text field's look only; keys are handled by the step that owns it, so
 * the step decides what Enter and a paste mean. Multi-line values (a paste)
 * show as their line count.
 */
export function TextInput({value, placeholder, focused = true, mask}: {value: string; placeholder?: string; focused?: boolean; mask?: string}) {
	const theme = useTheme();
	const lines = value.split('\n');
	const shown = mask ? mask.repeat(value.length) : lines.length > 1 ? `${lines.at(-1)}` : value;
	const cursor = focused ? (theme.caps.unicode ? '▌' : '_') : '';
	return (
		<Text>
			{lines.length > 1 && !mask ? <Text dimColor>{`[${lines.length - 1} pasted lines] `}</Text> : null}
			{value === '' && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{shown}</Text>}
			<Text color={theme.color('cyan')}>{cursor}</Text>
		</Text>
	);
}
