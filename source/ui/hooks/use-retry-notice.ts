import {useEffect, useState} from 'react';
import type {RetryNotice} from '../../api/client.js';
import type {RetryNotices} from '../retry-notices.js';

/**
 * The latest retry announced while on this step; cleared when the step
 * changes. Checking and sending are one save: a retry of the PUT announced
 * as the screen turns to "sending" must still show.
 */
export function useRetryNotice(notices: RetryNotices | undefined, step: string): RetryNotice | undefined {
	const [notice, setNotice] = useState<RetryNotice | undefined>();
	const phase = step === 'sending' ? 'checking' : step;
	useEffect(() => {
		setNotice(undefined);
		return notices?.subscribe(setNotice);
	}, [notices, phase]);
	return notice;
}
