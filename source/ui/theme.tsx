import {createContext, useContext} from 'react';
import {symbolsFor, type Symbols, type TerminalCaps} from './terminal-caps.js';

export type Theme = {
	caps: TerminalCaps;
	symbols: Symbols;
	/** A colour name, or undefined when colour is off: never the only signal. */
	color(name: 'green' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'gray' | 'blue'): string | undefined;
};

export function createTheme(caps: TerminalCaps): Theme {
	return {
		caps,
		symbols: symbolsFor(caps),
		color: name => (caps.color ? name : undefined),
	};
}

export const defaultTheme = createTheme({unicode: true, color: true, screenReader: false});

export const ThemeContext = createContext<Theme>(defaultTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
