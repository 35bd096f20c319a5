import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {useTheme} from '../theme.js';

const unicodeFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const asciiFrames = ['-', '\\', '|', '/'];

/** A one-character spinner; a screen reader gets the label alone. */
export function Spinner({label}: {label: string}) {
	const theme = useTheme();
	const frames = theme.caps.unicode ? unicodeFrames : asciiFrames;
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (theme.caps.screenReader) {
			return;
		}

		// 8 frames a second: enough to look alive, few bytes over SSH.
		const timer = setInterval(() => setFrame(current => (current + 1) % frames.length), 125);
		return () => clearInterval(timer);
	}, [frames.length, theme.caps.screenReader]);
	return (
		<Text>
			{theme.caps.screenReader ? '' : <Text color={theme.color('cyan')}>{frames[frame]} </Text>}
			{label}
		</Text>
	);
}
