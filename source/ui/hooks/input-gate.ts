import {createContext, useContext} from 'react';

/**
 * Which keys a step may act on. Backed by `KeyboardInput` in the real CLI;
 * the default accepts everything (plain ink-testing-library renders).
 */
export type InputGate = {
	accepts(): boolean;
	discardPending(): void;
	isPaste(): boolean;
};

export const openGate: InputGate = {
	accepts: () => true,
	discardPending() {},
	isPaste: () => false,
};

export const InputGateContext = createContext<InputGate>(openGate);

export function useInputGate(): InputGate {
	return useContext(InputGateContext);
}
