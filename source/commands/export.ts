import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runExport(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: export is not available yet.\n');
	return exitCodes.usage;
}
