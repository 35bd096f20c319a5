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
import {fitWidth} from '../../present/text-width.js';
import {useScreenSize} from '../hooks/use-screen-size.js';
import {useStepInput} from '../hooks/use-step-input.js';
import {useTheme} from '../theme.js';

const listHints: KeyHint[] = [
	{keys: 'type', action: 'filter'},
	{keys: '↑↓', action: 'move'},
	{keys: 'Enter', action: 'choose'},
	{keys: 'Esc', action: 'back'},
];

const summaryHints: KeyHint[] = [
	{keys: 'Enter', action: 'show in the review'},
	{keys: 'Esc', action: 'cancel the copy'},
];

const failedHints: KeyHint[] = [{keys: 'Enter/Esc', action: 'back to the mappings'}];

/** The keys of the template's current stage: lists, the summary, or an error. */
export function templateHints(stage: 'list' | 'summary' | 'failed'): KeyHint[] {
	return stage === 'summary' ? summaryHints : stage === 'failed' ? failedHints : listHints;
}

/** Which hints a phase needs. */
function stageOf(phase: Phase): 'list' | 'summary' | 'failed' {
	if (phase.kind === 'failed') {
		return 'failed';
	}

	return phase.kind === 'resolve' && !phase.picking && phase.template.unresolved.length === 0 ? 'summary' : 'list';
}

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
export function TemplateStep({api, organizations, target, targetCatalog, currentConnection, height, onApply, onBack, onStage}: {
	api: QoveryApi;
	organizations: readonly Organization[];
	target: Organization;
	targetCatalog: RoleCatalog;
	currentConnection: string;
	height: number;
	onApply: (edits: Edit[], source: string) => void;
	onBack: () => void;
	/** Told which keys the current stage takes, for the footer. */
	onStage?: (stage: 'list' | 'summary' | 'failed') => void;
}) {
	const theme = useTheme();
	const {columns} = useScreenSize();
	const [phase, setPhase] = useState<Phase>(organizations.length > 1 ? {kind: 'pick-organization'} : {kind: 'loading-connections', organization: target});

	const stage = stageOf(phase);
	useEffect(() => {
		onStage?.(stage);
	}, [stage]);

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
			const items = phase.connections.map(connection => ({key: connection.connection_name, label: connection.connection_name, hint: plural(Object.keys(connection.group_mappings).length, 'mapped role')}));
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
				// Candidates of an ambiguous name first, with their ids to tell them apart;
				// otherwise "Drop" comes first, so a reflex Enter grants nothing.
				const question = `Which role of ${target.name} should take ${describe(picking)}?`;
				const candidateKeys = new Set(picking.candidates.map(role => role.key));
				const roles = [...picking.candidates, ...targetCatalog.roles.filter(role => !candidateKeys.has(role.key))];
				const items = [
					...(picking.candidates.length === 0 ? [{key: dropKey, label: `Drop ${describe(picking)}`}] : []),
					...roles.map(role => ({key: role.key, label: role.name, hint: role.kind === 'basic' ? 'basic' : `custom ${role.key}`, search: role.key})),
					...(picking.candidates.length > 0 ? [{key: dropKey, label: `Drop ${describe(picking)}`}] : []),
				];
				return (
					<Box flexDirection="column">
						{/* Read whole by a screen reader; cut with the theme's mark otherwise. */}
						<Text wrap="truncate-end">{theme.caps.screenReader ? question : fitWidth(question, columns - 1, theme.symbols.ellipsis)}</Text>
						<SelectList key={`pick-${picking.sourceKey}`} label="role" filterable items={items} height={height - 1} initialKey={items[0]?.key} onSubmit={item => setPhase({...phase, picking: undefined, template: resolveTemplateRole(template, picking.sourceKey, item.key === dropKey ? undefined : item.key)})} onBack={() => setPhase({...phase, picking: undefined})} />
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
						<Text color={theme.color('yellow')} wrap="wrap">{`${theme.symbols.warning} ${plural(template.unresolved.length, 'role')} of ${phase.source} ${template.unresolved.length === 1 ? 'has' : 'have'} no single match in ${target.name}. Map each to a role here or drop it; nothing can be sent until then.`}</Text>
						<SelectList key="unresolved" label="role" items={items} height={height - 2} onSubmit={item => setPhase({...phase, picking: template.unresolved.find(role => role.sourceKey === item.key)})} onBack={onBack} />
					</Box>
				);
			}

			const mapped = Object.keys(template.mappings).length;
			return (
				<Box flexDirection="column">
					<Text color={theme.color('green')}>{`${theme.symbols.tick} Every role of ${phase.source} is matched or dropped.`}</Text>
					<Text>{`The draft becomes: default role ${template.defaultRole ? targetCatalog.label(template.defaultRole) : '(kept)'}, sync ${template.enforceGroupSync === undefined ? '(kept)' : template.enforceGroupSync ? 'on' : 'off'}, ${mapped} mapped role${mapped === 1 ? '' : 's'}.`}</Text>
					<Text wrap="wrap">{`This replaces the current draft's mappings${template.defaultRole ? ', default role' : ''}${template.enforceGroupSync === undefined ? '' : ' and sync setting'}. Enter shows it in the review (nothing is sent yet; u on the mappings step undoes the copy); Esc cancels.`}</Text>
				</Box>
			);
		}
	}
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describe(role: UnresolvedRole): string {
	if (role.reason === 'unknown-in-source') {
		return `unknown role ${role.sourceKey}`;
	}

	return `"${role.sourceName ?? role.sourceKey}"${role.reason === 'ambiguous' ? ' (several roles have this name)' : ''}`;
}
