import stringWidth from 'string-width';

/**
 * Cut text to `width` terminal columns with the theme's ellipsis. Ink's own
 * truncation always uses "…", which a non-UTF-8 terminal cannot show.
 */
export function fitWidth(text: string, width: number, ellipsis: string): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const room = Math.max(0, width - stringWidth(ellipsis));
	let result = '';
	for (const character of text) {
		if (stringWidth(result + character) > room) {
			break;
		}

		result += character;
	}

	return result + ellipsis;
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
	const characters = [...text];
	let result = '';
	for (let index = characters.length - 1; index >= 0; index--) {
		if (stringWidth(characters[index]! + result) > room) {
			break;
		}

		result = characters[index]! + result;
	}

	return ellipsis + result;
}
