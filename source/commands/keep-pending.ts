import fs from 'node:fs';
import path from 'node:path';
import type {PendingChange} from '../ui/outcome.js';
import {RoleCatalog} from '../model/roles.js';
import {exportData, exportYaml} from '../present/export-file.js';

/**
 * After a failed save or a quit on drift: offer to write the edit as a file
 * that `qovery-sso apply` accepts, so nothing typed is lost.
 */
export async function offerToKeepPending(pending: PendingChange, stderr: NodeJS.WritableStream): Promise<void> {
	const {confirm, input} = await import('@inquirer/prompts');
	const connection = pending.body.connection_name;
	// Ink leaves stdin unreferenced on exit: without this the prompt would
	// not keep the process alive long enough to be answered.
	process.stdin.ref();
	try {
		if (!(await confirm({message: 'Keep the unsent change as a file for qovery-sso apply?', default: true}))) {
			return;
		}

		const suggested = `${connection.replace(/[^\w.-]+/g, '_')}-pending.yaml`;
		const file = path.resolve(await input({message: 'File:', default: suggested, validate: value => (value.trim() === '' ? 'A file name is needed.' : true)}));
		const data = exportData(pending.organization, pending.body, new RoleCatalog(pending.roles), {roleNames: false});
		fs.writeFileSync(file, exportYaml(data, pending.organization, pending.body), {flag: 'wx'});
		stderr.write(`Kept in ${file}. Check it with: qovery-sso plan --file ${JSON.stringify(file)} --org ${pending.organization.id}\n`);
	} catch (error) {
		if (error instanceof Error && error.name === 'ExitPromptError') {
			return;
		}

		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			stderr.write('That file exists already; nothing was written.\n');
			return;
		}

		throw error;
	} finally {
		process.stdin.unref();
	}
}
