import {type Key, useInput} from 'ink';
import {useRef} from 'react';
import {useInputGate} from './input-gate.js';

export type StepKeyHandler = (input: string, key: Key, paste: boolean) => void;

/**
 * `useInput` for one step: keys left over from the chunk that finished the
 * previous step are ignored, and the handler always sees the latest render's
 * closure even when several keys arrive in one read.
 */
export function useStepInput(handler: StepKeyHandler, options: {isActive?: boolean} = {}): void {
	const gate = useInputGate();
	const latest = useRef(handler);
	latest.current = handler;
	useInput(
		(input, key) => {
			if (gate.accepts()) {
				latest.current(input, key, gate.isPaste());
			}
		},
		{isActive: options.isActive ?? true},
	);
}
