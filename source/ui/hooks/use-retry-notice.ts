import {useEffect, useState} from 'react';
import type {RetryNotice} from '../../api/client.js';
import type {RetryNotices} from '../retry-notices.js';

/** The latest retry announced while on this step; cleared when the step changes. */
export function useRetryNotice(notices: RetryNotices | undefined, step: string): RetryNotice | undefined {
	const [notice, setNotice] = useState<RetryNotice | undefined>();
	useEffect(() => {
		setNotice(undefined);
		return notices?.subscribe(setNotice);
	}, [notices, step]);
	return notice;
}
