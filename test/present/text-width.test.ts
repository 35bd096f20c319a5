import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import {fitTail, fitWidth, graphemesOf, padWidth, wrapToWidth} from '../../source/present/text-width.js';

const nfd = 'e\u0301';
const coder = '👩\u200D💻';

describe('text width', () => {
	test('padWidth pads to columns: a CJK name takes two a character', () => {
		assert.equal(stringWidth(padWidth('監査役 Auditor', 20)), 20);
		assert.equal(stringWidth(padWidth(`R${nfd}le`, 10)), 10);
		assert.equal(stringWidth(padWidth(`${coder}${coder} Coders`, 16)), 16);
		assert.equal(padWidth('toolong', 3), 'toolong');
	});

	test('fitWidth cuts between whole characters and stays within the width', () => {
		assert.equal(fitWidth(`ab${coder}cd`, 4, '…'), 'ab…');
		assert.equal(fitWidth(`${nfd.repeat(10)}`, 4, '...'), `${nfd}...`);
		assert.equal(fitWidth('監査役監査役', 7, '...'), '監査...');
		for (const text of ['開発チーム'.repeat(5), '🚀'.repeat(30), `${nfd}x`.repeat(30), '🇸🇪🇳🇴'.repeat(5)]) {
			for (let width = 3; width < 30; width++) {
				const cut = fitWidth(text, width, '…');
				assert.ok(stringWidth(cut) <= width, `${cut} in ${width}`);
				assert.ok(text.startsWith(cut.slice(0, -1)), 'a prefix of whole characters');
			}
		}
	});

	test('fitTail keeps whole characters at the end: no stray accent, no mismatched flag pair', () => {
		assert.equal(fitTail('🇺🇸🇪🇸', 3, '…'), '…🇪🇸');
		assert.equal(fitTail(nfd.repeat(8), 4, '…'), `…${nfd.repeat(3)}`);
		assert.equal(fitTail('short', 10, '…'), 'short');
	});

	test('wrapToWidth breaks at spaces when it can, otherwise between characters, never inside one', () => {
		assert.deepEqual(wrapToWidth('alpha beta gamma', 11), ['alpha beta', 'gamma']);
		assert.deepEqual(wrapToWidth('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
		const cjk = wrapToWidth('開発チーム'.repeat(8), 20);
		assert.ok(cjk.every(piece => stringWidth(piece) <= 20), cjk.join('|'));
		assert.equal(cjk.join(''), '開発チーム'.repeat(8));
		const rockets = wrapToWidth('🚀'.repeat(45), 20);
		assert.ok(rockets.every(piece => stringWidth(piece) <= 20 && !/[\uD800-\uDBFF]$/.test(piece)));
		assert.equal(rockets.join(''), '🚀'.repeat(45));
		const accents = wrapToWidth(nfd.repeat(30), 10);
		assert.ok(accents.every(piece => !piece.startsWith('\u0301')));
		assert.deepEqual(graphemesOf(accents.join('')).length, 30);
	});
});
