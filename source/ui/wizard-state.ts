import type {ApiError} from '../api/errors.js';
import type {AvailableRole, LoadedConnection, Organization} from '../model/connection.js';
import type {Edit} from '../model/draft.js';

/**
 * Where the wizard is and what it knows, as a pure reducer. Requests are
 * made by `use-wizard.ts`, which dispatches their results here.
 */
export type Step =
	| 'loading-organizations'
	| 'organization'
	| 'loading-connections'
	| 'connection'
	| 'loading-connection'
	| 'default-role'
	| 'group-sync'
	| 'mappings'
	| 'template'
	| 'review'
	| 'typed-confirm'
	| 'checking'
	| 'drift'
	| 'sending'
	| 'done'
	| 'failed';

/** The steps an operator moves through with Enter and back with Esc. */
export const editSteps = ['default-role', 'group-sync', 'mappings', 'review'] as const;

export type WizardState = {
	step: Step;
	organizations?: Organization[];
	organization?: Organization;
	connections?: LoadedConnection[];
	connectionName?: string;
	/** The connection as it stood when the edit began (or was last reloaded). */
	loaded?: LoadedConnection;
	roles?: AvailableRole[];
	edits: Edit[];
	/** Selection steps skipped because there was one choice or a flag. */
	skipped: {organization: boolean; connection: boolean};
	/** A failure that stopped a load; `retry` is the step to go back to. */
	failure?: {error: ApiError | Error; retry: Step};
	/** A failed save, shown on the review with the edits intact. */
	saveError?: ApiError | Error;
	/** The server's state found by the re-check just before sending. */
	drift?: LoadedConnection;
	/** What the server answered to the PUT. */
	applied?: LoadedConnection;
};

export type WizardAction =
	| {type: 'organizations-loaded'; organizations: Organization[]; preselected?: Organization}
	| {type: 'choose-organization'; organization: Organization}
	| {type: 'connections-loaded'; connections: LoadedConnection[]; preselected?: string}
	| {type: 'choose-connection'; name: string}
	| {type: 'connection-loaded'; connection: LoadedConnection; roles: AvailableRole[]}
	| {type: 'load-failed'; error: ApiError | Error; retry: Step}
	| {type: 'retry'}
	| {type: 'edit'; edit: Edit}
	| {type: 'replace-edits'; edits: Edit[]}
	| {type: 'go'; step: Step}
	| {type: 'back'}
	| {type: 'check-started'}
	| {type: 'drift-found'; server: LoadedConnection}
	| {type: 'reload-on-drift'}
	| {type: 'send-started'}
	| {type: 'send-failed'; error: ApiError | Error}
	| {type: 'sent'; applied: LoadedConnection};

export const initialWizardState: WizardState = {
	step: 'loading-organizations',
	edits: [],
	skipped: {organization: false, connection: false},
};

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'organizations-loaded': {
			const only = action.organizations.length === 1 ? action.organizations[0] : undefined;
			const chosen = action.preselected ?? only;
			if (chosen) {
				return {...state, organizations: action.organizations, organization: chosen, step: 'loading-connections', skipped: {...state.skipped, organization: true}};
			}

			return {...state, organizations: action.organizations, step: 'organization'};
		}

		case 'choose-organization': {
			const same = state.organization?.id === action.organization.id;
			return {
				...state,
				organization: action.organization,
				step: 'loading-connections',
				...(same ? {} : {connections: undefined, connectionName: undefined, loaded: undefined, roles: undefined, edits: []}),
			};
		}

		case 'connections-loaded': {
			const only = action.connections.length === 1 ? action.connections[0]?.connection_name : undefined;
			const chosen = action.preselected ?? only;
			if (chosen) {
				return chooseConnection({...state, connections: action.connections, skipped: {...state.skipped, connection: true}}, chosen);
			}

			return {...state, connections: action.connections, step: 'connection', skipped: {...state.skipped, connection: false}};
		}

		case 'choose-connection': {
			return chooseConnection(state, action.name);
		}

		case 'connection-loaded': {
			// Reloading the same connection keeps the edits: they replay on top.
			const sameConnection = state.loaded?.connection_name === action.connection.connection_name;
			return {
				...state,
				loaded: action.connection,
				roles: action.roles,
				edits: sameConnection ? state.edits : [],
				step: 'default-role',
			};
		}

		case 'load-failed': {
			return {...state, step: 'failed', failure: {error: action.error, retry: action.retry}};
		}

		case 'retry': {
			return state.failure ? {...state, step: state.failure.retry, failure: undefined} : state;
		}

		case 'edit': {
			return {...state, edits: [...state.edits, action.edit], saveError: undefined};
		}

		case 'replace-edits': {
			return {...state, edits: action.edits};
		}

		case 'go': {
			return {...state, step: action.step};
		}

		case 'back': {
			return {...state, step: previousStep(state), saveError: undefined};
		}

		case 'check-started': {
			return {...state, step: 'checking', saveError: undefined};
		}

		case 'drift-found': {
			return {...state, step: 'drift', drift: action.server};
		}

		case 'reload-on-drift': {
			return state.drift ? {...state, loaded: state.drift, drift: undefined, step: 'review'} : state;
		}

		case 'send-started': {
			return {...state, step: 'sending'};
		}

		case 'send-failed': {
			return {...state, step: 'review', saveError: action.error};
		}

		case 'sent': {
			return {...state, step: 'done', applied: action.applied};
		}
	}
}

function chooseConnection(state: WizardState, name: string): WizardState {
	const same = state.connectionName === name;
	return {
		...state,
		connectionName: name,
		step: 'loading-connection',
		...(same ? {} : {loaded: undefined, roles: undefined, edits: []}),
	};
}

/** Where Esc leads; `undefined` step means leave the wizard. */
export function previousStep(state: WizardState): Step {
	switch (state.step) {
		case 'group-sync': {
			return 'default-role';
		}

		case 'mappings': {
			return 'group-sync';
		}

		case 'review':
		case 'template':
		case 'drift': {
			return 'mappings';
		}

		case 'typed-confirm': {
			return 'review';
		}

		case 'default-role': {
			if (!state.skipped.connection) {
				return 'connection';
			}

			return state.skipped.organization ? 'default-role' : 'organization';
		}

		case 'connection':
		case 'loading-connections': {
			return state.skipped.organization ? state.step : 'organization';
		}

		// Esc while a load hangs: back to the choice that started it.
		case 'loading-connection': {
			if (!state.skipped.connection) {
				return 'connection';
			}

			return state.skipped.organization ? state.step : 'organization';
		}

		default: {
			return state.step;
		}
	}
}

/** Whether Esc on this step leaves the wizard (nothing before it). */
export function isFirstStep(state: WizardState): boolean {
	return previousStep(state) === state.step;
}
