import type {CliOptions} from '../args.js';
import {resolveCredentials} from '../store/credentials.js';
import {runLogin} from './login.js';
import {runLogout} from './logout.js';

/** `qovery-sso login`: the API URL comes from the flag, the environment or the profile. */
export async function runLoginCommand(options: CliOptions): Promise<number> {
	const {apiUrl} = resolveCredentials({env: {...process.env, QOVERY_API_TOKEN: undefined}, profile: options.profile, apiUrlFlag: options.apiUrl});
	return runLogin({
		profile: options.profile,
		apiUrl,
		withToken: options.withToken,
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
	});
}

export async function runLogoutCommand(options: CliOptions): Promise<number> {
	return runLogout({profile: options.profile, stderr: process.stderr, env: process.env});
}
