/**
 * What the terminal can show, decided once from the environment: Unicode
 * symbols only where the locale is UTF-8 and TERM is not a bare console,
 * colour unless NO_COLOR is set or TERM is dumb.
 */
export type TerminalCaps = {unicode: boolean; color: boolean; screenReader: boolean};

export function detectCaps(env: NodeJS.ProcessEnv): TerminalCaps {
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	const term = env.TERM ?? '';
	const utf8Locale = /utf-?8/i.test(locale);
	const bareConsole = term === 'dumb' || term === 'linux';
	return {
		unicode: utf8Locale && !bareConsole,
		color: !env.NO_COLOR && term !== 'dumb',
		screenReader: env.INK_SCREEN_READER === 'true',
	};
}

export type Symbols = {
	pointer: string;
	tick: string;
	cross: string;
	arrow: string;
	bullet: string;
	warning: string;
	ellipsis: string;
	more: {up: string; down: string};
	radioOn: string;
	radioOff: string;
	current: string;
	rule: string;
};

const unicodeSymbols: Symbols = {
	pointer: '❯',
	tick: '✔',
	cross: '✖',
	arrow: '→',
	bullet: '•',
	warning: '⚠',
	ellipsis: '…',
	more: {up: '↑', down: '↓'},
	radioOn: '◉',
	radioOff: '◯',
	current: '●',
	rule: '─',
};

const asciiSymbols: Symbols = {
	pointer: '>',
	tick: 'v',
	cross: 'x',
	arrow: '->',
	bullet: '*',
	warning: '!',
	ellipsis: '...',
	more: {up: '^', down: 'v'},
	radioOn: '(*)',
	radioOff: '( )',
	current: '*',
	rule: '-',
};

export function symbolsFor(caps: TerminalCaps): Symbols {
	return caps.unicode ? unicodeSymbols : asciiSymbols;
}
