import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {describe, test} from 'node:test';
import {KeyboardInput} from '../../source/terminal/keyboard-input.js';

/** A terminal stand-in: emits 'data' when told, records raw mode and flow. */
class FakeTerminal extends EventEmitter {
	isTTY = true;
	rawModes: boolean[] = [];
	flowing = false;
	setRawMode(mode: boolean) {
		this.rawModes.push(mode);
	}

	resume() {
		this.flowing = true;
		return this;
	}

	pause() {
		this.flowing = false;
		return this;
	}
}

function setup() {
	const terminal = new FakeTerminal();
	const interrupts: string[] = [];
	const input = new KeyboardInput(terminal as unknown as NodeJS.ReadableStream, key => interrupts.push(key), 5);
	let readable = 0;
	input.on('readable', () => readable++);
	input.setRawMode(true);
	return {terminal, input, interrupts, readableCount: () => readable};
}

describe('KeyboardInput', () => {
	test('read() returns null when nothing is queued', () => {
		const {input} = setup();
		assert.equal(input.read(), null);
	});

	test('each chunk is announced as readable and read once, in order', () => {
		const {terminal, input, readableCount} = setup();
		terminal.emit('data', Buffer.from('ab'));
		terminal.emit('data', 'c\r');
		assert.equal(readableCount(), 2);
		assert.equal(input.read(), 'ab');
		assert.equal(input.read(), 'c\r');
		assert.equal(input.read(), null);
	});

	test('raw mode on listens and resumes the source, off stops both; the terminal mode itself is left to the session', () => {
		const {terminal, input} = setup();
		assert.deepEqual(terminal.rawModes, []);
		assert.equal(terminal.flowing, true);
		input.setRawMode(false);
		assert.deepEqual(terminal.rawModes, []);
		assert.equal(terminal.flowing, false);
		terminal.emit('data', 'ignored');
		assert.equal(input.read(), null);
	});

	test('isTTY follows the source', () => {
		const {input} = setup();
		assert.equal(input.isTTY, true);
		const plain = new KeyboardInput(new EventEmitter() as unknown as NodeJS.ReadableStream, () => {});
		assert.equal(plain.isTTY, false);
	});

	test('every chunk read is accepted until discardPending()', () => {
		const {terminal, input} = setup();
		terminal.emit('data', 'a');
		input.read();
		assert.equal(input.accepts(), true);
		terminal.emit('data', 'b');
		input.read();
		assert.equal(input.accepts(), true);
	});

	test('keys after discardPending() in the same chunk are refused, later chunks accepted', () => {
		const {terminal, input} = setup();
		terminal.emit('data', '\u001B[B\ry');
		assert.equal(input.read(), '\u001B[B\ry');
		assert.equal(input.accepts(), true);
		// The step that took Enter is done with this chunk: the "y" must not answer the next one.
		input.discardPending();
		assert.equal(input.accepts(), false);
		assert.equal(input.accepts(), false);
		terminal.emit('data', 'n');
		assert.equal(input.read(), 'n');
		assert.equal(input.accepts(), true);
	});

	test('discardPending() drops chunks already queued', () => {
		const {terminal, input} = setup();
		terminal.emit('data', 'first');
		terminal.emit('data', 'second');
		input.read();
		input.discardPending();
		assert.equal(input.read(), null);
		terminal.emit('data', 'third');
		assert.equal(input.read(), 'third');
		assert.equal(input.accepts(), true);
	});

	test('isPaste tells a bracketed paste from typed keys', () => {
		const {terminal, input} = setup();
		terminal.emit('data', 'a\u001B[200~Ops\nSRE\u001B[201~');
		assert.equal(input.read(), 'a');
		assert.equal(input.isPaste, false);
		assert.equal(input.read(), 'Ops\nSRE');
		assert.equal(input.isPaste, true);
	});

	test('Ctrl+C from the terminal goes to onInterrupt and queues nothing', () => {
		const {terminal, input, interrupts} = setup();
		terminal.emit('data', 'x\u0003');
		assert.deepEqual(interrupts, ['ctrl-c']);
		assert.equal(input.read(), null);
	});

	test('a split arrow is one chunk once its end arrives', () => {
		const {terminal, input} = setup();
		terminal.emit('data', '\u001B');
		assert.equal(input.read(), null);
		terminal.emit('data', '[A');
		assert.equal(input.read(), '\u001B[A');
	});

	test('a lone ESC is handed out after the escape timeout', async () => {
		const {terminal, input} = setup();
		terminal.emit('data', '\u001B');
		await new Promise(resolve => setTimeout(resolve, 30));
		assert.equal(input.read(), '\u001B');
		input.dispose();
	});

	test('dispose() stops listening', () => {
		const {terminal, input} = setup();
		input.dispose();
		assert.equal(terminal.flowing, false);
		terminal.emit('data', 'late');
		assert.equal(input.read(), null);
	});
});
