/**
 * Owns the terminal's mode for the whole run and puts it back as it was on
 * every way out: a normal end, Ctrl+C, SIGTERM/SIGHUP, an uncaught
 * exception. Raw mode stays on from the first frame until the last line is
 * written, so a second Ctrl+C while the run winds down is read as a byte,
 * not a signal that kills the process or echoes "^C".
 */
export type TerminalSession = {
	/** Raw mode and bracketed paste on: pasted text arrives marked, never as typed keys. */
	start(): void;
	restore(): void;
};

export function createTerminalSession(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): TerminalSession {
	let active = false;
	const restore = (leaveModeToNode = false) => {
		if (!active) {
			return;
		}

		active = false;
		try {
			// At exit Node itself puts the tty mode back, a few ms later and
			// closer to the end: leaving it to Node keeps the window in which a
			// Ctrl+C turns into a killing SIGINT (and an echoed "^C") shortest.
			if (stdin.isTTY && !leaveModeToNode) {
				stdin.setRawMode(false);
			}
		} catch {
			// The terminal may already be gone (SSH dropped): nothing to restore.
		}

		try {
			stdout.write('\u001B[?2004l\u001B[?25h');
		} catch {
			// Same: a closed stdout cannot be written to.
		}
	};

	return {
		start() {
			active = true;
			if (stdin.isTTY) {
				stdin.setRawMode(true);
			}

			stdout.write('\u001B[?2004h');
			process.once('exit', () => restore(true));
		},
		restore: () => restore(),
	};
}
