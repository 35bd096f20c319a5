/**
 * Ctrl+C, SIGTERM and SIGHUP while a command works: what they mean for the
 * connection, said the same way by the wizard, apply and undo.
 */
import {defaultApiUrl} from '../api/client.js';
import {shellWord} from './shell-word.js';

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Where a save went: enough to check it with the same API and credentials. */
export type SaveTarget = {organizationId: string; connection: string; apiUrl?: string; profile?: string};

/** The show command that reads the connection back from where it was saved. */
export function checkCommand(target: SaveTarget): string {
	const api = target.apiUrl && target.apiUrl.replace(/\/+$/, '') !== defaultApiUrl ? ` --api-url ${shellWord(target.apiUrl)}` : '';
	const profile = target.profile && target.profile !== 'default' ? ` --profile ${shellWord(target.profile)}` : '';
	return `qovery-sso show --org ${target.organizationId} --connection ${shellWord(target.connection)}${api}${profile}`;
}

const stopSignals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** 128 + the signal's number, as a shell reports a process it stopped. */
export const stopExitCodes: Record<StopSignal, number> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

/** The lines to say; `whileSaving` once the PUT is out, when the change may have been applied. */
export function stopMessage(signal: StopSignal | undefined, whileSaving?: SaveTarget): string {
	const how = signal === 'SIGTERM' || signal === 'SIGHUP' ? `Stopped by ${signal}` : 'Cancelled';
	if (!whileSaving) {
		return `${how}, nothing was changed.`;
	}

	return `${how} while saving ${whileSaving.connection}: the change was sent and may have been applied.\nCheck with: ${checkCommand(whileSaving)}`;
}

/**
 * Until the returned function is called, a stop signal is handed to `onStop`
 * instead of ending the process silently.
 */
export function whileNotStopped(onStop: (signal: StopSignal) => void): () => void {
	const handlers = stopSignals.map(signal => {
		const handler = () => onStop(signal);
		process.on(signal, handler);
		return () => process.off(signal, handler);
	});
	return () => {
		for (const remove of handlers) {
			remove();
		}
	};
}
