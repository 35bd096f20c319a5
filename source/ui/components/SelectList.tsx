import {Box, Text} from 'ink';
import {memo, useRef} from 'react';
import stringWidth from 'string-width';
import {fitWidth} from '../../present/text-width.js';
import {useLiveState} from '../hooks/use-live-state.js';
import {useScreenSize} from '../hooks/use-screen-size.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {filterItems, type ListItem, moveCursor, windowStart} from '../list-state.js';
import {useTheme} from '../theme.js';
import {interpretTyped, withoutLastCharacter} from '../typed-input.js';

export type SelectListProps<T extends ListItem> = {
	items: readonly T[];
	/** Rows the list may use, filter line and scroll marks included. */
	height: number;
	initialKey?: string;
	/** Key of the item to mark as the current value. */
	currentKey?: string;
	filterable?: boolean;
	isActive?: boolean;
	/** Name of the list for screen readers ("organization", "role"). */
	label: string;
	onSubmit: (item: T) => void;
	onBack?: () => void;
	/** Told where the cursor went, so a step can reopen the list at the same place. */
	onHighlight?: (item: T | undefined) => void;
	/** Letter keys a step handles itself (only when the list is not filterable). */
	onKey?: (input: string, item: T | undefined) => boolean;
};

/**
 * A windowed list: only the rows that fit are drawn, so a cursor move
 * rewrites a few lines whatever the list's length.
 *
 *   Filter: ac▌                     (filterable lists)
 *     ↑ 3 more
 *   ❯ Acme Corp  3f2a…
 *     Acme Labs  91bc…
 *     ↓ 12 more
 */
export function SelectList<T extends ListItem>(props: SelectListProps<T>) {
	const theme = useTheme();
	const {symbols} = theme;
	const {columns} = useScreenSize();
	const [getQuery, setQuery] = useLiveState('');
	// Where the window was last drawn: it stays put while the cursor is inside.
	const windowRef = useRef(0);
	const [getCursor, setCursor] = useLiveState(() => {
		const index = props.items.findIndex(item => item.key === props.initialKey);
		return index === -1 ? 0 : index;
	});
	const visibleFor = (query: string) => (props.filterable ? filterItems(props.items, query) : [...props.items]);
	const query = getQuery();
	const visible = visibleFor(query);
	const safeCursor = Math.min(getCursor(), Math.max(0, visible.length - 1));

	useStepInput(
		(input, key, paste) => {
			// Read fresh: an earlier key of the same read may have changed them.
			const query = getQuery();
			const visible = visibleFor(query);
			const safeCursor = Math.min(getCursor(), Math.max(0, visible.length - 1));
			if (key.escape) {
				if (props.filterable && query !== '') {
					setQuery('');
					setCursor(0);
				} else {
					props.onBack?.();
				}

				return;
			}

			if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.home || key.end) {
				const page = Math.max(1, props.height - 3);
				const last = visible.length - 1;
				const next = key.home
					? 0
					: key.end
						? last
						: moveCursor(safeCursor, key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : page, visible.length);
				setCursor(Math.max(0, next));
				props.onHighlight?.(visible[Math.max(0, next)]);
				return;
			}

			if (key.return) {
				const item = visible[safeCursor];
				if (item) {
					props.onSubmit(item);
				}

				return;
			}

			if (props.filterable && (key.backspace || key.delete)) {
				setQuery(current => withoutLastCharacter(current));
				setCursor(0);
				return;
			}

			if (key.ctrl || key.meta || key.tab) {
				return;
			}

			if (!props.filterable) {
				props.onKey?.(input, visible[safeCursor]);
				return;
			}

			// '?' on an empty filter opens the help instead.
			const typed = input === '?' && query === '' ? {kind: 'ignore' as const} : interpretTyped(input, paste);
			if (typed.kind === 'ignore') {
				return;
			}

			const nextQuery = query + typed.text.replace(/\n/g, ' ');
			setQuery(nextQuery);
			setCursor(0);
			if (typed.kind === 'text-then-submit') {
				const item = filterItems(props.items, nextQuery)[0];
				if (item) {
					props.onSubmit(item);
				}
			}
		},
		{isActive: props.isActive, text: props.filterable},
	);

	const filterRows = props.filterable ? 1 : 0;
	const rows = Math.max(1, props.height - filterRows - 2);
	const start = windowStart(safeCursor, visible.length, rows, windowRef.current);
	windowRef.current = start;
	const shown = visible.slice(start, start + rows);
	const above = start;
	const below = visible.length - start - shown.length;

	return (
		<Box flexDirection="column">
			{props.filterable ? (
				<Text>
					<Text dimColor>Filter: </Text>
					{query === '' ? <Text dimColor>type to filter</Text> : <Text>{query}</Text>}
					<Text dimColor>{`  (${visible.length} of ${props.items.length})`}</Text>
				</Text>
			) : null}
			<Text dimColor>{above > 0 ? `  ${symbols.more.up} ${above} more` : ' '}</Text>
			{shown.length === 0 ? <Text color={theme.color('yellow')}>  No {props.label} matches "{query}".</Text> : null}
			{shown.map((item, index) => {
				const selected = start + index === safeCursor;
				const current = item.key === props.currentKey;
				if (theme.caps.screenReader) {
					// Read aloud: say which entry is selected and where it sits.
					return (
						<Text key={item.key}>
							{`${selected ? `Selected ${props.label} ${start + index + 1} of ${visible.length}: ` : ''}${item.label.trim()}${current ? ', current value' : ''}${item.hint ? `, ${item.hint}` : ''}`}
						</Text>
					);
				}

				return <SelectRow key={item.key} label={item.label} hint={item.hint} selected={selected} current={current} columns={columns} />;
			})}
			<Text dimColor>{below > 0 ? `  ${symbols.more.down} ${below} more` : ' '}</Text>
		</Box>
	);
}

/**
 * One row, cut to the width here, hint first: rows never wrap or shrink.
 * Memoised: a cursor move re-renders the two rows whose selection changed.
 */
const SelectRow = memo(function SelectRow({label, hint, selected, current, columns}: {label: string; hint?: string; selected: boolean; current: boolean; columns: number}) {
	const theme = useTheme();
	const {symbols} = theme;
	const pointer = selected ? `${symbols.pointer} ` : ' '.repeat(symbols.pointer.length + 1);
	const mark = current ? ' (current)' : '';
	const room = columns - 1 - pointer.length - mark.length;
	const shownLabel = fitWidth(label, room, symbols.ellipsis);
	const left = room - stringWidth(shownLabel);
	const shownHint = hint && left > 6 ? fitWidth(`  ${hint}`, left, symbols.ellipsis) : '';
	return (
		<Box flexShrink={0}>
			<Text color={selected ? theme.color('cyan') : undefined} wrap="truncate-end">
				{pointer}
				<Text bold={selected}>{shownLabel}</Text>
				{current ? <Text color={theme.color('green')}>{mark}</Text> : null}
				{shownHint ? <Text dimColor>{shownHint}</Text> : null}
			</Text>
		</Box>
	);
});
