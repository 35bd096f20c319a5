import {Box, Text} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import type {QoveryApi} from '../api/client.js';
import type {Organization} from '../model/connection.js';
import type {Prefetch} from './prefetch.js';
import {diffConnection} from '../model/diff.js';
import {undoLastMappingEdit} from '../model/draft.js';
import {describeEdit, type Line, roleLabel, wrapLines} from '../present/diff-lines.js';
import {LineView} from './components/LineView.js';
import {warningsFor, needsTypedConfirmation} from '../model/warnings.js';
import {Footer, type KeyHint, keyLabel} from './components/Footer.js';
import {fitWidth, wrapToWidth} from '../present/text-width.js';
import {Spinner} from './components/Spinner.js';
import {useInputGate} from './hooks/input-gate.js';
import {useScreenSize} from './hooks/use-screen-size.js';
import {useRetryNotice} from './hooks/use-retry-notice.js';
import {InputRouter, useStepInput} from './hooks/use-step-input.js';
import type {SaveRecorder} from '../model/save.js';
import {useWizard} from './hooks/use-wizard.js';
import {type PendingChange, UsageError, type WizardOutcome} from './outcome.js';
import type {RetryNotices} from './retry-notices.js';
import {ConnectionStep, connectionHints} from './steps/ConnectionStep.js';
import {DefaultRoleStep, defaultRoleHints} from './steps/DefaultRoleStep.js';
import {DoneStep, doneHints} from './steps/DoneStep.js';
import {DriftStep, driftHints} from './steps/DriftStep.js';
import {FailedStep, failedHints} from './steps/FailedStep.js';
import {GroupSyncStep, groupSyncHints} from './steps/GroupSyncStep.js';
import {MappingsStep, type MappingsMode, mappingsHints} from './steps/MappingsStep.js';
import {OrganizationStep, organizationHints} from './steps/OrganizationStep.js';
import {noChangeHints, ReviewStep, reviewHints} from './steps/ReviewStep.js';
import {TemplateStep, templateHints} from './steps/TemplateStep.js';
import {TypedConfirmStep, typedConfirmHints} from './steps/TypedConfirmStep.js';
import {useTheme} from './theme.js';
import {isFirstStep, type Step, type WizardState} from './wizard-state.js';
import {formatSeconds} from '../api/retry.js';

export type WizardProps = {
	api: QoveryApi;
	selection?: {organization?: string; connection?: string};
	/** Where saves are recorded (the change history). */
	recorder?: SaveRecorder;
	/** Against the built-in fake API: said in the header. */
	demo?: boolean;
	/** The organizations, already asked for; used for the first load only. */
	organizations?: Prefetch<Organization[]>;
	initialState?: WizardState;
	/** Set to this run's cancel, so Ctrl+C seen outside Ink ends the same way. */
	cancelRef?: {current: () => void};
	/** Retries of the API client, shown while a step waits. */
	retryNotices?: RetryNotices;
	onExit: (outcome: WizardOutcome) => void;
};

const stepTitles: Partial<Record<Step, string>> = {
	organization: 'Organization',
	connection: 'Connection',
	'default-role': 'Default role',
	'group-sync': 'Enforced group sync',
	mappings: 'Group mappings',
	template: 'Copy from another connection',
	review: 'Review',
	'typed-confirm': 'Confirm a risky change',
	drift: 'Changed on the server',
	done: 'Result',
	failed: 'Error',
};

/** What each step is for, at the top of its help. */
const stepAbout: Partial<Record<Step, string>> = {
	organization: 'Choose the Qovery organization whose SSO connection you want to edit.',
	connection: 'Choose the enterprise connection (SAML or OIDC) to edit.',
	'default-role': 'Users whose IdP groups match no mapping get this role at sign-in.',
	'group-sync': 'On: roles are set from IdP groups at every sign-in, as mapped next. Off: nothing is synchronized and the mappings are ignored.',
	mappings: 'Each role with the IdP group names that grant it, exactly as the IdP sends them.',
	template: 'Start from another connection: its default role, sync setting and mappings become the draft; custom roles are matched by name.',
	review: 'What will be sent, with warnings first. The connection is read again just before sending; if someone changed it meanwhile, nothing is sent.',
	'typed-confirm': 'This change can lock the admins out: type the connection name to send it anyway.',
	drift: 'The connection changed on the server since you loaded it; nothing was sent.',
};

