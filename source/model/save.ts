import type {EnterpriseConnection, LoadedConnection, Organization} from './connection.js';
import {sameConnection} from './diff.js';

/** What saving needs of the API; the real client and test doubles both fit. */
export type SaveApi = {
	getConnection(organizationId: string, connectionName: string): Promise<LoadedConnection>;
	putConnection(organizationId: string, connection: EnterpriseConnection): Promise<LoadedConnection>;
};

/** Where a save is recorded (history); every call is optional. */
export type SaveRecorder = {
	begin?(organization: Organization, loaded: LoadedConnection, body: EnterpriseConnection): number | undefined;
	complete?(id: number | undefined, applied: LoadedConnection): void;
	fail?(id: number | undefined, error: Error): void;
};

export type SaveResult =
	| {kind: 'drift'; server: LoadedConnection}
	| {kind: 'applied'; applied: LoadedConnection};

/**
 * The one way a change is written, shared by the wizard and `apply`/`undo`:
 * re-read the connection, send nothing if it moved since `loaded` (someone
 * else changed it), otherwise record and PUT the whole body.
 */
export async function saveConnection(
	api: SaveApi,
	organization: Organization,
	loaded: LoadedConnection,
	body: EnterpriseConnection,
	recorder: SaveRecorder = {},
	beforePut: () => void = () => {},
): Promise<SaveResult> {
	const server = await api.getConnection(organization.id, loaded.connection_name);
	// The server already holds exactly this body: an earlier attempt whose
	// answer was lost (a timeout) went through. Nothing to send again.
	if (sameConnection(server, body)) {
		return {kind: 'applied', applied: server};
	}

	if (!sameConnection(server, loaded)) {
		return {kind: 'drift', server};
	}

	beforePut();
	const id = recorder.begin?.(organization, loaded, body);
	try {
		const applied = await api.putConnection(organization.id, body);
		recorder.complete?.(id, applied);
		return {kind: 'applied', applied};
	} catch (error) {
		recorder.fail?.(id, error instanceof Error ? error : new Error(String(error)));
		throw error;
	}
}
