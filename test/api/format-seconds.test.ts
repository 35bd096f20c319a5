import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatSeconds} from '../../source/api/retry.js';

test('formatSeconds says a wait or a limit as it is, to the millisecond', () => {
	assert.equal(formatSeconds(500), '0.5 s');
	assert.equal(formatSeconds(1000), '1 s');
	assert.equal(formatSeconds(1500), '1.5 s');
	assert.equal(formatSeconds(2000), '2 s');
	assert.equal(formatSeconds(15_000), '15 s');
	assert.equal(formatSeconds(1250), '1.25 s');
	assert.equal(formatSeconds(1), '0.001 s');
});