const numbered: Step[] = ['organization', 'connection', 'default-role', 'group-sync', 'mappings', 'review'];

const globalHints: KeyHint[] = [
	{keys: '?', action: 'help'},
	{keys: 'Ctrl+C', action: 'quit'},
];

/**
 * The whole interactive session:
 *
 *   qovery-sso › Acme Corp › acme-okta
 *   Step 3 of 6: Default role
 *
 *   <the step, sized to the terminal>
 *
 *   ↑↓ move · Enter choose · Esc back · ? help · Ctrl+C quit
 */
export function Wizard(props: WizardProps) {
	return (
		<WizardScreen {...props} />
	);
}

/** The smallest terminal the steps are laid out for (tested in test/e2e/terminals.test.ts). */
export const minimumSize = {columns: 60, rows: 15};

function WizardScreen({api, selection = {}, recorder, organizations, demo = false, initialState, cancelRef, retryNotices, onExit}: WizardProps) {
	const theme = useTheme();
	const gate = useInputGate();
	const {columns, rows} = useScreenSize();
	const {state, dispatch, catalog, draft, body} = useWizard(api, selection, recorder, initialState, organizations);
	const [mappingsMode, setMappingsMode] = useState<MappingsMode>({kind: 'list'});
	// Kept here, not in the step: coming back from the review finds the same row.
	// A ref, not state: the cursor moves often and the wizard need not redraw for it.
	const mappingsPlace = useRef<string | undefined>(undefined);
	const [mappingsNote, setMappingsNote] = useState<string | undefined>();
	const [templateStage, setTemplateStage] = useState<'list' | 'summary' | 'failed'>('list');
	const [showHelp, setShowHelp] = useState(false);
	const [helpOffset, setHelpOffset] = useState(0);
	const retry = useRetryNotice(retryNotices, state.step);
	// One row spare: a frame as tall as the terminal makes Ink clear the whole screen.
	const bodyHeight = Math.max(4, rows - 7);
	// Below this the steps' rows run into each other. The wizard waits for a
	// larger window instead, every edit kept (a screen reader has no layout).
	const tooSmall = !theme.caps.screenReader && (columns < minimumSize.columns || rows < minimumSize.rows);

	// Every step change drops what is left of the keys that caused it.
	const go = (action: Parameters<typeof dispatch>[0]) => {
		gate.discardPending();
		dispatch(action);
	};

	const pending = (): PendingChange | undefined =>
		state.organization && body && state.roles && state.edits.length > 0 ? {organization: state.organization, body, roles: state.roles} : undefined;
	const cancel = () => onExit({
		kind: 'cancelled',
		unsent: pending(),
		...(state.step === 'sending' && state.organization && state.connectionName ? {whileSaving: {organization: state.organization, connection: state.connectionName}} : {}),
	});
	if (cancelRef) {
		cancelRef.current = cancel;
	}

	const back = () => (isFirstStep(state) ? cancel() : go({type: 'back'}));

	// A wrong --org or --connection, or an org with no connection: nothing to
	// retry or choose, so the wizard ends at once with the message.
	useEffect(() => {
		if (state.step === 'failed' && state.failure?.error instanceof UsageError) {
			onExit({kind: 'failed', error: state.failure.error});
		}
	}, [state.step]);

	const textEntry = state.step === 'typed-confirm' || (state.step === 'mappings' && mappingsMode.kind === 'edit');
	useStepInput((input, key) => {
		if (key.ctrl && input === 'c') {
			cancel();
		} else if (input === '?' && !textEntry) {
			setShowHelp(current => !current);
			setHelpOffset(0);
		} else if (showHelp && key.escape) {
			setShowHelp(false);
		} else if (showHelp && (key.downArrow || key.pageDown || key.upArrow || key.pageUp)) {
			const step = key.pageDown || key.pageUp ? Math.max(1, bodyHeight - 3) : 1;
			setHelpOffset(current => Math.max(0, current + (key.downArrow || key.pageDown ? step : -step)));
		} else if (key.escape && (state.step === 'loading-organizations' || state.step === 'loading-connections' || state.step === 'loading-connection')) {
			back();
		}
	}, {text: true, global: true});

	// Both walk every group (5,000 in a large org): once per edit, not per key.
	const diff = useMemo(() => (state.loaded && draft ? diffConnection(state.loaded, draft) : undefined), [state.loaded, draft]);
	const warnings = useMemo(() => (draft && catalog ? warningsFor(draft, catalog) : []), [draft, catalog]);
	const confirm = () => {
		if (!diff || !body) {
			return;
		}

		go(needsTypedConfirmation(warnings) ? {type: 'go', step: 'typed-confirm'} : {type: 'check-started'});
	};

	const {ellipsis} = theme.symbols;
	// Going back past the edit: say what another choice would cost.
	const discardNotice = state.edits.length > 0 && state.connectionName ? (
		<Text color={theme.color('yellow')} wrap="truncate-end">
			{fitWidth(`${theme.symbols.warning} Another choice discards your ${state.edits.length === 1 ? 'edit' : `${state.edits.length} edits`} to ${state.connectionName}; the same one keeps ${state.edits.length === 1 ? 'it' : 'them'}.`, columns - 1, ellipsis)}
		</Text>
	) : null;
	const waiting = (label: string) => (
		<Box flexDirection="column">
			<Spinner label={label} />
			{retry ? <Text color={theme.color('yellow')} wrap="wrap">{`${theme.symbols.warning} ${retry.reason}; trying again in ${formatSeconds(retry.delayMs)} (attempt ${retry.attempt + 1}).`}</Text> : null}
		</Box>
	);
	let hints: KeyHint[] = [];
	let content: React.ReactNode;
	switch (state.step) {
		case 'loading-organizations': {
			content = waiting(`Loading organizations${ellipsis}`);
			break;
		}

		case 'loading-connections': {
			content = waiting(`Loading the enterprise connections of ${state.organization?.name ?? ''}${ellipsis}`);
			break;
		}

		case 'loading-connection': {
			content = waiting(`Loading ${state.connectionName ?? ''} and the organization's roles${ellipsis}`);
			break;
		}

		case 'checking': {
			content = waiting(`Checking that nobody changed the connection meanwhile${ellipsis}`);
			break;
		}

		case 'sending': {
			content = waiting(`Saving ${state.connectionName ?? ''}${ellipsis}`);
			break;
		}

		case 'organization': {
			hints = organizationHints;
			content = (
				<Box flexDirection="column">
					{discardNotice}
					<OrganizationStep organizations={state.organizations ?? []} current={state.organization?.id} height={bodyHeight - (discardNotice ? 1 : 0)} onChoose={organization => go({type: 'choose-organization', organization})} onBack={back} />
				</Box>
			);
			break;
		}

		case 'connection': {
			hints = connectionHints;
			content = (
				<Box flexDirection="column">
					{discardNotice}
					<ConnectionStep connections={state.connections ?? []} current={state.connectionName} height={bodyHeight - (discardNotice ? 1 : 0)} onChoose={name => go({type: 'choose-connection', name})} onBack={back} />
				</Box>
			);
			break;
		}

		case 'default-role': {
			hints = defaultRoleHints;
			content = catalog && draft && state.loaded ? (
				<DefaultRoleStep catalog={catalog} current={draft.defaultRole} loadedRole={state.loaded.default_role} height={bodyHeight} onBack={back} onChoose={key => {
					if (key !== draft.defaultRole) {
						dispatch({type: 'edit', edit: {type: 'set-default-role', role: key}});
					}

					go({type: 'go', step: 'group-sync'});
				}} />
			) : null;
			break;
		}

		case 'group-sync': {
			hints = groupSyncHints;
			content = draft && state.loaded ? (
				<GroupSyncStep current={draft.enforceGroupSync} loaded={state.loaded.enforce_group_sync} height={bodyHeight} onBack={back} onChoose={enabled => {
					if (enabled !== draft.enforceGroupSync) {
						dispatch({type: 'edit', edit: {type: 'set-group-sync', enabled}});
					}

					setMappingsMode({kind: 'list'});
					go({type: 'go', step: 'mappings'});
				}} />
			) : null;
			break;
		}

		case 'mappings': {
			hints = mappingsHints(mappingsMode);
			content = draft && catalog ? (
				<MappingsStep
					mappings={draft.mappings}
					catalog={catalog}
					height={bodyHeight}
					columns={columns}
					mode={mappingsMode}
					onMode={mode => {
						gate.discardPending();
						setMappingsMode(mode);
					}}
					place={mappingsPlace.current}
					onPlace={row => {
						mappingsPlace.current = row;
					}}
					note={mappingsNote}
					onNote={setMappingsNote}
					onEdit={edit => {
						dispatch({type: 'edit', edit});
						setMappingsNote(edit.type === 'remove-mapping' ? `Removed the mapping of ${roleLabel(catalog, edit.role)}; u undoes it.` : undefined);
					}}
					onUndo={() => {
						// Only what was done here: the default role and sync have their own steps.
						const {edits, undone} = undoLastMappingEdit(state.edits);
						dispatch({type: 'replace-edits', edits});
						setMappingsNote(undone ? `Undid: ${describeEdit(undone, catalog)}.` : 'Nothing to undo on this step.');
					}}
					onContinue={() => go({type: 'go', step: 'review'})}
					onTemplate={() => go({type: 'go', step: 'template'})}
					onBack={back}
				/>
			) : null;
			break;
		}

		case 'template': {
			hints = templateHints(templateStage);
			content = catalog && state.organization && state.loaded ? (
				<TemplateStep
					api={api}
					organizations={state.organizations ?? [state.organization]}
					target={state.organization}
					targetCatalog={catalog}
					currentConnection={state.loaded.connection_name}
					height={bodyHeight}
					onApply={(edits, source) => {
						dispatch({type: 'edit', edit: {type: 'batch', label: `copy from ${source}`, edits}});
						setMappingsNote(`Copied from ${source}; u on this step undoes the whole copy.`);
						go({type: 'go', step: 'review'});
					}}
					onBack={back}
					onStage={setTemplateStage}
				/>
			) : null;
			break;
		}

		case 'review': {
			const empty = !diff || (!diff.defaultRole && !diff.groupSync && diff.roles.length === 0);
			hints = empty ? noChangeHints : reviewHints;
			content = diff && catalog ? (
				<ReviewStep
					diff={diff}
					warnings={warnings}
					catalog={catalog}
					body={body}
					height={bodyHeight}
					columns={columns}
					saveError={state.saveError}
					onConfirm={() => (empty ? onExit({kind: 'no-changes'}) : confirm())}
					onBack={back}
					onQuit={() => (empty ? onExit({kind: 'no-changes'}) : state.saveError ? onExit({kind: 'failed', error: state.saveError, unsent: pending()}) : onExit({kind: 'cancelled', unsent: pending(), offerToKeep: true}))}
				/>
			) : null;
			break;
		}

		case 'typed-confirm': {
			hints = typedConfirmHints;
			content = (
				<TypedConfirmStep connectionName={state.loaded?.connection_name ?? ''} dangers={warnings.filter(warning => warning.severity === 'danger')} onConfirm={() => go({type: 'check-started'})} onBack={back} />
			);
			break;
		}

		case 'drift': {
			hints = driftHints;
			content = state.loaded && state.drift && catalog ? (
				<DriftStep loaded={state.loaded} server={state.drift} catalog={catalog} height={bodyHeight} onReload={() => go({type: 'reload-on-drift'})} onQuit={() => onExit({kind: 'cancelled', unsent: pending(), offerToKeep: true})} />
			) : null;
			break;
		}

		case 'done': {
			hints = doneHints;
			content = state.applied && body && catalog && state.organization ? (
				<DoneStep applied={state.applied} sent={body} catalog={catalog} onExit={() => onExit({kind: 'applied', organization: state.organization!, applied: state.applied!, sent: body})} />
			) : null;
			break;
		}

		case 'failed': {
			// A usage error ends the run at once: no keys to offer.
			hints = state.failure?.error instanceof UsageError ? [] : failedHints;
			content = state.failure ? <FailedStep error={state.failure.error} onRetry={() => go({type: 'retry'})} onQuit={() => onExit({kind: 'failed', error: state.failure!.error})} /> : null;
			break;
		}
	}

	const title = stepTitles[state.step];
	const number = numbered.indexOf(state.step);
	const separator = theme.caps.unicode ? ' › ' : ' > ';
	// The demo says so on every screen: its saves reach only the built-in fake.
	const demoTag = ' (demo, fake API)';
	const place = [state.organization?.name, state.connectionName].filter(Boolean).join(separator);
	return (
		<InputRouter paused={showHelp || tooSmall}>
		{/* One column short of the edge: a row that fills the last column loses
		    its last character to the erase-to-end Ink writes after it (xterm). */}
		<Box flexDirection="column" width={Math.max(20, columns - 1)}>
			<Text wrap="truncate-end">
				<Text bold color={theme.color('magenta')}>qovery-sso</Text>
				{demo ? <Text color={theme.color('yellow')}>{demoTag}</Text> : null}
				{place ? <Text>{fitWidth(`${separator}${place}`, columns - 1 - 'qovery-sso'.length - (demo ? demoTag.length : 0), ellipsis)}</Text> : null}
			</Text>
			<Text bold wrap="truncate-end">{title ? (number === -1 ? title : `Step ${number + 1} of ${numbered.length}: ${title}`) : ' '}</Text>
			<Text> </Text>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{tooSmall
					? wrapToWidth(`This terminal is ${columns}x${rows}; the wizard needs at least ${minimumSize.columns}x${minimumSize.rows}. Make it larger to go on: nothing is lost. Ctrl+C quits.`, Math.max(10, columns - 1)).map(line => <Text key={line} color={theme.color('yellow')}>{line}</Text>)
					: null}
				{showHelp && !tooSmall ? <HelpPanel about={state.step === 'mappings' && mappingsMode.kind === 'edit' ? 'Type or paste group names: comma-separated on one line, or one per line (then a name may hold a comma). Enter adds them; Enter on an empty field goes back.' : stepAbout[state.step]} hints={[...hints, ...globalHints]} height={bodyHeight} columns={columns} offset={helpOffset} /> : null}
				{/* Hidden, not unmounted, under the help: its place and filter survive. */}
				<Box flexDirection="column" display={showHelp || tooSmall ? 'none' : 'flex'}>
					{content}
				</Box>
			</Box>
			<Text> </Text>
			<Footer hints={tooSmall ? [{keys: 'Ctrl+C', action: 'quit'}] : [...hints, ...(textEntry ? globalHints.slice(1) : globalHints)]} columns={columns} />
		</Box>
		</InputRouter>
	);
}

/** The keys of the step, fitted to the rows there are (a mark says when more is left out). */
function HelpPanel({about, hints, height, columns, offset}: {about?: string; hints: readonly KeyHint[]; height: number; columns: number; offset: number}) {
	const theme = useTheme();
	const lines: Line[] = [
		...(about ? [{marker: '', tone: 'plain' as const, text: about}] : []),
		{marker: '', tone: 'heading', text: 'Keys on this step (? or Esc closes this help):'},
		...hints.map(hint => ({marker: '', tone: 'plain' as const, text: `  ${keyLabel(theme, hint.keys).padEnd(12)} ${hint.action}`})),
		{marker: '', tone: 'plain', text: ' '},
		{marker: '', tone: 'note', text: 'Nothing is sent before you confirm on the review.'},
	];
	return <LineView lines={wrapLines(lines, columns - 2)} height={height} offset={offset} />;
}
