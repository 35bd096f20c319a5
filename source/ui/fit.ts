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
