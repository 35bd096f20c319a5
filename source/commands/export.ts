import fs from 'node:fs';
import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {formatOfName, type FileFormat} from '../model/change-file.js';
import {exportData, exportJson, exportYaml} from '../present/export-file.js';
import {UsageError} from '../ui/outcome.js';
import {processStreams, reportKnown, runScripted, type Streams} from './scripting.js';
import {resolveTarget} from './target.js';

/**
 * `qovery-sso export`: the current settings as a change file that `apply`
 * reads back as "no changes". YAML unless --format json (or an --output
 * ending in .json); to stdout unless --output FILE.
 */
export async function runExport(options: CliOptions, streams: Streams = processStreams()): Promise<number> {
	let format: FileFormat;
	try {
		format = exportFormat(options);
	} catch (error) {
		return reportKnown(error, line => streams.stderr.write(`${line}\n`));
	}

	return runScripted(options, streams, async ({api, stdout, say}) => {
		const target = await resolveTarget(api, {org: options.org, connection: options.connection});
		const data = exportData(target.organization, target.loaded, target.catalog, {roleNames: options.roleNames});
		const text = format === 'json' ? exportJson(data) : exportYaml(data, target.organization, target.loaded);
		for (const note of data.notes) {
			say(`note: ${note}`);
		}

		if (options.output === undefined || options.output === '-') {
			stdout.write(text);
			return exitCodes.ok;
		}

		try {
			fs.writeFileSync(options.output, text);
		} catch (error) {
			say(`qovery-sso: cannot write ${options.output}: ${(error as Error).message}`);
			return exitCodes.failure;
		}

		say(`Exported ${target.loaded.connection_name} (${target.organization.name}) to ${options.output}.`);
		return exitCodes.ok;
	});
}

function exportFormat(options: CliOptions): FileFormat {
	const byName = options.output === undefined ? undefined : formatOfName(options.output);
	if (options.format && byName && options.format !== byName) {
		throw new UsageError(`--format ${options.format} does not match ${options.output}: plan and apply read a file by its extension.`, `Use a .${options.format === 'json' ? 'json' : 'yaml'} name, or leave --format out.`);
	}

	return options.format ?? byName ?? 'yaml';
}
