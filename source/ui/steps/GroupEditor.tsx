import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {useRef, useState} from 'react';
import type {Edit} from '../../model/draft.js';
import {parseGroupEntry, splitGroupEntry} from '../../model/groups.js';
import type {KeyHint} from '../components/Footer.js';
import {TextInput} from '../components/TextInput.js';
import {fitWidth} from '../../present/text-width.js';
import {useLiveState} from '../hooks/use-live-state.js';
import {useScreenSize} from '../hooks/use-screen-size.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {windowStart} from '../list-state.js';
import {useTheme} from '../theme.js';
import {interpretTyped, withoutLastCharacter} from '../typed-input.js';

export const groupEditorHints: KeyHint[] = [
	{keys: 'Enter', action: 'add (alone: done)'},
	{keys: '↑↓', action: 'pick'},
	{keys: 'Del', action: 'remove'},
	{keys: 'Esc', action: 'done'},
];

/**
 * One role's groups, and a field to add more. The cursor rests on the field;
 * Up moves onto the groups, where Delete or Backspace removes one.
 */
export function GroupEditor({role, label, groups, height, onEdit, onDone}: {role: string; label: string; groups: readonly string[]; height: number; onEdit: (edit: Edit) => void; onDone: () => void}) {
	const theme = useTheme();
	const {columns} = useScreenSize();
	const [getValue, setValue] = useLiveState('');
	const windowRef = useRef(0);
	const [getCursor, setCursor] = useLiveState(groups.length);
	const value = getValue();
	const cursor = getCursor();
	const [note, setNote] = useState<{text: string; tone: 'ok' | 'error'} | undefined>();
	const onField = cursor >= groups.length;

	const submit = (text: string) => {
		if (text.trim() === '') {
			if (text === '') {
				onDone();
				return;
			}

			setNote({text: 'A group name cannot be empty.', tone: 'error'});
			setValue('');
			return;
		}

		const parsed = parseGroupEntry(text, groups);
		const notes: string[] = [];
		if (parsed.groups.length > 0) {
			onEdit({type: 'add-groups', role, groups: parsed.groups});
			notes.push(`Added ${parsed.groups.length}: ${parsed.groups.join(', ')}.`);
		}

		if (parsed.duplicates > 0) {
			notes.push(`${parsed.duplicates} already listed, skipped.`);
		}

		if (parsed.droppedAnswers.length > 0) {
			notes.push(`Ignored pasted line(s) ${parsed.droppedAnswers.map(answer => `"${answer}"`).join(', ')}: they look like answers to a prompt (type such a group alone to add it).`);
		}

		for (const rejected of parsed.rejected) {
			notes.push(`Refused "${rejected.group}": ${rejected.reason}.`);
		}

		if (parsed.groups.length === 0 && notes.length === 0) {
			notes.push('A group name cannot be empty.');
		}

		setNote({text: notes.join(' '), tone: parsed.groups.length > 0 && parsed.rejected.length === 0 ? 'ok' : 'error'});
		setValue('');
		setCursor(groups.length + parsed.groups.length);
	};

	useStepInput((input, key, paste) => {
		const value = getValue();
		const cursor = getCursor();
		const onField = cursor >= groups.length;
		if (key.escape) {
			// Typed but not added yet: the first Esc only clears it, so it is
			// never dropped without a word.
			if (value !== '') {
				setValue('');
				setNote({text: 'Cleared what was typed (it was not added). Esc again leaves.', tone: 'error'});
				return;
			}

			onDone();
			return;
		}

		if (key.upArrow) {
			setCursor(current => Math.max(0, Math.min(current, groups.length) - 1));
			return;
		}

		if (key.downArrow) {
			setCursor(current => Math.min(groups.length, current + 1));
			return;
		}

		if (!onField && (key.delete || key.backspace)) {
			const group = groups[cursor];
			if (group !== undefined) {
				onEdit({type: 'remove-group', role, group});
				setNote({text: `Removed "${group}".`, tone: 'ok'});
				setCursor(Math.min(cursor, groups.length - 1));
			}

			return;
		}

		if (key.return) {
			if (onField) {
				submit(value);
			} else {
				setCursor(groups.length);
			}

			return;
		}

		if (key.backspace || key.delete) {
			setValue(current => withoutLastCharacter(current));
			return;
		}

		if (key.ctrl || key.meta || key.tab) {
			return;
		}

		const typed = interpretTyped(input, paste);
		if (typed.kind === 'ignore') {
			return;
		}

		setCursor(groups.length);
		if (typed.kind === 'text') {
			setValue(current => current + typed.text);
		} else if (typed.kind === 'text-then-submit') {
			submit(value + typed.text);
		} else {
			// A multi-line paste is added at once, one group per line, and
			// nothing of it can spill into a later prompt. What was typed
			// before it keeps its own reading: names split at commas.
			const typedBefore = splitGroupEntry(value).entries.filter(entry => entry.trim() !== '');
			submit([...typedBefore, typed.text].join('\n'));
		}
	}, {text: true});

	// Title, two scroll marks, the field and a note of up to two rows.
	const listRows = Math.max(1, height - 7);
	const start = windowStart(Math.min(cursor, groups.length - 1), groups.length, listRows, windowRef.current);
	windowRef.current = start;
	const shown = groups.slice(start, start + listRows);
	const width = columns - 1;
	const {symbols} = theme;
	const reader = theme.caps.screenReader;
	const fieldLabel = (reader ? (onField ? 'Selected: ' : '') : onField ? `${symbols.pointer} ` : '  ') + (reader ? 'Add groups field, comma-separated or one per line: ' : 'Add: ');
	const noteText = note ? `${note.tone === 'error' ? symbols.cross : symbols.tick} ${note.text}` : ' ';
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">{fitWidth(`Groups for ${label} (${groups.length})`, width, symbols.ellipsis)}</Text>
			<Text dimColor>{start > 0 ? `  ${symbols.more.up} ${start} more` : ' '}</Text>
			{groups.length === 0 ? <Text dimColor>  none yet</Text> : null}
			{shown.map((group, index) => {
				const selected = start + index === cursor;
				// Quoted when it holds something unusual (spaces at the ends, control look-alikes).
				const shownName = JSON.stringify(group).slice(1, -1) === group ? group : JSON.stringify(group);
				const text = reader
					? `${selected ? `Selected group ${start + index + 1} of ${groups.length}: ` : ''}${shownName}${selected ? ', Delete removes it' : ''}`
					: `${selected ? `${symbols.pointer} ` : '  '}${symbols.bullet} ${shownName}${selected ? '  (Del removes)' : ''}`;
				return (
					<Box key={group} flexShrink={0}>
						<Text color={selected ? theme.color('cyan') : undefined} wrap="truncate-end">{fitWidth(text, width, symbols.ellipsis)}</Text>
					</Box>
				);
			})}
			<Text dimColor>{groups.length - start - shown.length > 0 ? `  ${symbols.more.down} ${groups.length - start - shown.length} more` : ' '}</Text>
			<Text wrap="truncate-end">
				{fieldLabel}
				<TextInput value={value} focused={onField && !reader} width={reader ? undefined : width - stringWidth(fieldLabel)} placeholder="Group-A, Group-B (Enter alone when done)" />
			</Text>
			<Text color={note?.tone === 'error' ? theme.color('red') : theme.color('green')} wrap="wrap">
				{fitWidth(noteText, width * 2, symbols.ellipsis)}
			</Text>
		</Box>
	);
}
