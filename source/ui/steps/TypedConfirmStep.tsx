import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {useState} from 'react';
import type {Warning} from '../../model/warnings.js';
import type {KeyHint} from '../components/Footer.js';
import {TextInput} from '../components/TextInput.js';
import {useLiveState} from '../hooks/use-live-state.js';
import {useScreenSize} from '../hooks/use-screen-size.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';
import {interpretTyped, withoutLastCharacter} from '../typed-input.js';
import {wrapToWidth} from '../../present/text-width.js';

export const typedConfirmHints: KeyHint[] = [
	{keys: 'type', action: 'the connection name'},
	{keys: 'Enter', action: 'confirm'},
	{keys: 'Esc', action: 'back to review'},
];

/** A dangerous change is confirmed by typing the connection's name, not by a reflex Enter. */
export function TypedConfirmStep({connectionName, dangers, onConfirm, onBack}: {connectionName: string; dangers: readonly Warning[]; onConfirm: () => void; onBack: () => void}) {
	const theme = useTheme();
	const {columns} = useScreenSize();
	const [getValue, setValue] = useLiveState('');
	const value = getValue();
	const [mismatch, setMismatch] = useState(false);
	const [pasteRefused, setPasteRefused] = useState(false);
	const check = (typed: string) => {
		if (typed.trim() === connectionName) {
			onConfirm();
		} else {
			setMismatch(true);
			setValue('');
		}
	};

	useStepInput((input, key, paste) => {
		const value = getValue();
		if (key.escape) {
			onBack();
		} else if (key.return) {
			check(value);
		} else if (key.backspace || key.delete) {
			setValue(current => withoutLastCharacter(current));
		} else if (!key.ctrl && !key.meta) {
			const typed = interpretTyped(input, paste);
			if (typed.kind === 'text') {
				setPasteRefused(false);
				setValue(current => current + typed.text);
			} else if (typed.kind === 'text-then-submit') {
				check(value + typed.text);
			} else if (typed.kind === 'multiline') {
				// Never an answer: the name must be typed (or pasted) on its own.
				setPasteRefused(true);
			}
		}
	}, {text: true});

	return (
		<Box flexDirection="column">
			{dangers.flatMap(danger => {
				// Wrapped here, continuation lines under the text: Ink's own wrap starts them with a space.
				const lead = `${theme.symbols.warning} `;
				return wrapToWidth(danger.message, Math.max(20, columns - 1 - stringWidth(lead))).map((line, index) => (
					<Text key={`${danger.code}-${index}`} color={theme.color('red')} bold>{`${index === 0 ? lead : ' '.repeat(stringWidth(lead))}${line}`}</Text>
				));
			})}
			<Text> </Text>
			<Text>
				Type the connection name <Text bold>{connectionName}</Text> to send anyway:
			</Text>
			<Text>
				{`${theme.symbols.pointer} `}
				<TextInput value={value} width={theme.caps.screenReader ? undefined : columns - 1 - stringWidth(`${theme.symbols.pointer} `)} />
			</Text>
			<Text color={theme.color('red')}>{mismatch ? `${theme.symbols.cross} That is not the connection name; nothing was sent.` : pasteRefused ? `${theme.symbols.cross} Several lines were pasted; type or paste the name alone.` : ' '}</Text>
		</Box>
	);
}
