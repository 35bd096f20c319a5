import {useReducer, useRef} from 'react';

/**
 * State whose latest value is readable at once, before React renders again.
 * Several keys can arrive in one read and be handled back to back with no
 * render between them ("Down Down Enter" over SSH): each must see the value
 * the one before it left.
 */
export function useLiveState<T>(initial: T | (() => T)): [get: () => T, set: (next: T | ((current: T) => T)) => void] {
	const ref = useRef<{value: T} | undefined>(undefined);
	if (!ref.current) {
		ref.current = {value: typeof initial === 'function' ? (initial as () => T)() : initial};
	}

	const [, render] = useReducer((count: number) => count + 1, 0);
	const get = () => ref.current!.value;
	const set = (next: T | ((current: T) => T)) => {
		const value = typeof next === 'function' ? (next as (current: T) => T)(ref.current!.value) : next;
		if (!Object.is(value, ref.current!.value)) {
			ref.current!.value = value;
			render();
		}
	};

	return [get, set];
}
