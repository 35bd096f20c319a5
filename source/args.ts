import {parseArgs} from 'node:util';

export const commands = ['wizard', 'login', 'logout', 'show', 'export', 'plan', 'apply', 'history', 'undo'] as const;
export type Command = (typeof commands)[number];

export type CliOptions = {
	command: Command;
	profile: string;
	apiUrl?: string;
	org?: string;
	connection?: string;
	demo: boolean;
	timeoutSeconds: number;
	debug: boolean;
	json: boolean;
	format?: 'yaml' | 'json';
	output?: string;
	file?: string;
	yes: boolean;
	/** With --yes: the connection name, typed as the wizard would ask for it before a risky change. */
	confirmName?: string;
	withToken: boolean;
	id?: number;
	roleNames: boolean;
	help: boolean;
	version: boolean;
};

export class ArgumentError extends Error {
	override name = 'ArgumentError';
}

const optionSpec = {
	profile: {type: 'string'},
	'api-url': {type: 'string'},
	org: {type: 'string'},
	connection: {type: 'string'},
	demo: {type: 'boolean'},
	timeout: {type: 'string'},
	debug: {type: 'boolean'},
	json: {type: 'boolean'},
	format: {type: 'string'},
	output: {type: 'string', short: 'o'},
	file: {type: 'string', short: 'f'},
	yes: {type: 'boolean', short: 'y'},
	'confirm-name': {type: 'string'},
	'with-token': {type: 'boolean'},
	id: {type: 'string'},
	'role-names': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

/** Parse argv (without node and script). Throws ArgumentError with a message fit for the operator. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
	let parsed;
	try {
		parsed = parseArgs({args: [...argv], options: optionSpec, allowPositionals: true, strict: true});
	} catch (error) {
		const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
		throw new ArgumentError(message);
	}

	const {values, positionals} = parsed;
	const [first, ...rest] = positionals;
	const command = (first ?? 'wizard') as Command;
	if (!(commands as readonly string[]).includes(command)) {
		// Named back only if it looks like a command word: it may be a pasted token.
		const shown = /^[a-z][a-z-]{0,19}$/.test(first ?? '') ? ` "${first}"` : '';
		const tokenNote = shown ? '' : ' A token is never given as an argument: use qovery-sso login or QOVERY_API_TOKEN.';
		throw new ArgumentError(`Unknown command${shown}. Commands: ${commands.filter(name => name !== 'wizard').join(', ')}.${tokenNote}`);
	}

	if (rest.length > 0) {
		throw new ArgumentError('Unexpected extra argument (not shown, in case it is a token). A token is never given as an argument: use qovery-sso login or QOVERY_API_TOKEN.');
	}

	const timeoutText = values.timeout ?? '15';
	const timeoutSeconds = Number(timeoutText);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
		throw new ArgumentError(`--timeout takes a number of seconds above 0 and at most 600, not "${timeoutText}".`);
	}

	if (values.format !== undefined && values.format !== 'yaml' && values.format !== 'json') {
		throw new ArgumentError(`--format takes yaml or json, not "${values.format}".`);
	}

	let id: number | undefined;
	if (values.id !== undefined) {
		id = Number(values.id);
		if (!Number.isInteger(id) || id < 1) {
			throw new ArgumentError(`--id takes a history entry number (see qovery-sso history), not "${values.id}".`);
		}
	}

	return {
		command,
		profile: values.profile ?? env.QOVERY_SSO_PROFILE ?? 'default',
		apiUrl: values['api-url'],
		org: values.org,
		connection: values.connection,
		demo: values.demo ?? false,
		timeoutSeconds,
		debug: (values.debug ?? false) || /(^|,)qovery-sso(,|$)/.test(env.DEBUG ?? ''),
		json: values.json ?? false,
		format: values.format as CliOptions['format'],
		output: values.output,
		file: values.file,
		yes: values.yes ?? false,
		confirmName: values['confirm-name'],
		withToken: values['with-token'] ?? false,
		id,
		roleNames: values['role-names'] ?? false,
		help: values.help ?? false,
		version: values.version ?? false,
	};
}

export const helpText = `qovery-sso: edit the SSO enterprise connection of a Qovery organization

Usage
  qovery-sso [options]              the interactive wizard
  qovery-sso login [--with-token]   store a token (asked masked, or read from stdin)
  qovery-sso logout                 forget the stored token
  qovery-sso show [--json]          the current settings, role names resolved
  qovery-sso export [--format yaml|json] [--output FILE] [--role-names]
                                    a file that apply reads back as "no changes"
  qovery-sso plan --file FILE       what applying FILE would change (exit 3 if anything)
  qovery-sso apply --file FILE [--yes [--confirm-name NAME]]
                                    plan, confirm, then save (a change that can
                                    lock admins out needs --confirm-name with --yes)
  qovery-sso history [--json]       changes made from this machine, newest first
  qovery-sso undo [--id N] [--yes [--confirm-name NAME]]
                                    put back the state before a change

Options
  --org ID|NAME          organization (skips the choice)
  --connection NAME      enterprise connection (skips the choice)
  --profile NAME         credential profile (default: default)
  --api-url URL          API base URL (default: https://api.qovery.com)
  --timeout SECONDS      per request (default: 15)
  --demo                 run against a built-in fake API with sample data
  --debug                log requests and timings to stderr (token redacted)
  -h, --help             this help
  -v, --version          the version

Environment
  QOVERY_API_TOKEN, QOVERY_CLI_ACCESS_TOKEN, Q_CLI_ACCESS_TOKEN   token (first found wins)
  QOVERY_API_URL           API base URL
  QOVERY_SSO_CONFIG_DIR    where credentials are stored
  NO_COLOR                 no colours

Exit codes
  0 done or nothing to change, 1 API or runtime failure, 2 usage or no terminal,
  3 changes pending (plan), 130 cancelled
`;
