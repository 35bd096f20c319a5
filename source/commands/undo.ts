import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runUndo(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: undo is not available yet.\n');
	return exitCodes.usage;
}
