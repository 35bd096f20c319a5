import {EventEmitter} from 'node:events';

const nextLineRun = /(?:\u001B\[E){2,}/g;

/** `ESC[E` repeated n times is `ESC[nE`: Ink writes one per unchanged line. */
export function compactFrame(chunk: string): string {
	return chunk.replace(nextLineRun, run => `\u001B[${run.length / 3}E`);
}

/**
 * The stdout Ink writes to: the real terminal, with each frame's cursor
 * moves compacted, so a keystroke costs bytes for the lines it changes only.
 */
export class CompactOutput extends EventEmitter {
	constructor(readonly target: NodeJS.WriteStream) {
		super();
		target.on('resize', () => this.emit('resize'));
	}

	get columns(): number {
		return this.target.columns;
	}

	get rows(): number {
		return this.target.rows;
	}

	get isTTY(): boolean {
		return this.target.isTTY;
	}

	write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
		const text = typeof chunk === 'string' ? compactFrame(chunk) : chunk;
		return (this.target.write as (...args: unknown[]) => boolean)(text, ...rest);
	}
}
