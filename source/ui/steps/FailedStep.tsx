import {Box, Text} from 'ink';
import type {KeyHint} from '../components/Footer.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';
import {UsageError} from '../outcome.js';

export const failedHints: KeyHint[] = [
	{keys: 'r', action: 'retry'},
	{keys: 'q/Esc', action: 'quit'},
];

export function FailedStep({error, onRetry, onQuit}: {error: Error; onRetry: () => void; onQuit: () => void}) {
	const theme = useTheme();
	const retryable = !(error instanceof UsageError);
	useStepInput((input, key) => {
		if (input === 'r' && retryable) {
			onRetry();
		} else if (input === 'q' || key.escape || key.return) {
			onQuit();
		}
	});
	const hint = 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
	return (
		<Box flexDirection="column">
			<Text color={theme.color('red')} wrap="wrap">{`${theme.symbols.cross} ${error.message}`}</Text>
			{hint ? <Text wrap="wrap">{hint}</Text> : null}
			<Text dimColor>{retryable ? 'r tries again; q quits. Nothing was sent.' : 'q quits. Nothing was sent.'}</Text>
		</Box>
	);
}
