import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runApply(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: apply is not available yet.\n');
	return exitCodes.usage;
}
