/**
 * Ctrl+C, SIGTERM and SIGHUP while a command works: what they mean for the
 * connection, said the same way by the wizard, apply and undo.
 */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const stopSignals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** 128 + the signal's number, as a shell reports a process it stopped. */
export const stopExitCodes: Record<StopSignal, number> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

/** The lines to say; `whileSaving` once the PUT is out, when the change may have been applied. */
export function stopMessage(signal: StopSignal | undefined, whileSaving?: {organizationId: string; connection: string}): string {
	const how = signal === 'SIGTERM' || signal === 'SIGHUP' ? `Stopped by ${signal}` : 'Cancelled';
	if (!whileSaving) {
		return `${how}, nothing was changed.`;
	}

	return `${how} while saving ${whileSaving.connection}: the change was sent and may have been applied.\nCheck with: qovery-sso show --org ${whileSaving.organizationId} --connection ${whileSaving.connection}`;
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
