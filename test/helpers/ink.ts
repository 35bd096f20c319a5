/**
 * Helpers for ink-testing-library renders: wait for a frame to show some
 * text, with a bounded timeout that reports the last frame on failure.
 *
 * Keys are written with `instance.stdin.write` as strings: '\r' Enter,
 * '\x1b[A' Up, '\x1b[B' Down, '\x1b' Escape (Ink flushes a lone Escape on
 * setImmediate, so wait for its effect like any other).
 */

export const keys = {
	enter: '\r',
	up: '\u001B[A',
	down: '\u001B[B',
	escape: '\u001B',
	backspace: '\u007F',
} as const;

export type FrameSource = {lastFrame: () => string | undefined};

// Ink-testing-library frames carry colour codes; tests match on the text.
// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

export function plainFrame(instance: FrameSource): string {
	return (instance.lastFrame() ?? '').replace(ansi, '');
}

/**
 * Resolves with the frame once it shows `expected`; rejects after `timeoutMs`
 * with the last frame. Ink draws a frame at commit, but a new step's
 * `useInput` subscribes in a passive effect that React runs a little later:
 * a key written in between reaches only the handlers already there. So this
 * waits `settleMs` more before resolving, as a person would.
 */
export async function waitForFrame(instance: FrameSource, expected: string | RegExp | ((frame: string) => boolean), timeoutMs = 5000, settleMs = 30): Promise<string> {
	const matches = (frame: string) => (typeof expected === 'string' ? frame.includes(expected) : typeof expected === 'function' ? expected(frame) : expected.test(frame));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plainFrame(instance);
		if (matches(frame)) {
			await new Promise(resolve => setTimeout(resolve, settleMs));
			return frame;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for a frame showing ${String(expected)}. Last frame:\n${frame}\n--- end of frame`);
		}

		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** Resolves once `condition` holds, polling; for things that are not on screen (requests, callbacks). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
		}

		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** A frame with its wrapped lines joined by single spaces, for matching sentences. */
export function flat(frame: string): string {
	return frame.replace(/[ \t]*\n[ \t]*/g, ' ');
}
