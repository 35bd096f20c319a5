import {answerLost, ApiError} from '../api/errors.js';
import {maskToken} from '../api/auth.js';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {openHistory} from '../store/history.js';
import {historyRecorder} from '../store/history-recorder.js';
import {peekProfile} from '../store/settings-file.js';
import {createTerminalSession} from '../terminal/session.js';
import {RetryNotices} from '../ui/retry-notices.js';
import {UsageError, type WizardOutcome} from '../ui/outcome.js';
import {prefetch} from '../ui/prefetch.js';
import {connect, type Connection} from './connect.js';
import {checkCommand, stopExitCodes, stopMessage} from './stop-signals.js';

export const noTerminalMessage =
	'qovery-sso: the wizard needs an interactive terminal on stdin and stdout (over SSH, connect with ssh -t); without one, use qovery-sso show, export, plan or apply --yes.';

/** The interactive wizard, from the terminal check to the last line. */
export async function runWizard(options: CliOptions): Promise<number> {
	const {stdin, stdout, stderr} = process;
	// Checked before anything is drawn or requested (SSH without a pty, pipes).
	if (!stdin.isTTY || !stdout.isTTY) {
		// A stored file that cannot be read is reported (and kept aside) even so.
		if (!options.demo && peekProfile(process.env, options.profile) === 'problem') {
			const settings = await import('../store/settings.js');
			try {
				const store = settings.openSettings(process.env);
				if (store.problem) {
					stderr.write(`${settings.describeSettingsProblem(store.problem)}\n`);
				}
			} catch (error) {
				if (error instanceof settings.SettingsError) {
					stderr.write(`${settings.describeSettingsError(error)}\n`);
				}
			}
		}

		stderr.write(`${noTerminalMessage}\n`);
		return exitCodes.usage;
	}

	const debugLines: string[] = [];
	const retryNotices = new RetryNotices();
	// Once the wizard ends, nothing it asked for may hold the process open.
	const requests = new AbortController();
	let connection: Connection;
	try {
		connection = await connect(options, {stderr, log: options.debug ? line => debugLines.push(line) : undefined, onRetry: notice => retryNotices.publish(notice), signal: requests.signal});
	} catch (error) {
		if (error instanceof UsageError) {
			stderr.write(`qovery-sso: ${error.message}\n`);
			return exitCodes.usage;
		}

		throw error;
	}

	try {
		let api = connection.api;
		if (!connection.token) {
			const token = await askForToken(connection);
			if (token === undefined) {
				stderr.write('Cancelled, nothing was changed.\n');
				return exitCodes.cancelled;
			}

			api = connection.withToken(token);
		}

		const notes: string[] = [];
		// The demo's fake API is gone after the run: its changes are not history.
		const recorder = options.demo
			? undefined
			: historyRecorder(openHistory(process.env), {profile: connection.profile, apiUrl: connection.apiUrl}, note => notes.push(note));
		const session = createTerminalSession(stdin, stdout);
		let outcome: WizardOutcome;
		let code: number;
		try {
			// The organizations are asked for now, while the screens load: on a
			// slow link the answer is often there by the first frame.
			const organizations = prefetch(api.listOrganizations());
			const {renderWizard} = await import('./wizard-screen.js');
			outcome = await renderWizard({api, options, retryNotices, session, recorder, organizations});
			requests.abort();
			// Still in raw mode (ONLCR stays on, so lines break as usual).
			for (const line of [...debugLines.map(line => `debug: ${line}`), ...notes]) {
				stderr.write(`${line}\n`);
			}

			// The demo's fake API is gone by then: nothing to point a check at.
			code = reportOutcome(outcome, stderr, options.demo ? {} : {apiUrl: connection.apiUrl, profile: connection.profile});
			if (outcome.kind === 'cancelled') {
				await swallowKeys(stdin, 120);
			}
		} catch (error) {
			session.restore();
			throw error;
		}

		// Otherwise the terminal is restored as the process exits (the
		// session's exit hook): a late Ctrl+C then never becomes a signal.
		const unsent = outcome.kind === 'failed' || (outcome.kind === 'cancelled' && outcome.offerToKeep) ? outcome.unsent : undefined;
		if (unsent && stdin.isTTY) {
			session.restore();
			const {offerToKeepPending} = await import('./keep-pending.js');
			await offerToKeepPending(unsent, stderr);
		}

		return code;
	} finally {
		await connection.close();
	}
}

