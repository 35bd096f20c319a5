import stringWidth from 'string-width';

/**
 * Text measured and cut as a terminal shows it: in columns (a CJK character
 * takes two, an accent none) and by whole characters as a person sees them
 * (an emoji with its modifiers, a letter with its accent, a flag), never by
 * UTF-16 units, which would split them.
 */

let segmenter: Intl.Segmenter | undefined;

/** Printable ASCII: one column a character, so plain slicing is exact (most names are). */
const printableAscii = /^[\u0020-\u007E]*$/;

/** One at a time, so a cut can stop early in a long text. */
function* graphemes(text: string): Generator<string> {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	for (const {segment} of segmenter.segment(text)) {
		yield segment;
	}
}

export function graphemesOf(text: string): string[] {
	return [...graphemes(text)];
}

/** As many of `parts`, in their order, as fit in `room` columns. */
function within(parts: Iterable<string>, room: number): string[] {
	const kept: string[] = [];
	let used = 0;
	for (const part of parts) {
		used += stringWidth(part);
		if (used > room) {
			break;
		}

		kept.push(part);
	}

	return kept;
}

/** Pad with spaces to `width` columns. */
export function padWidth(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/**
 * Cut text to `width` columns with the theme's ellipsis. Ink's own
 * truncation always uses "…", which a non-UTF-8 terminal cannot show.
 */
export function fitWidth(text: string, width: number, ellipsis: string): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const room = Math.max(0, width - stringWidth(ellipsis));
	if (printableAscii.test(text)) {
		return text.slice(0, room) + ellipsis;
	}

	const kept = within(graphemes(text), room).join('');
	return kept + ellipsis;
}

/**
 * Keep the end of text within `width` columns, the ellipsis in front: a field
 * being typed into shows its last characters, where the cursor is.
 */
export function fitTail(text: string, width: number, ellipsis: string): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const room = Math.max(0, width - stringWidth(ellipsis));
	if (printableAscii.test(text)) {
		return ellipsis + text.slice(text.length - room);
	}

	const kept = within(graphemesOf(text).reverse(), room).reverse().join('');
	return ellipsis + kept;
}

/**
 * Break text into pieces of at most `width` columns, at the last space that
 * fits when there is one, otherwise between two characters.
 */
export function wrapToWidth(text: string, width: number): string[] {
	if (stringWidth(text) <= width) {
		return [text];
	}

	const pieces: string[] = [];
	let line: string[] = [];
	let used = 0;
	let lastSpace = -1;
	for (const grapheme of graphemesOf(text)) {
		const next = stringWidth(grapheme);
		if (used + next > width && line.length > 0) {
			if (lastSpace > 0) {
				pieces.push(line.slice(0, lastSpace).join(''));
				line = line.slice(lastSpace + 1);
			} else {
				pieces.push(line.join(''));
				line = [];
			}

			used = stringWidth(line.join(''));
			lastSpace = line.lastIndexOf(' ');
		}

		if (grapheme === ' ' && line.length === 0 && pieces.length > 0) {
			// A break at a space takes the space with it.
			continue;
		}

		line.push(grapheme);
		used += next;
		if (grapheme === ' ') {
			lastSpace = line.length - 1;
		}
	}

	if (line.length > 0) {
		pieces.push(line.join(''));
	}

	return pieces;
}
