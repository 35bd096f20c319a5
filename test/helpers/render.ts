import './force-color.js';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

export const ENTER = '\r';
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const ESC = '\u001B';
export const BACKSPACE = '\u007F';
export const DELETE = '\u001B[3~';
export const PAGE_DOWN = '\u001B[6~';
export const PAGE_UP = '\u001B[5~';
export const HOME = '\u001B[H';
export const END = '\u001B[F';
export const CTRL_C = '\u0003';
export const CTRL_F1 = '\u001B[1;5P';

// CSI (colours, cursor moves) and OSC (links) sequences.
const ansi = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

export function stripAnsi(text: string): string {
	return text.replace(ansi, '');
}

/** Resolves after pending I/O callbacks and immediates have run. */
export async function tick(): Promise<void> {
	await new Promise(resolve => setImmediate(resolve));
	await new Promise(resolve => setTimeout(resolve, 0));
}

export type FramePredicate = string | RegExp | ((frame: string) => boolean);

function matches(frame: string, predicate: FramePredicate): boolean {
	if (typeof predicate === 'string') {
		return frame.includes(predicate);
	}

	return predicate instanceof RegExp ? predicate.test(frame) : predicate(frame);
}

/**
 * An ink-testing-library render (100 columns, no rows) with helpers that
 * work on ANSI-stripped frames:
 *
 *   const ui = renderInk(<Step ... />);
 *   await ui.press(DOWN + ENTER);
 *   await ui.waitForFrame('Saved');
 */
export function renderInk(element: ReactElement) {
	const instance = render(element);
	const frame = () => stripAnsi(instance.lastFrame() ?? '');

	/** Polls the last frame until it matches; fails with that frame after `timeoutMs`. */
	async function waitForFrame(predicate: FramePredicate, timeoutMs = 2000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const current = frame();
			if (matches(current, predicate)) {
				return current;
			}

			if (Date.now() > deadline) {
				throw new Error(`No frame matched ${String(predicate)} within ${timeoutMs} ms. Last frame:\n${current}`);
			}

			await new Promise(resolve => setTimeout(resolve, 10));
		}
	}

	/** Writes the keys as one read, as a terminal would deliver them, then lets Ink handle them. */
	async function press(keys: string): Promise<void> {
		// Let effects of the last render (Ink subscribes to input in one) run first.
		await tick();
		instance.stdin.write(keys);
		await tick();
	}

	/** Every frame written so far, stripped. */
	const allFrames = () => instance.frames.map(stripAnsi);

	return {...instance, frame, allFrames, waitForFrame, press};
}

export type RenderedInk = ReturnType<typeof renderInk>;
