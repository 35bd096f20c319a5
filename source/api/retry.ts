import type {ApiErrorKind} from './errors.js';

export type RetryPolicy = {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** No new wait starts once this much time has gone by. */
	maxTotalMs: number;
	baseDelayMs: number;
	/** A `Retry-After` longer than this is not waited for. */
	maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
	maxAttempts: 4,
	maxTotalMs: 30_000,
	baseDelayMs: 500,
	maxRetryAfterMs: 20_000,
};

export type FailedAttempt = {
	method: 'GET' | 'PUT';
	attempt: number;
	status?: number;
	kind: ApiErrorKind;
	retryAfter?: string | null;
	elapsedMs: number;
};

/**
 * How long to wait before trying again, or `undefined` to give up.
 * GETs retry on 429, 502-504 and network faults. The PUT carries the whole
 * object, so repeating it is harmless on 502-504 and network faults; it is
 * never repeated after another 4xx (429 included: the server said no).
 */
export function retryDelay(policy: RetryPolicy, failure: FailedAttempt, now = Date.now()): number | undefined {
	if (failure.attempt >= policy.maxAttempts) {
		return undefined;
	}

	const transient = failure.kind === 'network' || failure.kind === 'timeout' || [502, 503, 504].includes(failure.status ?? 0);
	const retryable = failure.method === 'GET' ? transient || failure.status === 429 : transient;
	if (!retryable) {
		return undefined;
	}

	let delay = policy.baseDelayMs * 2 ** (failure.attempt - 1);
	const told = parseRetryAfter(failure.retryAfter, now);
	if (told !== undefined) {
		if (told > policy.maxRetryAfterMs) {
			return undefined;
		}

		delay = told;
	}

	if (failure.elapsedMs + delay > policy.maxTotalMs) {
		return undefined;
	}

	return delay;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
	if (!value) {
		return undefined;
	}

	if (/^\d+$/.test(value.trim())) {
		return Number(value.trim()) * 1000;
	}

	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** "0.5 s", "1 s", "1.25 s": a wait or a limit as it really is (to the millisecond, zeros dropped). */
export function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(3))} s`;
}
