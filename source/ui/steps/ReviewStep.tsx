import {Box, Text} from 'ink';
import {useState} from 'react';
import {answerLost, ApiError} from '../../api/errors.js';
import type {EnterpriseConnection} from '../../model/connection.js';
import type {ConnectionDiff} from '../../model/diff.js';
import {isEmptyDiff} from '../../model/diff.js';
import type {RoleCatalog} from '../../model/roles.js';
import type {Warning} from '../../model/warnings.js';
import {diffLines, type Line, warningLines, wrapLines} from '../../present/diff-lines.js';
import type {KeyHint} from '../components/Footer.js';
import {LineView} from '../components/LineView.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';

export const reviewHints: KeyHint[] = [
	{keys: 'Enter', action: 'send'},
	{keys: 'j', action: 'JSON body'},
	{keys: 'PgUp/PgDn', action: 'scroll'},
	{keys: 'Esc', action: 'back'},
	{keys: 'q', action: 'quit'},
];

export const noChangeHints: KeyHint[] = [
	{keys: 'Enter/q', action: 'exit'},
	{keys: 'Esc', action: 'back'},
];

/**
 * The change as it will be sent: warnings first, then the diff, scrollable
 * inside the screen so the question stays in view however long it is.
 */
export function ReviewStep({diff, warnings, catalog, body, height, columns, saveError, onConfirm, onBack, onQuit}: {
	diff: ConnectionDiff;
	warnings: readonly Warning[];
	catalog: RoleCatalog;
	body: EnterpriseConnection | undefined;
	height: number;
	columns: number;
	saveError?: Error;
	onConfirm: () => void;
	onBack: () => void;
	onQuit: () => void;
}) {
	const theme = useTheme();
	const [offset, setOffset] = useState(0);
	const [showJson, setShowJson] = useState(false);
	const empty = isEmptyDiff(diff);
	const markers = {arrow: theme.symbols.arrow, warning: theme.symbols.warning};
	const lines: Line[] = showJson
		? JSON.stringify(body ?? {}, null, 2).split('\n').map(text => ({marker: '', text, tone: 'plain'}))
		: wrapLines([...warningLines(warnings, markers), ...(warnings.length > 0 ? [{marker: '', text: ' ', tone: 'plain' as const}] : []), ...diffLines(diff, catalog, markers)], columns - 1);
	const errorText = saveError ? `${theme.symbols.cross} ${saveError.message}` : '';
	// After a lost or unreadable answer, Enter first re-reads the connection:
	// a change already in place is reported as saved, not sent twice.
	const fateUnknown = saveError instanceof ApiError && saveError.operation.startsWith('saving ') && (answerLost(saveError) || saveError.kind === 'shape');
	const hintText = saveError
		? `${'hint' in saveError ? String(saveError.hint) : ''} Your edits are kept: Enter tries again.${fateUnknown ? ' The change may already be in place: trying again first reads the connection and sends nothing if it is.' : ''}`.trim()
		: '';
	const rowsOf = (text: string) => Math.max(1, Math.ceil(text.length / Math.max(20, columns - 1)));
	const headerRows = saveError ? 2 + rowsOf(errorText) + rowsOf(hintText) : 2;
	const viewHeight = Math.max(3, height - headerRows);
	const page = Math.max(1, viewHeight - 3);

	useStepInput(input => {
		if (input === 'q') {
			onQuit();
		} else if (input === 'j' && !empty) {
			setShowJson(current => !current);
			setOffset(0);
		}
	});
	useStepInput((_input, key) => {
		if (key.escape) {
			onBack();
		} else if (key.return) {
			onConfirm();
		} else if (key.downArrow || key.pageDown) {
			setOffset(current => Math.min(Math.max(0, lines.length - page), current + (key.pageDown ? page : 1)));
		} else if (key.upArrow || key.pageUp) {
			setOffset(current => Math.max(0, current - (key.pageUp ? page : 1)));
		}
	});

	if (empty) {
		return (
			<Box flexDirection="column">
				<Text color={theme.color('green')}>{`${theme.symbols.tick} No changes: the connection already holds these settings. Nothing will be sent.`}</Text>
				{warnings.length > 0 ? <LineView lines={wrapLines(warningLines(warnings, markers), columns - 1)} height={height - 1} offset={offset} /> : null}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			{saveError ? (
				<Box flexDirection="column">
					<Text color={theme.color('red')} wrap="wrap">{errorText}</Text>
					<Text dimColor wrap="wrap">{hintText}</Text>
				</Box>
			) : null}
			<Text bold>{showJson ? 'The exact body of the PUT (j for the diff):' : 'Changes to send (j shows the exact JSON):'}</Text>
			<LineView lines={lines} height={viewHeight} offset={offset} />
			<Text color={theme.color('cyan')}>{saveError ? 'Send again? Enter sends, Esc goes back to edit.' : 'Send these changes? Enter sends, Esc goes back to edit.'}</Text>
		</Box>
	);
}
