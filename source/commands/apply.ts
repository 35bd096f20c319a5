import {answerLost, ApiError} from '../api/errors.js';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {diffConnection, sameConnection} from '../model/diff.js';
import {draftFromConnection} from '../model/draft.js';
import {saveConnection, type SaveRecorder} from '../model/save.js';
import {needsTypedConfirmation} from '../model/warnings.js';
import {diffLines} from '../present/diff-lines.js';
import {openHistory} from '../store/history.js';
import {historyRecorder} from '../store/history-recorder.js';
import {preparePlan} from './plan.js';
import {planLines, printLines, processStreams, readChangeFile, renderLines, reportKnown, runScripted, shellWord, type ChangeFile, type Streams} from './scripting.js';
import {stopExitCodes, stopMessage, whileNotStopped} from './stop-signals.js';

/**
 * `qovery-sso apply --file F [--yes]`: the plan, a confirmation (y/N, or the
 * connection name typed when a warning is dangerous), then the PUT through
 * saveConnection, which re-reads the connection first and sends nothing if
 * it changed meanwhile. Each save is recorded in the history.
 */
export async function runApply(options: CliOptions, streams: Streams = processStreams()): Promise<number> {
	const say = (line: string) => streams.stderr.write(`${line}\n`);
	// Checked before anything is read or requested.
	if (!options.yes && (streams.stdin.isTTY !== true || options.file === '-')) {
		say(options.file === '-'
			? 'qovery-sso: apply --file - reads the file from stdin, so it cannot also ask for confirmation there.'
			: 'qovery-sso: apply asks for confirmation, and stdin is not a terminal.');
		say('Review the change with qovery-sso plan --file FILE, then send it with qovery-sso apply --file FILE --yes.');
		return exitCodes.usage;
	}

	let file: ChangeFile;
	try {
		file = await readChangeFile(options.file, 'apply', streams);
	} catch (error) {
		return reportKnown(error, say);
	}

	return runScripted(options, streams, async ({api, stdout, style, connection, env}) => {
		const {target, plan} = await preparePlan(api, options, file, streams);
		const {organization, loaded, catalog} = target;
		printLines(planLines(plan, target, style), style, stdout);
		if (plan.empty || !plan.body) {
			say('No changes; nothing was sent.');
			return exitCodes.ok;
		}

		const dangerous = needsTypedConfirmation(plan.warnings);
		if (options.yes) {
			for (const warning of plan.warnings.filter(warning => warning.severity === 'danger')) {
				say(`warning: ${warning.message}`);
			}

			// --yes answers the y/N; a change that can lock admins out also needs
			// the connection's name, as the wizard asks for it.
			if (dangerous && options.confirmName !== loaded.connection_name) {
				say(`qovery-sso: this change can lock the admins out; to apply it without a prompt, add --confirm-name ${loaded.connection_name}. Nothing was changed.`);
				return exitCodes.usage;
			}
		} else {
			const answer = await confirmSend(loaded.connection_name, organization.name, dangerous, streams);
			if (answer !== 'yes') {
				say(answer === 'mismatch'
					? `The name typed is not ${loaded.connection_name}; cancelled, nothing was changed.`
					: 'Cancelled, nothing was changed.');
				return exitCodes.cancelled;
			}
		}

		let historyId: number | undefined;
		let recorder: SaveRecorder | undefined;
		// The demo's fake API is gone after the run: its changes are not history.
		if (!options.demo) {
			const history = historyRecorder(openHistory(env), {profile: connection.profile, apiUrl: connection.apiUrl}, say);
			recorder = {
				...history,
				begin(...args) {
					historyId = history.begin?.(...args);
					return historyId;
				},
			};
		}

		let sending = false;
		let result;
		// A stop while the PUT is out must not pass in silence: the change may be in place.
		const stopWatch = whileNotStopped(signal => {
			const where = options.demo ? {} : {apiUrl: connection.apiUrl, profile: connection.profile};
			say(stopMessage(signal, sending ? {organizationId: organization.id, connection: loaded.connection_name, ...where} : undefined));
			process.exit(stopExitCodes[signal]);
		});
		try {
			result = await saveConnection(api, organization, loaded, plan.body, recorder, () => {
				sending = true;
			});
		} catch (error) {
			if (!(error instanceof ApiError)) {
				throw error;
			}

			say(`qovery-sso: ${error.message}`);
			say(error.hint);
			// Once the PUT is out, only an answer refusing it proves nothing was stored:
			// a lost answer may follow a save, and a success whose body is unreadable is one.
			say(sending && answerLost(error)
				? 'The change may have reached the server before the failure; run qovery-sso show to check before applying again.'
				: sending && error.kind === 'shape'
					? 'The server answered the PUT with success, so the change was probably saved; run qovery-sso show to check before applying again.'
					: 'Nothing was saved.');
			return exitCodes.failure;
		} finally {
			stopWatch();
		}

		if (result.kind === 'drift') {
			say(`qovery-sso: ${loaded.connection_name} changed on the server since it was loaded; nothing was sent.`);
			say('Changed on the server meanwhile:');
			say(renderLines(diffLines(diffConnection(loaded, draftFromConnection(result.server)), catalog, style.markers), {...style, colour: false}));
			say(`Run qovery-sso plan --file ${file.name === 'stdin' ? '-' : shellWord(file.name)} again to see the change against the current settings.`);
			return exitCodes.failure;
		}

		say(`Saved ${loaded.connection_name} in ${organization.name}.`);
		if (!sameConnection(result.applied, plan.body)) {
			say('Note: the server\'s answer differs from what was sent; run qovery-sso show to see the settings now.');
		}

		if (historyId !== undefined) {
			say(`Recorded in the history as change ${historyId} (qovery-sso history).`);
		}

		return exitCodes.ok;
	});
}

type Answer = 'yes' | 'no' | 'mismatch' | 'cancelled';

/** y/N (default No), or the connection name typed for a dangerous change. Ctrl+C is "cancelled". */
async function confirmSend(name: string, organization: string, dangerous: boolean, streams: Streams): Promise<Answer> {
	const {confirm, input} = await import('@inquirer/prompts');
	// Questions are messages: on stderr, unless only stdout reaches the terminal.
	const output = streams.stderr.isTTY !== true && streams.stdout.isTTY === true ? streams.stdout : streams.stderr;
	const context = {input: streams.stdin, output};
	try {
		if (dangerous) {
			const typed = await input({message: `Dangerous change (see the warning above). Type ${name} to send it:`}, context);
			return typed.trim() === name ? 'yes' : 'mismatch';
		}

		return (await confirm({message: `Send this change to ${name} in ${organization}?`, default: false}, context)) ? 'yes' : 'no';
	} catch (error) {
		// Matched by name: the class lives in @inquirer/core, which is not a dependency of ours.
		if (error instanceof Error && error.name === 'ExitPromptError') {
			return 'cancelled';
		}

		throw error;
	}
}
