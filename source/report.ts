import {ApiError} from './api/errors.js';
import {exitCodes} from './exit-codes.js';
import {UsageError} from './ui/outcome.js';

/**
 * The last word on an error that reached the top: one readable line (and a
 * hint), the stack only with --debug. Returns the exit code.
 */
export function reportError(error: unknown, debug: boolean, stderr: NodeJS.WritableStream = process.stderr): number {
	if (error instanceof ApiError) {
		stderr.write(`qovery-sso: ${error.message}\n${error.hint}\n`);
		return exitCodes.failure;
	}

	if (error instanceof UsageError) {
		stderr.write(`qovery-sso: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
		return exitCodes.usage;
	}

	const message = error instanceof Error ? error.message : String(error);
	stderr.write(`qovery-sso: unexpected error: ${message}\n`);
	if (debug && error instanceof Error && error.stack) {
		stderr.write(`${error.stack}\n`);
	} else {
		stderr.write('Run again with --debug for details.\n');
	}

	return exitCodes.failure;
}
