#!/usr/bin/env node
import process from 'node:process';
import {ArgumentError, type CliOptions, helpText, parseCli} from './args.js';
import {exitCodes} from './exit-codes.js';
import {reportError} from './report.js';

declare const QOVERY_SSO_VERSION: string | undefined;

/** The version, from the bundle's define or, unbundled, from package.json. */
async function version(): Promise<string> {
	if (typeof QOVERY_SSO_VERSION === 'string') {
		return QOVERY_SSO_VERSION;
	}

	const {readFile} = await import('node:fs/promises');
	const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
	return manifest.version;
}

async function main(argv: string[]): Promise<number> {
	let options: CliOptions;
	try {
		options = parseCli(argv, process.env);
	} catch (error) {
		if (error instanceof ArgumentError) {
			process.stderr.write(`qovery-sso: ${error.message}\nRun qovery-sso --help for usage.\n`);
			return exitCodes.usage;
		}

		throw error;
	}

	if (options.help) {
		process.stdout.write(helpText);
		return exitCodes.ok;
	}

	if (options.version) {
		process.stdout.write(`${await version()}\n`);
		return exitCodes.ok;
	}

	switch (options.command) {
		case 'wizard': {
			// The demo's fake API loads alongside the screens, not after them.
			const [{runWizard}] = await Promise.all([import('./commands/wizard.js'), options.demo ? import('./fake/server.js') : undefined]);
			return runWizard(options);
		}

		case 'login': {
			const {runLoginCommand} = await import('./commands/session-commands.js');
			return runLoginCommand(options);
		}

		case 'logout': {
			const {runLogoutCommand} = await import('./commands/session-commands.js');
			return runLogoutCommand(options);
		}

		case 'show': {
			const {runShow} = await import('./commands/show.js');
			return runShow(options);
		}

		case 'export': {
			const {runExport} = await import('./commands/export.js');
			return runExport(options);
		}

		case 'plan': {
			const {runPlan} = await import('./commands/plan.js');
			return runPlan(options);
		}

		case 'apply': {
			const {runApply} = await import('./commands/apply.js');
			return runApply(options);
		}

		case 'history': {
			const {runHistory} = await import('./commands/history.js');
			return runHistory(options);
		}

		case 'undo': {
			const {runUndo} = await import('./commands/undo.js');
			return runUndo(options);
		}
	}
}

// `qovery-sso show | head`: a reader that leaves early is no error.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') {
			process.exit(process.exitCode ?? exitCodes.ok);
		}

		throw error;
	});
}

const debugRequested = process.argv.includes('--debug') || /(^|,)qovery-sso(,|$)/.test(process.env.DEBUG ?? '');

// Last resort: one readable line, the terminal restored by the exit hooks.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
	process.on(event, (error: unknown) => {
		process.exitCode = reportError(error, debugRequested);
		process.exit();
	});
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.exitCode = reportError(error, debugRequested);
	},
);
