/**
 * The retry policy and the timeout as rules, without waiting for them: which
 * failure is retried for a GET and for the PUT, how many times, for how
 * long in all, and what --timeout accepts.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ApiErrorKind} from '../../source/api/errors.js';
import {defaultRetryPolicy, parseRetryAfter, retryDelay} from '../../source/api/retry.js';
import {ArgumentError, helpText, parseCli} from '../../source/args.js';

type Failure = {status?: number; kind: ApiErrorKind};

const failures: Array<[string, Failure]> = [
	['400', {status: 400, kind: 'invalid'}],
	['401', {status: 401, kind: 'unauthorized'}],
	['403', {status: 403, kind: 'forbidden'}],
	['404', {status: 404, kind: 'not-found'}],
	['409', {status: 409, kind: 'conflict'}],
	['422', {status: 422, kind: 'invalid'}],
	['429', {status: 429, kind: 'rate-limited'}],
	['500', {status: 500, kind: 'server'}],
	['502', {status: 502, kind: 'server'}],
	['503', {status: 503, kind: 'server'}],
	['504', {status: 504, kind: 'server'}],
	['a network error', {kind: 'network'}],
	['a timeout', {kind: 'timeout'}],
	['a wrong shape', {kind: 'shape'}],
];

const retriedGet = new Set(['429', '502', '503', '504', 'a network error', 'a timeout']);
const retriedPut = new Set(['502', '503', '504', 'a network error', 'a timeout']);

describe('what is retried', () => {
	for (const [name, failure] of failures) {
		test(`${name}: GET ${retriedGet.has(name) ? 'retried' : 'not retried'}, PUT ${retriedPut.has(name) ? 'retried' : 'never retried'}`, () => {
			const get = retryDelay(defaultRetryPolicy, {method: 'GET', attempt: 1, elapsedMs: 0, ...failure});
			const put = retryDelay(defaultRetryPolicy, {method: 'PUT', attempt: 1, elapsedMs: 0, ...failure});
			assert.equal(get === undefined ? 'no' : 'yes', retriedGet.has(name) ? 'yes' : 'no');
			assert.equal(put === undefined ? 'no' : 'yes', retriedPut.has(name) ? 'yes' : 'no');
		});
	}

	test('a PUT answered 429 is not retried even when Retry-After says when', () => {
		assert.equal(retryDelay(defaultRetryPolicy, {method: 'PUT', attempt: 1, elapsedMs: 0, status: 429, kind: 'rate-limited', retryAfter: '1'}), undefined);
	});
});

describe('how long and how often', () => {
	test('backoff doubles from 500 ms, and 4 attempts is the most', () => {
		const delays = [1, 2, 3, 4].map(attempt => retryDelay(defaultRetryPolicy, {method: 'GET', attempt, elapsedMs: 0, status: 503, kind: 'server'}));
		assert.deepEqual(delays, [500, 1000, 2000, undefined]);
	});

	test('Retry-After in seconds or as a date is waited, up to 20 s; beyond, not at all', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		const rateLimited = (retryAfter: string) => retryDelay(defaultRetryPolicy, {method: 'GET', attempt: 1, elapsedMs: 0, status: 429, kind: 'rate-limited', retryAfter}, now);
		assert.equal(rateLimited('1'), 1000);
		assert.equal(rateLimited('20'), 20_000);
		assert.equal(rateLimited('21'), undefined);
		assert.equal(rateLimited('Thu, 01 Jan 2026 00:00:05 GMT'), 5000);
		assert.equal(parseRetryAfter('soon'), undefined);
		assert.equal(rateLimited('soon'), 500, 'an unreadable Retry-After falls back to the backoff');
	});

	test('no wait starts that would end past 30 s in all', () => {
		const at = (elapsedMs: number, retryAfter?: string) => retryDelay(defaultRetryPolicy, {method: 'GET', attempt: 2, elapsedMs, status: 429, kind: 'rate-limited', retryAfter});
		assert.equal(at(28_999), 1000);
		assert.equal(at(29_001), undefined);
		assert.equal(at(15_000, '15'), 15_000);
		assert.equal(at(15_001, '15'), undefined);
	});
});

describe('--timeout', () => {
	test('defaults to 15 s, as the help says', () => {
		assert.equal(parseCli([]).timeoutSeconds, 15);
		assert.match(helpText, /--timeout SECONDS +per request \(default: 15\)/);
	});

	test('takes fractions and refuses zero, negatives, words and more than 600', () => {
		assert.equal(parseCli(['--timeout', '0.5']).timeoutSeconds, 0.5);
		assert.equal(parseCli(['show', '--timeout', '600']).timeoutSeconds, 600);
		for (const value of ['0', '-1', 'ten', '601', '']) {
			assert.throws(() => parseCli(['--timeout', value]), ArgumentError, value);
		}
	});
});
