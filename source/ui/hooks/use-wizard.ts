import {useEffect, useMemo, useReducer, useRef} from 'react';
import type {QoveryApi} from '../../api/client.js';
import type {EnterpriseConnection, Organization} from '../../model/connection.js';
import {buildPutBody} from '../../model/body.js';
import {type SaveRecorder, saveConnection} from '../../model/save.js';
import {applyEdits, type Draft} from '../../model/draft.js';
import {RoleCatalog} from '../../model/roles.js';
import {findConnection, findOrganization} from '../../model/selection.js';
import {UsageError} from '../outcome.js';
import type {Prefetch} from '../prefetch.js';
import {initialWizardState, type WizardAction, wizardReducer, type WizardState} from '../wizard-state.js';

export type WizardController = {
	state: WizardState;
	dispatch: (action: WizardAction) => void;
	catalog?: RoleCatalog;
	draft?: Draft;
	body?: EnterpriseConnection;
};

/**
 * Runs the requests each step needs and feeds their results to the reducer.
 * Every request's result is ignored once the step it was made for is gone.
 */
export function useWizard(
	api: QoveryApi,
	selection: {organization?: string; connection?: string},
	recorder: SaveRecorder = {},
	initial: WizardState = initialWizardState,
	prefetched?: Prefetch<Organization[]>,
): WizardController {
	// Organizations that came before the first frame are in it: no loading frame.
	const [state, dispatch] = useReducer(wizardReducer, initial, start => startWith(start, prefetched?.value(), selection));
	const stateRef = useRef(state);
	// A request made before the screens loaded serves the first load only; a retry asks again.
	const prefetchRef = useRef(state.step === 'loading-organizations' ? prefetched?.promise : undefined);
	stateRef.current = state;

	useEffect(() => {
		let live = true;
		const guard = (action: WizardAction) => {
			if (live) {
				dispatch(action);
			}
		};

		const fail = (retry: WizardState['step']) => (error: unknown) => {
			guard({type: 'load-failed', error: error instanceof Error ? error : new Error(String(error)), retry});
		};

		const current = stateRef.current;
		switch (current.step) {
			case 'loading-organizations': {
				const request = prefetchRef.current ?? api.listOrganizations();
				prefetchRef.current = undefined;
				request.then(organizations => {
					guard(organizationsLoaded(organizations, selection));
				}).catch(fail('loading-organizations'));
				break;
			}

			case 'loading-connections': {
				const organization = current.organization!;
				api.listConnections(organization.id).then(connections => {
					if (connections.length === 0) {
						throw new UsageError(`Organization ${organization.name} has no enterprise connection.`, 'Create the SSO connection in the Qovery console first; this tool edits existing ones.');
					}

					const wanted = selection.connection;
					const preselected = wanted === undefined ? undefined : findConnection(connections, wanted)?.connection_name;
					if (wanted !== undefined && !preselected) {
						throw new UsageError(`Organization ${organization.name} has no connection "${wanted}".`, `Its connections: ${connections.map(connection => connection.connection_name).join(', ')}.`);
					}

					guard({type: 'connections-loaded', connections, preselected});
				}).catch(fail('loading-connections'));
				break;
			}

			case 'loading-connection': {
				const organization = current.organization!;
				// The connection and the roles do not depend on each other.
				Promise.all([api.getConnection(organization.id, current.connectionName!), api.listAvailableRoles(organization.id)])
					.then(([connection, roles]) => guard({type: 'connection-loaded', connection, roles}))
					.catch(fail('loading-connection'));
				break;
			}

			case 'checking': {
				const organization = current.organization!;
				const loaded = current.loaded!;
				const body = buildPutBody(loaded, applyEdits(loaded, current.edits));
				saveConnection(api, organization, loaded, body, recorder, () => guard({type: 'send-started'}))
					.then(result => guard(result.kind === 'drift' ? {type: 'drift-found', server: result.server} : {type: 'sent', applied: result.applied}))
					.catch(error => guard({type: 'send-failed', error: error instanceof Error ? error : new Error(String(error))}));
				break;
			}

			default: {
				break;
			}
		}

		return () => {
			live = false;
		};
		// 'sending' continues the save that 'checking' started: not a new request.
	}, [state.step === 'sending' ? 'checking' : state.step]);

	const catalog = useMemo(() => (state.roles ? new RoleCatalog(state.roles) : undefined), [state.roles]);
	const draft = useMemo(() => (state.loaded ? applyEdits(state.loaded, state.edits) : undefined), [state.loaded, state.edits]);
	const body = useMemo(() => {
		if (!state.loaded || !draft || draft.enforceGroupSync === undefined) {
			return undefined;
		}

		return buildPutBody(state.loaded, draft);
	}, [state.loaded, draft]);
	return {state, dispatch, catalog, draft, body};
}

/** The organizations as the wizard takes them; throws when they leave nothing to do. */
function organizationsLoaded(organizations: Organization[], selection: {organization?: string}): WizardAction {
	if (organizations.length === 0) {
		throw new Error('The token can see no organization.');
	}

	const preselected = selection.organization === undefined ? undefined : findOrganization(organizations, selection.organization);
	if (selection.organization !== undefined && !preselected) {
		throw new UsageError(`No organization "${selection.organization}" is visible with this token.`, `Visible: ${organizations.map(org => org.name).join(', ')}.`);
	}

	return {type: 'organizations-loaded', organizations, preselected};
}

/** The first state, with organizations already there; a refusal is left to the load effect to report. */
function startWith(start: WizardState, organizations: Organization[] | undefined, selection: {organization?: string}): WizardState {
	if (start.step !== 'loading-organizations' || organizations === undefined) {
		return start;
	}

	try {
		return wizardReducer(start, organizationsLoaded(organizations, selection));
	} catch {
		return start;
	}
}
