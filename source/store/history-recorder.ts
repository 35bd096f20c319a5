import {answerLost} from '../api/errors.js';
import type {SaveRecorder} from '../model/save.js';
import type {HistoryStore} from './history.js';

/**
 * Records saves in the history. A history that cannot be written must not
 * stop a change the operator confirmed; the problem is reported instead.
 */
export function historyRecorder(history: HistoryStore, context: {profile: string; apiUrl: string}, warn: (message: string) => void): SaveRecorder {
	const guarded = <T>(action: () => T): T | undefined => {
		try {
			return action();
		} catch (error) {
			warn(`The change history (${history.path}) could not be written: ${(error as Error).message}`);
			return undefined;
		}
	};

	return {
		begin: (organization, loaded, body) =>
			guarded(() => history.begin({...context, organization, connection: loaded.connection_name, before: loaded, sent: body})),
		complete(id, applied) {
			if (id !== undefined) {
				guarded(() => history.complete(id, applied));
			}
		},
		fail(id, error) {
			if (id !== undefined) {
				guarded(() => history.fail(id, error.message, fateUnknown(error) ? 'unknown' : 'failed'));
			}
		},
	};
}

/** A PUT whose answer was lost or unreadable may have been stored: the history must not say it failed. */
function fateUnknown(error: Error): boolean {
	return answerLost(error) || (error as {kind?: unknown}).kind === 'shape';
}
