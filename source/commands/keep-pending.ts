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

		const data = exportData(pending.organization, pending.body, new RoleCatalog(pending.roles), {roleNames: false});
		const text = exportYaml(data, pending.organization, pending.body);
		const base = connection.replace(/[^\w.-]+/g, '_');
		// Until it is written or the operator gives up (Ctrl+C): a name taken
		// or a missing folder only asks again.
		for (let attempt = 1; ; attempt++) {
			const suggested = freeName(`${base}-pending`, attempt);
			const file = path.resolve(await input({message: 'File:', default: suggested, validate: value => (value.trim() === '' ? 'A file name is needed.' : true)}));
			try {
				fs.writeFileSync(file, text, {flag: 'wx'});
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				stderr.write(code === 'EEXIST' ? `${file} exists already; choose another name.\n` : `${file} could not be written (${code ?? (error as Error).message}); choose another place.\n`);
				continue;
			}

			stderr.write(`Kept in ${file}. Check it with: qovery-sso plan --file ${JSON.stringify(file)} --org ${pending.organization.id}\n`);
			return;
		}
	} catch (error) {
		if (error instanceof Error && error.name === 'ExitPromptError') {
			stderr.write('The change was not kept.\n');
			return;
		}

		throw error;
	} finally {
		process.stdin.unref();
	}
}

/** `name.yaml`, or the first of `name-2.yaml`, `name-3.yaml`... not taken yet. */
function freeName(name: string, from: number): string {
	for (let index = from; ; index++) {
		const candidate = index === 1 ? `${name}.yaml` : `${name}-${index}.yaml`;
		if (!fs.existsSync(candidate)) {
			return candidate;
		}
	}
}
