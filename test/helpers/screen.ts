/**
 * A minimal terminal screen for end-to-end tests: enough of xterm's
 * behaviour (printing with auto-wrap, CR/LF, cursor moves, erase line and
 * display, scrolling into a scrollback) to tell what an operator would see
 * after Ink's redraws. Colours and modes are parsed and ignored; string
 * sequences (OSC, DCS...) are swallowed.
 */

export type ScreenOptions = {columns: number; rows: number};

const wideRanges: Array<[number, number]> = [
	[0x1100, 0x115F],
	[0x2E80, 0xA4CF],
	[0xAC00, 0xD7A3],
	[0xF900, 0xFAFF],
	[0xFE30, 0xFE4F],
	[0xFF00, 0xFF60],
	[0xFFE0, 0xFFE6],
	[0x1F300, 0x1F64F],
	[0x1F900, 0x1F9FF],
	[0x20000, 0x3FFFD],
];

function cellWidth(code: number): number {
	if ((code >= 0x0300 && code <= 0x036F) || code === 0x200B || code === 0xFE0F) {
		return 0;
	}

	return wideRanges.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
}

export class Screen {
	readonly columns: number;
	readonly rows: number;
	/** Lines scrolled off the top, oldest first (cleared by ESC[3J). */
	readonly scrollback: string[] = [];
	#grid: string[][];
	#x = 0;
	#y = 0;
	#pendingWrap = false;
	#saved = {x: 0, y: 0};
	#tail = '';
	cursorVisible = true;
	bracketedPaste = false;
	/** Inside a synchronized update (mode 2026): a terminal shows nothing of it yet. */
	synchronizing = false;

	constructor({columns, rows}: ScreenOptions) {
		this.columns = columns;
		this.rows = rows;
		this.#grid = Array.from({length: rows}, () => this.#blankRow());
	}

	get cursor(): {x: number; y: number} {
		return {x: this.#x, y: this.#y};
	}

	/** Feed terminal output; an unfinished escape sequence waits for the next chunk. */
	write(data: string): void {
		const input = this.#tail + data;
		this.#tail = '';
		let index = 0;
		while (index < input.length) {
			const char = input[index]!;
			if (char === '\u001B') {
				const consumed = this.#escape(input, index);
				if (consumed === -1) {
					this.#tail = input.slice(index);
					return;
				}

				index = consumed;
				continue;
			}

			const code = input.codePointAt(index)!;
			const length = code > 0xFFFF ? 2 : 1;
			index += length;
			if (code < 0x20 || code === 0x7F) {
				this.#control(char);
				continue;
			}

			if (code >= 0x80 && code < 0xA0) {
				continue;
			}

			this.#print(String.fromCodePoint(code), cellWidth(code));
		}
	}

	/** The visible rows, trailing spaces trimmed. */
	lines(): string[] {
		return this.#grid.map(row => row.join('').replace(/\s+$/, ''));
	}

	text(): string {
		return this.lines().join('\n');
	}

	/** Scrollback and screen together, as a terminal's history would show after exit. */
	history(): string {
		return [...this.scrollback, ...this.lines()].join('\n');
	}

	#blankRow(): string[] {
		return Array.from({length: this.columns}, () => ' ');
	}

	#print(char: string, width: number): void {
		if (width === 0) {
			return;
		}

		if (this.#pendingWrap) {
			this.#x = 0;
			this.#lineFeed();
			this.#pendingWrap = false;
		}

		if (width === 2 && this.#x === this.columns - 1) {
			this.#x = 0;
			this.#lineFeed();
		}

