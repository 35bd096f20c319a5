import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runHistory(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: history is not available yet.\n');
	return exitCodes.usage;
}
