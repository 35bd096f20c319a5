import {graphemesOf} from '../present/text-width.js';

/**
 * What a text field should do with one Ink input event. Ink hands over a
 * whole read as one string when it holds no escape sequence, so fast typing
 * over SSH can bring "abc\r" at once and a paste many lines at once.
 */
export type TypedInput =
	| {kind: 'text'; text: string}
	| {kind: 'text-then-submit'; text: string}
	| {kind: 'multiline'; text: string}
	| {kind: 'ignore'};

// Control characters other than newlines and tab never become text.
const strayControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function interpretTyped(input: string, paste = false): TypedInput {
	const clean = input.replace(strayControl, '').replace(/\t/g, ' ');
	if (clean === '') {
		return {kind: 'ignore'};
	}

	const normalized = clean.replace(/\r\n?/g, '\n');
	if (!normalized.includes('\n')) {
		return {kind: 'text', text: normalized};
	}

	const body = normalized.replace(/\n+$/, '');
	// One line and then Enter, typed quickly: the same as typing then Enter.
	if (!paste && !body.includes('\n')) {
		return {kind: 'text-then-submit', text: body};
	}

	return {kind: 'multiline', text: body};
}

/** The text without its last character as a person sees it: a whole emoji, a letter with its accent. */
export function withoutLastCharacter(text: string): string {
	const graphemes = graphemesOf(text);
	return graphemes.slice(0, -1).join('');
}
