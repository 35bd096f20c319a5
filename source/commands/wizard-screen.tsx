import {render} from 'ink';
import type {QoveryApi} from '../api/client.js';
import type {CliOptions} from '../args.js';
import type {Organization} from '../model/connection.js';
import type {Prefetch} from '../ui/prefetch.js';
import type {SaveRecorder} from '../model/save.js';
import {CompactOutput} from '../terminal/compact-output.js';
import {KeyboardInput} from '../terminal/keyboard-input.js';
import type {TerminalSession} from '../terminal/session.js';
import {CrashGuard} from '../ui/components/CrashGuard.js';
import {InputGateContext} from '../ui/hooks/input-gate.js';
import type {WizardOutcome} from '../ui/outcome.js';
import type {RetryNotices} from '../ui/retry-notices.js';
import {detectCaps} from '../ui/terminal-caps.js';
import {createTheme, ThemeContext} from '../ui/theme.js';
import {Wizard} from '../ui/Wizard.js';

declare const QOVERY_SSO_VERSION: string | undefined;

export type ScreenRun = {
	api: QoveryApi;
	options: CliOptions;
	retryNotices: RetryNotices;
	session: TerminalSession;
	recorder?: SaveRecorder;
	/** Asked for before the screens loaded (see wizard.tsx). */
	organizations?: Prefetch<Organization[]>;
};

/**
 * The Ink part of a wizard run, in a module of its own so that the
 * organizations can be requested while Ink, React and Yoga load.
 */
export async function renderWizard({api, options, retryNotices, session, recorder, organizations}: ScreenRun): Promise<WizardOutcome> {
	const {stdin, stdout} = process;
	const theme = createTheme(detectCaps(process.env));
	let finish: (outcome: WizardOutcome) => void = () => {};
	const finished = new Promise<WizardOutcome>(resolve => {
		finish = resolve;
	});
	const cancelRef: {current: () => void} = {current: () => finish({kind: 'cancelled'})};
	const keyboard = new KeyboardInput(stdin, () => cancelRef.current());
	// Outside raw mode (a moment at the start and the end) Ctrl+C is SIGINT.
	// A signal ends the run as Ctrl+C does (the wizard knows whether a save
	// is in flight), and the outcome says which signal it was.
	let signalled: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		signalled = signal;
		cancelRef.current();
	};
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) {
		process.on(signal, onSignal);
	}

	session.start();

	function Root() {
		return (
			<ThemeContext.Provider value={theme}>
				<InputGateContext.Provider value={{accepts: () => keyboard.accepts(), discardPending: () => keyboard.discardPending(), isPaste: () => keyboard.isPaste}}>
					<CrashGuard onCrash={error => finish({kind: 'failed', error})}>
						<Wizard api={api} demo={options.demo} organizations={organizations} recorder={recorder} selection={{organization: options.org, connection: options.connection}} cancelRef={cancelRef} retryNotices={retryNotices} onExit={outcome => finish(outcome)} />
					</CrashGuard>
				</InputGateContext.Provider>
			</ThemeContext.Provider>
		);
	}

	const instance = render(<Root />, {
		stdin: keyboard as unknown as NodeJS.ReadStream,
		stdout: new CompactOutput(stdout) as unknown as NodeJS.WriteStream,
		stderr: process.stderr,
		exitOnCtrlC: false,
		patchConsole: true,
		// Only the bundle carries the fix for Ink's incremental renderer (scripts/build.mjs).
		incrementalRendering: typeof QOVERY_SSO_VERSION === 'string' && process.env.QOVERY_SSO_FULL_REDRAW !== '1',
	});
	try {
		const outcome = await finished;
		return signalled && outcome.kind === 'cancelled' ? {...outcome, signal: signalled} : outcome;
	} finally {
		instance.unmount();
		await instance.waitUntilExit().catch(() => {});
		keyboard.dispose();
		for (const signal of signals) {
			process.off(signal, onSignal);
		}

		// Should a Ctrl+C come as a signal while the run winds down, the run
		// still ends as it was going to.
		process.on('SIGINT', () => {});
	}
}