/** No token anywhere: ask for one (masked), check it, offer to keep it. */
async function askForToken(connection: Connection): Promise<string | undefined> {
	const {password, confirm} = await import('@inquirer/prompts');
	try {
		process.stderr.write(`No token found for ${connection.apiUrl} (profile "${connection.profile}").\n`);
		const token = (await password({message: 'Qovery API token:', mask: '*', validate: value => (value.trim() === '' ? 'Paste a token (or Ctrl+C to quit).' : true)})).trim();
		if (token === '') {
			throw new UsageError('No token was entered.');
		}

		// The same client the run will use: its timeout, retries and debug log.
		const probe = connection.withToken(token);
		const organizations = await probe.listOrganizations();
		process.stderr.write(`Token ${maskToken(token)} accepted; ${organizations.length} organization(s) visible.\n`);
		const store = await connection.openStore();
		if (store && (await confirm({message: `Save it in profile "${connection.profile}"?`, default: true}))) {
			store.saveProfile(connection.profile, {token, apiUrl: connection.apiUrl});
			process.stderr.write(`Saved in ${store.path}.\n`);
		}

		return token;
	} catch (error) {
		if (error instanceof Error && error.name === 'ExitPromptError') {
			return undefined;
		}

		throw error;
	}
}

function reportOutcome(outcome: WizardOutcome, stderr: NodeJS.WritableStream, where: {apiUrl?: string; profile?: string}): number {
	switch (outcome.kind) {
		case 'applied': {
			stderr.write(`Saved ${outcome.applied.connection_name} in ${outcome.organization.name}.\n`);
			return exitCodes.ok;
		}

		case 'no-changes': {
			stderr.write('No changes; nothing was sent.\n');
			return exitCodes.ok;
		}

		case 'cancelled': {
			const saving = outcome.whileSaving && {organizationId: outcome.whileSaving.organization.id, connection: outcome.whileSaving.connection, ...where};
			const signal = outcome.signal === 'SIGTERM' || outcome.signal === 'SIGHUP' ? outcome.signal : undefined;
			stderr.write(`${stopMessage(signal, saving)}\n`);
			return signal ? stopExitCodes[signal] : exitCodes.cancelled;
		}

		case 'failed': {
			const {error} = outcome;
			stderr.write(`qovery-sso: ${error.message}\n`);
			if (error instanceof ApiError || error instanceof UsageError) {
				if (error.hint) {
					stderr.write(`${error.hint}\n`);
				}
			}

			// A save that timed out or lost its connection may still have been
			// applied; one answered with an unreadable body was.
			const saving = error instanceof ApiError && error.operation.startsWith('saving ');
			const check = outcome.unsent ? ` Check with: ${checkCommand({organizationId: outcome.unsent.organization.id, connection: outcome.unsent.body.connection_name, ...where})}` : '';
			if (saving && error.kind === 'shape') {
				stderr.write(`The server accepted the save, but its answer could not be read.${check}\n`);
			} else if (saving && answerLost(error)) {
				stderr.write(`The save may have reached the server before the answer was lost.${check}\n`);
			} else {
				stderr.write('Nothing was saved.\n');
			}
			return error instanceof UsageError ? exitCodes.usage : exitCodes.failure;
		}
	}
}

/**
 * Read and drop keys for a moment: Ctrl+C pressed twice in a row then ends
 * the run once, its second press never reaching a shell or a closing tty.
 */
async function swallowKeys(stdin: NodeJS.ReadStream, ms: number): Promise<void> {
	const drop = () => {};
	stdin.on('data', drop);
	stdin.resume();
	await new Promise(resolve => setTimeout(resolve, ms));
	stdin.off('data', drop);
	stdin.pause();
}
