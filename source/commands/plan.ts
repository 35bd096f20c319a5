import type {QoveryApi} from '../api/client.js';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {planFromFile, type FilePlan} from '../model/file-edits.js';
import {failOnProblems, planJson, planLines, printLines, printNotes, processStreams, readChangeFile, reportKnown, runScripted, shellWord, type ChangeFile, type Streams} from './scripting.js';
import {resolveTarget, type Target} from './target.js';

export type PreparedPlan = {file: ChangeFile; target: Target; plan: FilePlan};

/**
 * Load the target and work out what the (already checked) file changes.
 * The connection comes from --connection, else from the file's
 * connection_name, else it must be the organization's only one.
 * File problems found against the server (unknown roles...) end in exit 2.
 */
export async function preparePlan(api: QoveryApi, options: CliOptions, file: ChangeFile, streams: Streams): Promise<PreparedPlan> {
	const {fields} = file.parsed;
	const target = await resolveTarget(api, {org: options.org, connection: options.connection ?? fields.connectionName?.value});
	const plan = planFromFile(fields, target.loaded, target.catalog, target.organization);
	printNotes(file.name, plan.notes, streams);
	failOnProblems(file.name, plan.problems, streams);
	return {file, target, plan};
}

/**
 * `qovery-sso plan --file F`: the same diff and warnings as the wizard's
 * review, on stdout. Exit 0 when nothing would change, 3 when changes are
 * pending. With --json, planJson's shape instead.
 */
export async function runPlan(options: CliOptions, streams: Streams = processStreams()): Promise<number> {
	let file: ChangeFile;
	try {
		file = await readChangeFile(options.file, 'plan', streams);
	} catch (error) {
		return reportKnown(error, line => streams.stderr.write(`${line}\n`));
	}

	return runScripted(options, streams, async ({api, stdout, say, style}) => {
		const {target, plan} = await preparePlan(api, options, file, streams);
		if (options.json) {
			stdout.write(`${JSON.stringify(planJson(plan, target), null, 2)}\n`);
		} else {
			printLines(planLines(plan, target, style), style, stdout);
		}

		if (plan.empty) {
			return exitCodes.ok;
		}

		// The whole command to run next, target included: it must work as printed.
		const where = `--org ${target.organization.id} --connection ${shellWord(target.loaded.connection_name)}`;
		say(`Changes pending; send them with: qovery-sso apply --file ${file.name === 'stdin' ? '-' : shellWord(file.name)} ${where}`);
		return exitCodes.changesPending;
	});
}
