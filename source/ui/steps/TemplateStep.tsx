import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import type {QoveryApi} from '../../api/client.js';
import type {LoadedConnection, Organization} from '../../model/connection.js';
import type {Edit} from '../../model/draft.js';
import {RoleCatalog} from '../../model/roles.js';
import {resolveTemplateRole, type Template, templateEdits, templateFrom, type UnresolvedRole} from '../../model/template.js';
import type {KeyHint} from '../components/Footer.js';
import {SelectList} from '../components/SelectList.js';
import {Spinner} from '../components/Spinner.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';

export const templateHints: KeyHint[] = [
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'back'},
];

type Phase =
	| {kind: 'pick-organization'}
	| {kind: 'loading-connections'; organization: Organization}
	| {kind: 'pick-connection'; organization: Organization; connections: LoadedConnection[]}
	| {kind: 'loading-source'; organization: Organization; name: string}
	| {kind: 'resolve'; source: string; template: Template; picking?: UnresolvedRole}
	| {kind: 'failed'; error: Error};

const dropKey = '\u0000drop';

/**
 * "Copy from another connection": pick an organization and one of its
 * connections; its default role, sync flag and mappings become the draft.
 * Custom roles are matched by name; those with no single match must be
 * mapped to a role here or dropped before the draft can be reviewed.
 */