		const row = this.#grid[this.#y]!;
		row[this.#x] = char;
		if (width === 2 && this.#x + 1 < this.columns) {
			row[this.#x + 1] = '';
		}

		if (this.#x + width >= this.columns) {
			this.#x = this.columns - 1;
			this.#pendingWrap = true;
		} else {
			this.#x += width;
		}
	}

	#control(char: string): void {
		switch (char) {
			case '\r': {
				this.#x = 0;
				this.#pendingWrap = false;
				break;
			}

			case '\n':
			case '\u000B':
			case '\u000C': {
				this.#lineFeed();
				this.#pendingWrap = false;
				break;
			}

			case '\b': {
				this.#x = Math.max(0, this.#x - 1);
				this.#pendingWrap = false;
				break;
			}

			case '\t': {
				this.#x = Math.min(this.columns - 1, (Math.floor(this.#x / 8) + 1) * 8);
				break;
			}

			default: {
				break;
			}
		}
	}

	#lineFeed(): void {
		if (this.#y === this.rows - 1) {
			this.#scrollUp(1);
		} else {
			this.#y++;
		}
	}

	#scrollUp(count: number): void {
		for (let index = 0; index < count; index++) {
			const row = this.#grid.shift()!;
			this.scrollback.push(row.join('').replace(/\s+$/, ''));
			this.#grid.push(this.#blankRow());
		}
	}

	#scrollDown(count: number): void {
		for (let index = 0; index < count; index++) {
			this.#grid.pop();
			this.#grid.unshift(this.#blankRow());
		}
	}

	/** Handles the sequence starting at `start`; returns the index after it, or -1 if unfinished. */
	#escape(input: string, start: number): number {
		const next = input[start + 1];
		if (next === undefined) {
			return -1;
		}

		if (next === '[') {
			let index = start + 2;
			while (index < input.length) {
				const code = input.charCodeAt(index);
				if (code >= 0x40 && code <= 0x7E) {
					this.#csi(input.slice(start + 2, index), input[index]!);
					return index + 1;
				}

				index++;
			}

			return -1;
		}

		if (next === ']' || next === 'P' || next === '_' || next === '^' || next === 'X') {
			for (let index = start + 2; index < input.length; index++) {
				if (input[index] === '\u0007') {
					return index + 1;
				}

				if (input[index] === '\u001B') {
					if (input[index + 1] === undefined) {
						return -1;
					}

					if (input[index + 1] === '\\') {
						return index + 2;
					}
				}
			}

			return -1;
		}

		if (next === '(' || next === ')' || next === '#' || next === '%') {
			return start + 2 < input.length ? start + 3 : -1;
		}

		switch (next) {
			case '7': {
				this.#saved = {x: this.#x, y: this.#y};
				break;
			}

			case '8': {
				this.#x = this.#saved.x;
				this.#y = this.#saved.y;
				this.#pendingWrap = false;
				break;
			}

			case 'M': {
				if (this.#y === 0) {
					this.#scrollDown(1);
				} else {
					this.#y--;
				}

				break;
			}

			case 'D': {
				this.#lineFeed();
				break;
			}

			case 'E': {
				this.#x = 0;
				this.#lineFeed();
				break;
			}

			case 'c': {
				this.#grid = Array.from({length: this.rows}, () => this.#blankRow());
				this.#x = 0;
				this.#y = 0;
				break;
			}

			default: {
				break;
			}
		}

		return start + 2;
	}

	#csi(body: string, final: string): void {
		const privateMode = body.startsWith('?');
		const parts = (privateMode ? body.slice(1) : body).split(';');
		const raw = parts.map(part => Number.parseInt(part, 10));
		// xterm: a missing or zero count means one.
		const count = Math.max(1, Number.isNaN(raw[0]!) ? 1 : raw[0]!);
		const param = Number.isNaN(raw[0]!) ? 0 : raw[0]!;
		if (privateMode) {
			if (final === 'h' || final === 'l') {
				for (const mode of raw) {
					if (mode === 25) {
						this.cursorVisible = final === 'h';
					} else if (mode === 2004) {
						this.bracketedPaste = final === 'h';
					} else if (mode === 2026) {
						this.synchronizing = final === 'h';
					}
				}
			}

			return;
		}

		if (/[^\d;:]/.test(body)) {
			// Intermediate bytes (ESC [ ... SP q and the like): not a move.
			return;
		}

		const clampX = (x: number) => Math.min(this.columns - 1, Math.max(0, x));
		const clampY = (y: number) => Math.min(this.rows - 1, Math.max(0, y));
		switch (final) {
			case 'A': {
				this.#y = clampY(this.#y - count);
				break;
			}

			case 'B':
			case 'e': {
				this.#y = clampY(this.#y + count);
				break;
			}

			case 'C':
			case 'a': {
				this.#x = clampX(this.#x + count);
				break;
			}

			case 'D': {
				this.#x = clampX(this.#x - count);
				break;
			}

			case 'E': {
				this.#x = 0;
				this.#y = clampY(this.#y + count);
				break;
			}

			case 'F': {
				this.#x = 0;
				this.#y = clampY(this.#y - count);
				break;
			}

			case 'G':
			case '`': {
				this.#x = clampX(count - 1);
				break;
			}

			case 'd': {
				this.#y = clampY(count - 1);
				break;
			}

			case 'H':
			case 'f': {
				const column = Number.isNaN(raw[1] ?? Number.NaN) ? 1 : Math.max(1, raw[1]!);
				this.#y = clampY(count - 1);
				this.#x = clampX(column - 1);
				break;
			}

			case 'J': {
				this.#eraseDisplay(param);
				break;
			}

			case 'K': {
				this.#eraseLine(param);
				break;
			}

			case 'X': {
				const row = this.#grid[this.#y]!;
				for (let x = this.#x; x < Math.min(this.columns, this.#x + count); x++) {
					row[x] = ' ';
				}

				break;
			}

			case 'P': {
				const row = this.#grid[this.#y]!;
				row.splice(this.#x, count);
				while (row.length < this.columns) {
					row.push(' ');
				}

				break;
			}

			case '@': {
				const row = this.#grid[this.#y]!;
				row.splice(this.#x, 0, ...Array.from({length: count}, () => ' '));
				row.length = this.columns;
				break;
			}

			case 'L': {
				this.#grid.splice(this.#y, 0, ...Array.from({length: count}, () => this.#blankRow()));
				this.#grid.length = this.rows;
				break;
			}

			case 'M': {
				this.#grid.splice(this.#y, count);
				while (this.#grid.length < this.rows) {
					this.#grid.push(this.#blankRow());
				}

				break;
			}

			case 'S': {
				this.#scrollUp(count);
				break;
			}

			case 'T': {
				this.#scrollDown(count);
				break;
			}

			default: {
				// SGR (m) and the rest change no text.
				return;
			}
		}

		this.#pendingWrap = false;
	}

	#eraseLine(mode: number): void {
		const row = this.#grid[this.#y]!;
		const [from, to] = mode === 0 ? [this.#x, this.columns] : mode === 1 ? [0, this.#x + 1] : [0, this.columns];
		for (let x = from; x < to; x++) {
			row[x] = ' ';
		}
	}

	#eraseDisplay(mode: number): void {
		if (mode === 3) {
			this.scrollback.length = 0;
			return;
		}

		const rows = mode === 0 ? [this.#y + 1, this.rows] : mode === 1 ? [0, this.#y] : [0, this.rows];
		for (let y = rows[0]!; y < rows[1]!; y++) {
			this.#grid[y] = this.#blankRow();
		}

		if (mode === 0 || mode === 1) {
			this.#eraseLine(mode);
		}
	}
}

/** Remove escape sequences (CSI, OSC and other strings, two-byte ESC) from text. */
export function stripAnsi(text: string): string {
	return text
		.replace(/\u001B\[[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]/g, '')
		.replace(/\u001B[\]P_^X][\s\S]*?(?:\u0007|\u001B\\)/g, '')
		.replace(/\u001B[()#%]./g, '')
		.replace(/\u001B[\u0040-\u007E]/g, '');
}
