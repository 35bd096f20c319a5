import {type Key, useInput} from 'ink';
import {createContext, createElement, type ReactNode, useContext, useLayoutEffect, useRef} from 'react';
import {useInputGate} from './input-gate.js';

export type StepKeyHandler = (input: string, key: Key, paste: boolean) => void;

export type StepInputOptions = {
	isActive?: boolean;
	/**
	 * The handler takes text as it comes ("abc\r" typed fast, a pasted block).
	 * Otherwise a run of plain keys that arrived in one read is handed over one
	 * key at a time, as if typed slowly.
	 */
	text?: boolean;
	/** Keeps receiving keys while the help panel covers the step. */
	global?: boolean;
};

type Registration = {handler: {current: StepKeyHandler}; options: StepInputOptions};

type Router = {register(registration: Registration): () => void};

const RouterContext = createContext<Router | undefined>(undefined);

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** One key a step understands, as Ink would have reported it alone. */
export function singleKeys(input: string): Array<[string, Key]> {
	return [...input].map(character => {
		if (character === '\r' || character === '\n') {
			return ['', {...noKey, return: true}];
		}

		if (character === '\u007F' || character === '\b') {
			return ['', {...noKey, backspace: true}];
		}

		if (character === '\t') {
			return ['', {...noKey, tab: true}];
		}

		return [character, {...noKey, shift: /[A-Z]/.test(character)}];
	});
}

/**
 * One Ink input listener for the whole screen, handing each key to the
 * handlers of the steps now shown. Ink's own `useInput` subscribes in an
 * effect, after the frame is already on screen, so a key typed the instant a
 * step appears would be lost; steps register here during the commit instead.
 * While `paused` (the help panel is open) only global handlers get keys.
 */
export function InputRouter({children, paused = false}: {children: ReactNode; paused?: boolean}) {
	const registrations = useRef(new Set<Registration>());
	const pausedRef = useRef(paused);
	pausedRef.current = paused;
	const router = useRef<Router>({
		register(registration) {
			registrations.current.add(registration);
			return () => registrations.current.delete(registration);
		},
	});
	const gate = useInputGate();
	useInput((input, key) => {
		const paste = gate.isPaste();
		// Several plain keys in one read: Ink hands them over as one string.
		const split = !paste && input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B') ? singleKeys(input) : undefined;
		for (const registration of [...registrations.current]) {
			if (!gate.accepts()) {
				// A handler ended the step: the rest of the read is dropped.
				return;
			}

			if (pausedRef.current && !registration.options.global) {
				continue;
			}

			if (!split || registration.options.text) {
				registration.handler.current(input, key, paste);
				continue;
			}

			for (const [character, single] of split) {
				if (!gate.accepts()) {
					break;
				}

				registration.handler.current(character, single, false);
			}
		}
	});
	return createElement(RouterContext.Provider, {value: router.current}, children);
}

/**
 * A step's key handler. Keys left over from the read that finished the
 * previous step are ignored, and the handler always sees the latest render.
 */
export function useStepInput(handler: StepKeyHandler, options: StepInputOptions = {}): void {
	const router = useContext(RouterContext);
	const gate = useInputGate();
	const latest = useRef(handler);
	latest.current = handler;
	const active = options.isActive ?? true;
	const {text = false, global = false} = options;
	useLayoutEffect(() => (router && active ? router.register({handler: latest, options: {text, global}}) : undefined), [router, active, text, global]);
	// Without a router (a component rendered alone), Ink's own listener does.
	useInput(
		(input, key) => {
			if (!gate.accepts()) {
				return;
			}

			const paste = gate.isPaste();
			if (text || paste || input.length <= 1 || key.ctrl || key.meta || input.includes('\u001B')) {
				latest.current(input, key, paste);
				return;
			}

			for (const [character, single] of singleKeys(input)) {
				if (gate.accepts()) {
					latest.current(character, single, false);
				}
			}
		},
		{isActive: active && !router},
	);
}