export function TemplateStep({api, organizations, target, targetCatalog, currentConnection, height, onApply, onBack}: {
	api: QoveryApi;
	organizations: readonly Organization[];
	target: Organization;
	targetCatalog: RoleCatalog;
	currentConnection: string;
	height: number;
	onApply: (edits: Edit[], source: string) => void;
	onBack: () => void;
}) {
	const theme = useTheme();
	const [phase, setPhase] = useState<Phase>(organizations.length > 1 ? {kind: 'pick-organization'} : {kind: 'loading-connections', organization: target});

	useEffect(() => {
		let live = true;
		const fail = (error: unknown) => live && setPhase({kind: 'failed', error: error instanceof Error ? error : new Error(String(error))});
		if (phase.kind === 'loading-connections') {
			api.listConnections(phase.organization.id).then(all => {
				const connections = all.filter(connection => phase.organization.id !== target.id || connection.connection_name !== currentConnection);
				if (live) {
					setPhase(connections.length === 0
						? {kind: 'failed', error: new Error(`${phase.organization.name} has no other connection to copy from.`)}
						: {kind: 'pick-connection', organization: phase.organization, connections});
				}
			}).catch(fail);
		} else if (phase.kind === 'loading-source') {
			const sameOrganization = phase.organization.id === target.id;
			Promise.all([
				api.getConnection(phase.organization.id, phase.name),
				sameOrganization ? Promise.resolve(undefined) : api.listAvailableRoles(phase.organization.id),
			]).then(([connection, roles]) => {
				const sourceCatalog = roles ? new RoleCatalog(roles) : targetCatalog;
				if (live) {
					setPhase({kind: 'resolve', source: `${phase.organization.name} / ${phase.name}`, template: templateFrom(connection, sourceCatalog, targetCatalog)});
				}
			}).catch(fail);
		}

		return () => {
			live = false;
		};
	}, [phase.kind]);

	useStepInput((input, key) => {
		if (phase.kind === 'failed' && (key.escape || key.return || input === 'q')) {
			onBack();
		} else if (phase.kind === 'resolve' && !phase.picking && phase.template.unresolved.length === 0) {
			if (key.return) {
				onApply(templateEdits(phase.template)!, phase.source);
			} else if (key.escape) {
				onBack();
			}
		}
	});

	switch (phase.kind) {
		case 'pick-organization': {
			const items = organizations.map(org => ({key: org.id, label: org.name, hint: org.id === target.id ? 'this organization' : undefined, org}));
			return (
				<Box flexDirection="column">
					<Text>Copy the SSO settings of a connection from which organization?</Text>
					<SelectList label="organization" filterable items={items} height={height - 1} onSubmit={item => setPhase({kind: 'loading-connections', organization: item.org})} onBack={onBack} />
				</Box>
			);
		}

		case 'loading-connections':
		case 'loading-source': {
			return <Spinner label={phase.kind === 'loading-source' ? `Loading ${phase.name} and its roles${theme.symbols.ellipsis}` : `Loading the connections of ${phase.organization.name}${theme.symbols.ellipsis}`} />;
		}

		case 'pick-connection': {
			const items = phase.connections.map(connection => ({key: connection.connection_name, label: connection.connection_name, hint: `${Object.keys(connection.group_mappings).length} mapped roles`}));
			return (
				<Box flexDirection="column">
					<Text>{`Which connection of ${phase.organization.name}?`}</Text>
					<SelectList label="connection" filterable items={items} height={height - 1} onSubmit={item => setPhase({kind: 'loading-source', organization: phase.organization, name: item.key})} onBack={() => (organizations.length > 1 ? setPhase({kind: 'pick-organization'}) : onBack())} />
				</Box>
			);
		}

		case 'failed': {
			return (
				<Box flexDirection="column">
					<Text color={theme.color('red')} wrap="wrap">{`${theme.symbols.cross} ${phase.error.message}`}</Text>
					<Text dimColor>Enter or Esc goes back to the mappings; nothing was changed.</Text>
				</Box>
			);
		}

		case 'resolve': {
			const {template, picking} = phase;
			if (picking) {
				const items = [
					...targetCatalog.roles.map(role => ({key: role.key, label: role.name, hint: role.kind === 'basic' ? 'basic' : 'custom'})),
					{key: dropKey, label: `Drop ${describe(picking)}`},
				];
				return (
					<Box flexDirection="column">
						<Text wrap="truncate-end">{`Which role of ${target.name} should take ${describe(picking)}?`}</Text>
						<SelectList label="role" filterable items={items} height={height - 1} initialKey={picking.candidates[0]?.key} onSubmit={item => setPhase({...phase, picking: undefined, template: resolveTemplateRole(template, picking.sourceKey, item.key === dropKey ? undefined : item.key)})} onBack={() => setPhase({...phase, picking: undefined})} />
					</Box>
				);
			}

			if (template.unresolved.length > 0) {
				const items = template.unresolved.map(role => ({
					key: role.sourceKey,
					label: describe(role),
					hint: `${role.usedAs.join(' and ')}${role.groups.length > 0 ? `: ${role.groups.join(', ')}` : ''}`,
				}));
				return (
					<Box flexDirection="column">
						<Text color={theme.color('yellow')} wrap="wrap">{`${theme.symbols.warning} ${template.unresolved.length} role(s) of ${phase.source} have no single match in ${target.name}. Map each to a role or drop it; nothing is sent before.`}</Text>
						<SelectList label="role" items={items} height={height - 2} onSubmit={item => setPhase({...phase, picking: template.unresolved.find(role => role.sourceKey === item.key)})} onBack={onBack} />
					</Box>
				);
			}

			const mapped = Object.keys(template.mappings).length;
			return (
				<Box flexDirection="column">
					<Text color={theme.color('green')}>{`${theme.symbols.tick} Every role of ${phase.source} has a match here.`}</Text>
					<Text>{`The draft becomes: default role ${template.defaultRole ? targetCatalog.label(template.defaultRole) : '(kept)'}, sync ${template.enforceGroupSync === undefined ? '(kept)' : template.enforceGroupSync ? 'on' : 'off'}, ${mapped} mapped role${mapped === 1 ? '' : 's'}.`}</Text>
					<Text>Enter shows it in the review (nothing is sent yet); Esc cancels.</Text>
				</Box>
			);
		}
	}
}

function describe(role: UnresolvedRole): string {
	if (role.reason === 'unknown-in-source') {
		return `unknown role ${role.sourceKey}`;
	}

	return `"${role.sourceName ?? role.sourceKey}"${role.reason === 'ambiguous' ? ' (several roles have this name)' : ''}`;
}
