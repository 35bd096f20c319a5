import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runShow(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: show is not available yet.\n');
	return exitCodes.usage;
}
