import type {AvailableRole, EnterpriseConnection, LoadedConnection, Organization} from '../model/connection.js';

/** How a wizard run ended; the CLI turns it into a last line and an exit code. */
export type WizardOutcome =
	| {kind: 'applied'; organization: Organization; applied: LoadedConnection; sent: EnterpriseConnection}
	| {kind: 'no-changes'}
	| {
		kind: 'cancelled';
		unsent?: PendingChange;
		/** Quit on purpose (drift), not Ctrl+C: worth offering to keep the edit. */
		offerToKeep?: boolean;
		/** Ended by a signal rather than a key. */
		signal?: NodeJS.Signals;
		/** The PUT was sent and its answer had not come: it may have been applied. */
		whileSaving?: {organization: Organization; connection: string};
	}
	| {kind: 'failed'; error: Error; unsent?: PendingChange};

/** An edit that was not sent, kept so the CLI can say so (and offer it as a file). */
export type PendingChange = {organization: Organization; body: EnterpriseConnection; roles: AvailableRole[]};

/** A problem with what the operator asked for (an unknown --org), not with the API. */
export class UsageError extends Error {
	constructor(message: string, readonly hint?: string) {
		super(message);
		this.name = 'UsageError';
	}
}
