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

/** First index of the window of `height` rows that keeps the cursor in view. */
export function windowStart(cursor: number, length: number, height: number): number {
	if (length <= height) {
		return 0;
	}

	const centred = cursor - Math.floor(height / 2);
	return Math.min(Math.max(0, centred), length - height);
}
