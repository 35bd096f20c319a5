import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {detectCaps, symbolsFor} from '../../source/ui/terminal-caps.js';
import {createTheme} from '../../source/ui/theme.js';

const utf8 = {LANG: 'en_US.UTF-8', TERM: 'xterm-256color'};

describe('detectCaps', () => {
	test('a UTF-8 locale on a normal terminal has unicode and colour', () => {
		assert.deepEqual(detectCaps(utf8), {unicode: true, color: true, screenReader: false});
		assert.equal(detectCaps({LANG: 'de_DE.utf8', TERM: 'screen'}).unicode, true);
	});

	test('LANG=C and LANG=POSIX are ASCII', () => {
		assert.equal(detectCaps({...utf8, LANG: 'C'}).unicode, false);
		assert.equal(detectCaps({...utf8, LANG: 'POSIX'}).unicode, false);
	});

	test('LC_ALL wins over LANG, LC_CTYPE sits between', () => {
		assert.equal(detectCaps({...utf8, LC_ALL: 'C'}).unicode, false);
		assert.equal(detectCaps({...utf8, LC_CTYPE: 'POSIX'}).unicode, false);
		assert.equal(detectCaps({LANG: 'C', LC_CTYPE: 'en_US.UTF-8', TERM: 'xterm'}).unicode, true);
	});

	test('no locale at all is ASCII', () => {
		assert.equal(detectCaps({TERM: 'xterm'}).unicode, false);
	});

	test('TERM=dumb is ASCII and colourless', () => {
		assert.deepEqual(detectCaps({...utf8, TERM: 'dumb'}), {unicode: false, color: false, screenReader: false});
	});

	test('TERM=linux (the bare console) is ASCII but keeps colour', () => {
		assert.deepEqual(detectCaps({...utf8, TERM: 'linux'}), {unicode: false, color: true, screenReader: false});
	});

	test('NO_COLOR turns colour off and leaves unicode alone', () => {
		assert.deepEqual(detectCaps({...utf8, NO_COLOR: '1'}), {unicode: true, color: false, screenReader: false});
	});

	test('an empty NO_COLOR does not count (no-color.org)', () => {
		assert.equal(detectCaps({...utf8, NO_COLOR: ''}).color, true);
	});

	test('INK_SCREEN_READER=true turns the screen reader mode on, other values do not', () => {
		assert.equal(detectCaps({...utf8, INK_SCREEN_READER: 'true'}).screenReader, true);
		assert.equal(detectCaps({...utf8, INK_SCREEN_READER: '1'}).screenReader, false);
		assert.equal(detectCaps(utf8).screenReader, false);
	});
});

describe('symbols and theme', () => {
	test('ASCII symbols are all ASCII', () => {
		const symbols = symbolsFor({unicode: false, color: true, screenReader: false});
		const text = JSON.stringify(symbols);
		assert.ok([...text].every(char => char.charCodeAt(0) < 128), text);
		assert.equal(symbols.arrow, '->');
	});

	test('unicode symbols are used when the terminal has unicode', () => {
		assert.equal(symbolsFor({unicode: true, color: true, screenReader: false}).arrow, '→');
	});

	test('a colourless theme gives no colour names', () => {
		const theme = createTheme({unicode: false, color: false, screenReader: false});
		assert.equal(theme.color('red'), undefined);
		assert.equal(createTheme({unicode: true, color: true, screenReader: false}).color('red'), 'red');
	});
});
