import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';

export async function runPlan(_options: CliOptions): Promise<number> {
	process.stderr.write('qovery-sso: plan is not available yet.\n');
	return exitCodes.usage;
}
