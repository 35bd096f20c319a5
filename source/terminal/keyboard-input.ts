import {EventEmitter} from 'node:events';
import {createKeyAssembler, type KeyAssembler} from './key-assembler.js';

type Source = NodeJS.ReadableStream & {
	isTTY?: boolean;
	setRawMode?: (mode: boolean) => unknown;
	ref?: () => unknown;
	unref?: () => unknown;
};

/**
 * The stdin Ink reads from: the real terminal behind a key assembler.
 *
 * It numbers every chunk it hands out. Ink dispatches the keys of a chunk
 * synchronously while reading it, so a handler can tell which chunk its key
 * came from, and the wizard can drop the rest of a chunk once a step is done
 * (a pasted "y" never answers the next question).
 */
export class KeyboardInput extends EventEmitter {
	readonly isTTY: boolean;
	#queue: Array<{id: number; text: string; paste: boolean}> = [];
	#nextId = 1;
	#current = {id: 0, paste: false};
	#discardedThrough = 0;
	#assembler: KeyAssembler;
	#listening = false;
	readonly #onData = (data: Buffer | string) => {
		this.#assembler.push(typeof data === 'string' ? data : data.toString('utf8'));
	};

	constructor(
		readonly source: Source,
		readonly onInterrupt: (key: 'ctrl-c' | 'ctrl-d') => void,
		escapeTimeoutMs?: number,
	) {
		super();
		this.isTTY = Boolean(source.isTTY);
		this.#assembler = createKeyAssembler({
			escapeTimeoutMs,
			onChunk: chunk => {
				this.#queue.push({id: this.#nextId++, ...chunk});
				this.emit('readable');
			},
			onInterrupt: key => this.onInterrupt(key),
		});
	}

	/**
	 * Called by Ink: the assembler listens while Ink wants keys. The terminal's
	 * own raw mode belongs to the session (terminal/session.ts), which keeps it
	 * on until the run's last line is written.
	 */
	setRawMode(enabled: boolean): this {
		if (enabled && !this.#listening) {
			this.#listening = true;
			this.source.on('data', this.#onData);
			this.source.resume();
		} else if (!enabled && this.#listening) {
			this.#listening = false;
			this.source.off('data', this.#onData);
			this.source.pause();
		}

		return this;
	}

	setEncoding(): this {
		return this;
	}

	ref(): this {
		this.source.ref?.();
		return this;
	}

	unref(): this {
		this.source.unref?.();
		return this;
	}

	read(): string | null {
		const chunk = this.#queue.shift();
		if (!chunk) {
			return null;
		}

		this.#current = {id: chunk.id, paste: chunk.paste};
		return chunk.text;
	}

	/** Whether the key being handled now came from a bracketed paste. */
	get isPaste(): boolean {
		return this.#current.paste;
	}

	/** False for keys left in a chunk after a step finished with it. */
	accepts(): boolean {
		return this.#current.id > this.#discardedThrough;
	}

	/** Ignore whatever remains of the chunk being handled, and anything queued. */
	discardPending(): void {
		this.#discardedThrough = this.#current.id;
		this.#queue = [];
	}

	dispose(): void {
		this.#assembler.dispose();
		if (this.#listening) {
			this.setRawMode(false);
		}
	}
}
