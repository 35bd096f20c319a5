import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type AssembledChunk, createKeyAssembler, stripTerminalReplies} from '../../source/terminal/key-assembler.js';

/** Timers that only fire when told to, so no test waits on a clock. */
function fakeTimers() {
	let next = 1;
	const pending = new Map<number, {callback: () => void; ms: number}>();
	return {
		setTimer(callback: () => void, ms: number) {
			const id = next++;
			pending.set(id, {callback, ms});
			return id;
		},
		clearTimer(timer: unknown) {
			pending.delete(timer as number);
		},
		/** Delays of the timers still pending. */
		delays: () => [...pending.values()].map(timer => timer.ms),
		runAll() {
			const due = [...pending.values()];
			pending.clear();
			for (const timer of due) {
				timer.callback();
			}
		},
	};
}

function setup(options: {escapeTimeoutMs?: number; pasteTimeoutMs?: number} = {}) {
	const timers = fakeTimers();
	const chunks: AssembledChunk[] = [];
	const interrupts: string[] = [];
	const assembler = createKeyAssembler({
		...options,
		onChunk: chunk => chunks.push(chunk),
		onInterrupt: key => interrupts.push(key),
		setTimer: timers.setTimer,
		clearTimer: timers.clearTimer,
	});
	return {assembler, chunks, interrupts, timers};
}

const typed = (text: string): AssembledChunk => ({text, paste: false});

