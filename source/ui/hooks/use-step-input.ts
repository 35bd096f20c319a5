import {type Key, useInput} from 'ink';
import {createContext, createElement, type ReactNode, useContext, useLayoutEffect, useRef} from 'react';
import {useInputGate} from './input-gate.js';

export type StepKeyHandler = (input: string, key: Key, paste: boolean) => void;

type Router = {register(handler: {current: StepKeyHandler}): () => void};

const RouterContext = createContext<Router | undefined>(undefined);

/**
 * One Ink input listener for the whole screen, handing each key to the
 * handlers of the steps now shown. Ink's own `useInput` subscribes in an
 * effect, after the frame is already on screen, so a key typed the instant a
 * step appears would be lost; steps register here during the commit instead.
 */
export function InputRouter({children}: {children: ReactNode}) {
	const handlers = useRef(new Set<{current: StepKeyHandler}>());
	const router = useRef<Router>({
		register(handler) {
			handlers.current.add(handler);
			return () => handlers.current.delete(handler);
		},
	});
	const gate = useInputGate();
	useInput((input, key) => {
		if (!gate.accepts()) {
			return;
		}

		const paste = gate.isPaste();
		for (const handler of [...handlers.current]) {
			// A handler may end the step; what is left of the read is then dropped.
			if (!gate.accepts()) {
				return;
			}

			handler.current(input, key, paste);
		}
	});
	return createElement(RouterContext.Provider, {value: router.current}, children);
}

/**
 * A step's key handler. Keys left over from the read that finished the
 * previous step are ignored, and the handler always sees the latest render.
 */
export function useStepInput(handler: StepKeyHandler, options: {isActive?: boolean} = {}): void {
	const router = useContext(RouterContext);
	const gate = useInputGate();
	const latest = useRef(handler);
	latest.current = handler;
	const active = options.isActive ?? true;
	useLayoutEffect(() => (router && active ? router.register(latest) : undefined), [router, active]);
	// Without a router (a component rendered alone), Ink's own listener does.
	useInput(
		(input, key) => {
			if (gate.accepts()) {
				latest.current(input, key, gate.isPaste());
			}
		},
		{isActive: active && !router},
	);
}
