/**
 * The pure part of a selectable, filterable list: which items match the
 * filter, where the cursor is, and which slice fits on screen.
 */

export type ListItem = {
	key: string;
	label: string;
	/** Shown dimmed after the label (an id, "current"...). */
	hint?: string;
	/** Extra words the filter matches on, such as the id. */
	search?: string;
};

export type ListState = {query: string; cursor: number};

export function filterItems<T extends ListItem>(items: readonly T[], query: string): T[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) {
		return [...items];
	}

	return items.filter(item => {
		const haystack = `${item.label} ${item.search ?? ''}`.toLowerCase();
		return words.every(word => haystack.includes(word));
	});
}

export function moveCursor(cursor: number, delta: number, length: number): number {
	if (length === 0) {
		return 0;
	}

	return Math.min(length - 1, Math.max(0, cursor + delta));
}

/**
 * First index of the window of `height` rows showing the cursor. The window
 * moves only when the cursor leaves it, so a cursor move inside it redraws
 * two lines, not the whole list (bytes matter over SSH).
 */
export function windowStart(cursor: number, length: number, height: number, previousStart = 0): number {
	if (length <= height) {
		return 0;
	}

	let start = Math.min(Math.max(0, previousStart), length - height);
	if (cursor < start) {
		start = cursor;
	} else if (cursor >= start + height) {
		start = cursor - height + 1;
	}

	return Math.min(Math.max(0, start), length - height);
}
