/**
 * A request made before it is needed, whose answer can be read at once when
 * it has already come: a screen that mounts after the answer starts with it,
 * instead of drawing a "Loading…" frame first.
 */
export type Prefetch<T> = {
	readonly promise: Promise<T>;
	/** The value, once the request succeeded; undefined while pending or after a failure. */
	readonly value: () => T | undefined;
};

export function prefetch<T>(promise: Promise<T>): Prefetch<T> {
	let settled: {value: T} | undefined;
	// A failure is left to whoever awaits the promise; here it only must not go unhandled.
	promise.then(value => {
		settled = {value};
	}, () => {});
	return {promise, value: () => settled?.value};
}
