/**
 * Turns raw terminal reads into whole chunks before Ink parses them.
 *
 * Ink 6 parses each read on its own and flushes a trailing ESC right away,
 * so over a slow link an arrow key split across two reads becomes Escape
 * plus the text "[B". This assembler holds an unfinished escape sequence a
 * short while for the rest to arrive, drops terminal replies (OSC, DCS...)
 * that are not keys, unwraps bracketed pastes into one chunk, and reports
 * Ctrl+C / Ctrl+D at once wherever they sit in a read.
 */

export type AssembledChunk = {text: string; paste: boolean};

export type KeyAssemblerOptions = {
	onChunk: (chunk: AssembledChunk) => void;
	/** Ctrl+C or Ctrl+D, seen anywhere in a read. */
	onInterrupt: (key: 'ctrl-c' | 'ctrl-d') => void;
	/** How long an unfinished escape sequence may wait for its end. */
	escapeTimeoutMs?: number;
	/** How long a bracketed paste may wait for its closing marker. */
	pasteTimeoutMs?: number;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
};

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

export type KeyAssembler = {
	push(data: string): void;
	/** Emit whatever is held, as is. */
	flush(): void;
	dispose(): void;
};

export function createKeyAssembler(options: KeyAssemblerOptions): KeyAssembler {
	const escapeTimeoutMs = options.escapeTimeoutMs ?? 80;
	const pasteTimeoutMs = options.pasteTimeoutMs ?? 1000;
	const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
	const clearTimer = options.clearTimer ?? (timer => clearTimeout(timer as NodeJS.Timeout));
	let held = '';
	let timer: unknown;

	function cancelTimer() {
		if (timer !== undefined) {
			clearTimer(timer);
			timer = undefined;
		}
	}

	function emit(text: string, paste: boolean) {
		if (text === '') {
			return;
		}

		if (paste) {
			options.onChunk({text, paste});
			return;
		}

		// Ink reads several erase keys in one read as nothing, and drops one
		// amid text ("ab<DEL>c" gives "abc"): each goes alone, as if typed
		// slowly. Key repeat over SSH brings such runs.
		for (const part of text.split(/([\u007F\b])/)) {
			if (part !== '') {
				options.onChunk({text: part, paste});
			}
		}
	}

	function process(force: boolean) {
		cancelTimer();
		let input = held;
		held = '';
		let typed = '';
		while (input !== '') {
			const start = input.indexOf(pasteStart);
			if (start === 0) {
				const end = input.indexOf(pasteEnd, pasteStart.length);
				if (end === -1 && !force) {
					held = input;
					timer = setTimer(() => process(true), pasteTimeoutMs);
					break;
				}

				const body = end === -1 ? input.slice(pasteStart.length) : input.slice(pasteStart.length, end);
				emit(stripTerminalReplies(typed).text, false);
				typed = '';
				emit(body.replace(/[\r\n]+$/, ''), true);
				input = end === -1 ? '' : input.slice(end + pasteEnd.length);
				continue;
			}

			const before = start === -1 ? input : input.slice(0, start);
			input = start === -1 ? '' : input.slice(start);
			const {text, unfinished} = stripTerminalReplies(before);
			if (unfinished !== '' && start === -1 && !force) {
				typed += text;
				held = unfinished;
				timer = setTimer(() => process(true), escapeTimeoutMs);
				break;
			}

			typed += text + unfinished;
		}

		emit(typed, false);
	}

	return {
		push(data) {
			const interrupt = /[\u0003\u0004]/.exec(data);
			if (interrupt) {
				cancelTimer();
				held = '';
				options.onInterrupt(interrupt[0] === '\u0003' ? 'ctrl-c' : 'ctrl-d');
				return;
			}

			held += data;
			process(false);
		},
		flush() {
			process(true);
		},
		dispose() {
			cancelTimer();
			held = '';
		},
	};
}

/**
 * Remove string-type escape sequences (OSC, DCS, SOS, PM, APC), which carry
 * terminal replies such as a colour query answer, never keys. What trails
 * the text unfinished (a lone ESC, `ESC [` with no final byte, an open OSC)
 * is returned apart so the caller can wait for the rest.
 */
export function stripTerminalReplies(input: string): {text: string; unfinished: string} {
	let text = '';
	let index = 0;
	while (index < input.length) {
		const escape = input.indexOf('\u001B', index);
		if (escape === -1) {
			text += input.slice(index);
			break;
		}

		text += input.slice(index, escape);
		const next = input[escape + 1];
		if (next === undefined) {
			return {text, unfinished: input.slice(escape)};
		}

		if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
			const end = findStringTerminator(input, escape + 2);
			if (end === -1) {
				return {text, unfinished: input.slice(escape)};
			}

			index = end;
			continue;
		}

		if (next === '[' || next === 'O') {
			const end = findControlEnd(input, escape + 2, next === 'O');
			if (end === -1) {
				return {text, unfinished: input.slice(escape)};
			}

			const sequence = input.slice(escape, end);
			if (isKnownKey(sequence)) {
				text += sequence;
			}

			index = end;
			continue;
		}

		// ESC + one character (meta key, or ESC ESC): pass through to Ink.
		text += input.slice(escape, escape + 2);
		index = escape + 2;
	}

	return {text, unfinished: ''};
}

/**
 * The control sequences the wizard has keys for: arrows, Home/End, Page
 * Up/Down, Insert/Delete and Shift+Tab, with or without modifiers. Anything
 * else (function keys, focus and mouse reports, cursor position replies) is
 * dropped here: Ink 6.8 throws on some (Ctrl+F1 is ESC [1;5P) and types
 * others into the field (Shift+F1 as "[1;2P").
 */
export function isKnownKey(sequence: string): boolean {
	return /^\u001B(\[[\d;]*[A-DHFZ]|O[A-DHF]|\[[1-8](;\d+)?~|\[\[[A-E])$/.test(sequence);
}

/** Index just past BEL or ESC \ ending a string sequence, or -1. */
function findStringTerminator(input: string, from: number): number {
	for (let index = from; index < input.length; index++) {
		if (input[index] === '\u0007') {
			return index + 1;
		}

		if (input[index] === '\u001B' && input[index + 1] === '\\') {
			return index + 2;
		}

		if (input[index] === '\u001B' && input[index + 1] === undefined) {
			return -1;
		}
	}

	return -1;
}

/** Index just past the final byte of a CSI or SS3 sequence, or -1 if unfinished. */
function findControlEnd(input: string, from: number, singleShift: boolean): number {
	if (singleShift) {
		return from < input.length ? from + 1 : -1;
	}

	for (let index = from; index < input.length; index++) {
		const code = input.codePointAt(index)!;
		// Ink's own parser knows `ESC [ [ A` (linux console F1-F5).
		if (index === from && input[index] === '[') {
			return index + 1 < input.length ? index + 2 : -1;
		}

		if (code >= 0x40 && code <= 0x7E) {
			return index + 1;
		}

		if (code < 0x20 || code > 0x3F) {
			// Not a parameter or intermediate byte: a malformed sequence ends here.
			return index;
		}
	}

	return -1;
}
