import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {filterItems, moveCursor, windowStart} from '../../source/ui/list-state.js';

const items = [
	{key: 'a1', label: 'Acme Corp', search: 'a1c3e5f7'},
	{key: 'b2', label: 'Acme Labs', search: 'b2d4f6a8'},
	{key: 'c3', label: 'Globex Labs', search: '9f0e1d2c'},
];

describe('filterItems', () => {
	test('an empty or blank query keeps every item, as a copy', () => {
		assert.deepEqual(filterItems(items, ''), items);
		assert.deepEqual(filterItems(items, '   '), items);
		assert.notEqual(filterItems(items, ''), items);
	});

	test('matches the label without regard to case', () => {
		assert.deepEqual(filterItems(items, 'ACME').map(item => item.key), ['a1', 'b2']);
	});

	test('every word must match, in any order', () => {
		assert.deepEqual(filterItems(items, 'labs acme').map(item => item.key), ['b2']);
	});

	test('matches the extra search words (an id)', () => {
		assert.deepEqual(filterItems(items, '1d2c').map(item => item.key), ['c3']);
	});

	test('matches inside words', () => {
		assert.deepEqual(filterItems(items, 'obe').map(item => item.key), ['c3']);
	});

	test('no match gives an empty list', () => {
		assert.deepEqual(filterItems(items, 'initech'), []);
	});
});

describe('moveCursor', () => {
	test('moves within bounds', () => {
		assert.equal(moveCursor(1, 1, 3), 2);
		assert.equal(moveCursor(1, -1, 3), 0);
	});

	test('stops at both ends, no wrap', () => {
		assert.equal(moveCursor(2, 1, 3), 2);
		assert.equal(moveCursor(0, -1, 3), 0);
		assert.equal(moveCursor(1, 10, 3), 2);
		assert.equal(moveCursor(1, -10, 3), 0);
	});

	test('an empty list keeps the cursor at 0', () => {
		assert.equal(moveCursor(5, 1, 0), 0);
	});
});

describe('windowStart', () => {
	test('a list that fits starts at 0', () => {
		assert.equal(windowStart(4, 5, 5), 0);
	});

	test('from the top, the window follows a cursor that leaves it at the bottom', () => {
		assert.equal(windowStart(4, 100, 5), 0);
		assert.equal(windowStart(5, 100, 5), 1);
		assert.equal(windowStart(10, 100, 5), 6);
	});

	test('the window stays put while the cursor moves inside it', () => {
		assert.equal(windowStart(10, 100, 5, 8), 8);
		assert.equal(windowStart(12, 100, 5, 8), 8);
	});

	test('a cursor above the window brings the window up to it', () => {
		assert.equal(windowStart(3, 100, 5, 8), 3);
	});

	test('a previous start past the end is pulled back', () => {
		assert.equal(windowStart(9, 10, 5, 8), 5);
	});

	test('the window never starts before 0 or runs past the end', () => {
		assert.equal(windowStart(1, 100, 5), 0);
		assert.equal(windowStart(99, 100, 5), 95);
	});

	test('the cursor is always inside the window, whatever the previous start', () => {
		for (const previous of [0, 5, 12, 23, 40]) {
			for (let cursor = 0; cursor < 30; cursor++) {
				const start = windowStart(cursor, 30, 7, previous);
				assert.ok(cursor >= start && cursor < start + 7 && start + 7 <= 30, `cursor ${cursor}, previous ${previous}, start ${start}`);
			}
		}
	});
});