describe('createKeyAssembler', () => {
	test('plain text passes through as one chunk', () => {
		const {assembler, chunks, timers} = setup();
		assembler.push('abc\r');
		assert.deepEqual(chunks, [typed('abc\r')]);
		assert.deepEqual(timers.delays(), []);
	});

	test('erase keys in one read each go alone, so Ink sees every one of them', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u007F\u007F\u007F');
		assert.deepEqual(chunks, [typed('\u007F'), typed('\u007F'), typed('\u007F')]);
		chunks.length = 0;
		assembler.push('ab\u007Fc\b');
		assert.deepEqual(chunks, [typed('ab'), typed('\u007F'), typed('c'), typed('\b')]);
	});

	test('a paste holding an erase character stays one chunk', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[200~a\u007Fb\u001B[201~');
		assert.deepEqual(chunks, [{text: 'a\u007Fb', paste: true}]);
	});

	test('an arrow split across two reads is emitted whole', () => {
		const {assembler, chunks, timers} = setup();
		assembler.push('\u001B');
		assert.deepEqual(chunks, []);
		assembler.push('[B');
		assert.deepEqual(chunks, [typed('\u001B[B')]);
		assert.deepEqual(timers.delays(), []);
	});

	test('an arrow split after ESC [ is emitted whole', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[');
		assembler.push('A');
		assert.deepEqual(chunks, [typed('\u001B[A')]);
	});

	test('text before a split sequence is emitted at once', () => {
		const {assembler, chunks} = setup();
		assembler.push('ab\u001B');
		assert.deepEqual(chunks, [typed('ab')]);
		assembler.push('[B');
		assert.deepEqual(chunks, [typed('ab'), typed('\u001B[B')]);
	});

	test('a lone ESC is held for the escape timeout, then flushed', () => {
		const {assembler, chunks, timers} = setup({escapeTimeoutMs: 50});
		assembler.push('\u001B');
		assert.deepEqual(chunks, []);
		assert.deepEqual(timers.delays(), [50]);
		timers.runAll();
		assert.deepEqual(chunks, [typed('\u001B')]);
	});

	test('the default escape timeout is 80 ms', () => {
		const {assembler, timers} = setup();
		assembler.push('\u001B');
		assert.deepEqual(timers.delays(), [80]);
	});

	test('flush() emits what is held at once', () => {
		const {assembler, chunks, timers} = setup();
		assembler.push('\u001B[');
		assembler.flush();
		assert.deepEqual(chunks, [typed('\u001B[')]);
		assert.deepEqual(timers.delays(), []);
	});

	test('an OSC colour reply is dropped, the text around it kept', () => {
		const {assembler, chunks} = setup();
		assembler.push('a\u001B]11;rgb:0000/0000/0000\u0007b');
		assert.deepEqual(chunks, [typed('ab')]);
	});

	test('an OSC reply ended by ESC \\ is dropped too', () => {
		const {assembler, chunks} = setup();
		assembler.push('x\u001B]11;rgb:ffff/ffff/ffff\u001B\\y');
		assert.deepEqual(chunks, [typed('xy')]);
	});

	test('an OSC reply split across reads is dropped whole', () => {
		const {assembler, chunks} = setup();
		assembler.push('a\u001B]11;rgb:00');
		assembler.push('00/0000/0000\u0007b');
		assert.deepEqual(chunks, [typed('a'), typed('b')]);
	});

	test('function keys with modifiers (Ctrl+F1, Shift+F1) are dropped: Ink 6.8 throws on or types them', () => {
		const {assembler, chunks} = setup();
		assembler.push('a\u001B[1;5Pb\u001B[1;2Pc');
		assert.deepEqual(chunks, [typed('abc')]);
	});

	test('arrows with modifiers, Delete, Page keys and Shift+Tab pass whole', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[1;5A\u001B[3~\u001B[5~\u001B[6~\u001B[Z\u001BOB');
		assert.deepEqual(chunks, [typed('\u001B[1;5A\u001B[3~\u001B[5~\u001B[6~\u001B[Z\u001BOB')]);
	});

	test('terminal reports (cursor position, focus) are dropped', () => {
		const {assembler, chunks} = setup();
		assembler.push('x\u001B[12;40R\u001B[I\u001B[Oy');
		assert.deepEqual(chunks, [typed('xy')]);
	});

	test('bunched arrows and Enter stay in one chunk', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[B\u001B[B\r');
		assert.deepEqual(chunks, [typed('\u001B[B\u001B[B\r')]);
	});

	test('a bracketed paste is unwrapped into one paste chunk, trailing newline stripped', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[200~Platform-Admins\nDevOps\ny\n\u001B[201~');
		assert.deepEqual(chunks, [{text: 'Platform-Admins\nDevOps\ny', paste: true}]);
	});

	test('typed text around a paste stays apart from it', () => {
		const {assembler, chunks} = setup();
		assembler.push('a\u001B[200~one\r\n\u001B[201~\r');
		assert.deepEqual(chunks, [typed('a'), {text: 'one', paste: true}, typed('\r')]);
	});

	test('a paste split across reads waits for its end', () => {
		const {assembler, chunks, timers} = setup({pasteTimeoutMs: 500});
		assembler.push('\u001B[200~Platform-');
		assert.deepEqual(chunks, []);
		assert.deepEqual(timers.delays(), [500]);
		assembler.push('Admins\nDevOps');
		assembler.push('\u001B[201~');
		assert.deepEqual(chunks, [{text: 'Platform-Admins\nDevOps', paste: true}]);
	});

	test('a paste whose end never comes is emitted at the paste timeout', () => {
		const {assembler, chunks, timers} = setup();
		assembler.push('\u001B[200~Lost-End\n');
		timers.runAll();
		assert.deepEqual(chunks, [{text: 'Lost-End', paste: true}]);
	});

	test('escape sequences inside a paste are kept as text of the paste', () => {
		const {assembler, chunks} = setup();
		assembler.push('\u001B[200~a\u001B[Bb\u001B[201~');
		assert.deepEqual(chunks, [{text: 'a\u001B[Bb', paste: true}]);
	});

	test('Ctrl+C anywhere in a read interrupts and emits nothing', () => {
		const {assembler, chunks, interrupts} = setup();
		assembler.push('abc\u0003def');
		assert.deepEqual(interrupts, ['ctrl-c']);
		assert.deepEqual(chunks, []);
	});

	test('Ctrl+D anywhere in a read interrupts and emits nothing', () => {
		const {assembler, chunks, interrupts} = setup();
		assembler.push('\u001B[B\u0004');
		assert.deepEqual(interrupts, ['ctrl-d']);
		assert.deepEqual(chunks, []);
	});

	test('Ctrl+C drops what was held and its timer', () => {
		const {assembler, chunks, interrupts, timers} = setup();
		assembler.push('\u001B');
		assembler.push('\u0003');
		assert.deepEqual(interrupts, ['ctrl-c']);
		assert.deepEqual(timers.delays(), []);
		timers.runAll();
		assembler.push('x');
		assert.deepEqual(chunks, [typed('x')]);
	});

	test('dispose() forgets what is held', () => {
		const {assembler, chunks, timers} = setup();
		assembler.push('\u001B[');
		assembler.dispose();
		assert.deepEqual(timers.delays(), []);
		assembler.flush();
		assert.deepEqual(chunks, []);
	});
});

describe('stripTerminalReplies', () => {
	test('keeps the CSI and SS3 keys the wizard uses, drops string sequences and function keys', () => {
		assert.deepEqual(stripTerminalReplies('\u001BOA\u001BOP\u001B[3~\u001BP1$r0m\u001B\\z'), {text: '\u001BOA\u001B[3~z', unfinished: ''});
	});

	test('returns an unfinished tail apart', () => {
		assert.deepEqual(stripTerminalReplies('ab\u001B[1;'), {text: 'ab', unfinished: '\u001B[1;'});
		assert.deepEqual(stripTerminalReplies('\u001B]11;rgb'), {text: '', unfinished: '\u001B]11;rgb'});
	});

	test('ESC followed by one character passes as a meta key', () => {
		assert.deepEqual(stripTerminalReplies('\u001Bb'), {text: '\u001Bb', unfinished: ''});
	});

	test('the linux console F1 (ESC [ [ A) passes whole', () => {
		assert.deepEqual(stripTerminalReplies('\u001B[[Ax'), {text: '\u001B[[Ax', unfinished: ''});
	});
});
