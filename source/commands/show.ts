import type {CliOptions} from '../args.js';
import {exitCodes} from '../exit-codes.js';
import {draftFromConnection} from '../model/draft.js';
import {hasUnusualSpace, trimGroupName} from '../model/groups.js';
import {warningsFor} from '../model/warnings.js';
import {roleLabel, syncLabel, warningLines, type Line} from '../present/diff-lines.js';
import {printLines, processStreams, runScripted, type Streams} from './scripting.js';
import {resolveTarget, type Target} from './target.js';

/**
 * `qovery-sso show`: the connection's current settings, role names resolved;
 * with --json the connection as the API has it, plus its context (see showJson).
 */
export async function runShow(options: CliOptions, streams: Streams = processStreams()): Promise<number> {
	return runScripted(options, streams, async ({api, stdout, style}) => {
		const target = await resolveTarget(api, {org: options.org, connection: options.connection});
		if (options.json) {
			stdout.write(`${JSON.stringify(showJson(target), null, 2)}\n`);
		} else {
			printLines(showLines(target), style, stdout);
			const warnings = warningLines(warningsFor(draftFromConnection(target.loaded), target.catalog), style.markers);
			if (warnings.length > 0) {
				printLines([{marker: '', tone: 'heading', text: 'Warnings:'}, ...warnings], style, stdout);
			}
		}

		return exitCodes.ok;
	});
}

/**
 * The stable --json shape:
 * {organization: {id, name},
 *  connection: {connection_name, default_role, enforce_group_sync: true|false|null, group_mappings: {key: [group]}},
 *  roles: [{key, name, kind: "basic"|"custom"}],
 *  unknown_role_keys: [key]}
 */
export function showJson({organization, loaded, catalog}: Target): Record<string, unknown> {
	const used = [loaded.default_role, ...Object.keys(loaded.group_mappings)];
	return {
		organization: {id: organization.id, name: organization.name},
		connection: {
			connection_name: loaded.connection_name,
			default_role: loaded.default_role,
			enforce_group_sync: loaded.enforce_group_sync ?? null,
			group_mappings: loaded.group_mappings,
		},
		roles: catalog.roles.map(({key, name, kind}) => ({key, name, kind})),
		unknown_role_keys: [...new Set(used.filter(key => !catalog.has(key)))],
	};
}

export function showLines({organization, loaded, catalog}: Target): Line[] {
	const plain = (text: string): Line => ({marker: '', tone: 'plain', text});
	const sync = loaded.enforce_group_sync === undefined
		? 'unknown (the server does not say)'
		: syncLabel(loaded.enforce_group_sync);
	const lines: Line[] = [
		plain(`Organization:        ${organization.name} (${organization.id})`),
		plain(`Connection:          ${loaded.connection_name}`),
		plain(`Default role:        ${roleLabel(catalog, loaded.default_role)}`),
		plain(`Enforce group sync:  ${sync}`),
	];
	const entries = Object.entries(loaded.group_mappings);
	if (entries.length === 0) {
		lines.push(plain('Group mappings:      none'));
		return lines;
	}

	lines.push(plain('Group mappings:'));
	const labels = entries.map(([key]) => roleLabel(catalog, key));
	const width = Math.max('ROLE'.length, ...labels.map(label => label.length));
	lines.push({marker: '', tone: 'heading', text: `${'ROLE'.padEnd(width)}  IDP GROUPS`, indent: 2});
	entries.forEach(([, groups], index) => {
		const label = labels[index]!;
		const shown = groups.length === 0 ? ['(no groups)'] : groups.map(displayGroup);
		shown.forEach((group, row) => {
			lines.push(plain(`  ${(row === 0 ? label : '').padEnd(width)}  ${group}`));
		});
	});
	return lines;
}

/** A name that could be misread (surrounding or odd spaces, empty) is shown quoted. */
function displayGroup(group: string): string {
	return group === '' || group !== trimGroupName(group) || hasUnusualSpace(group) ? JSON.stringify(group) : group;
}
