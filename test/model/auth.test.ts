import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {authorizationHeader, isJwt, maskToken, tokenFromEnvironment, tokenScheme} from '../../source/api/auth.js';

const part = (json: string) => Buffer.from(json).toString('base64url');
const jwt = [part('{"alg":"RS256","typ":"JWT"}'), part('{"sub":"auth0|42"}'), 'c2lnbmF0dXJl'].join('.');

describe('isJwt and tokenScheme', () => {
	test('three base64url parts with a JSON header is a JWT, sent as Bearer', () => {
		assert.equal(isJwt(jwt), true);
		assert.equal(tokenScheme(jwt), 'Bearer');
		assert.equal(authorizationHeader(jwt), `Bearer ${jwt}`);
	});

	test('a qov_ API token is sent as Token', () => {
		const token = 'qov_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
		assert.equal(isJwt(token), false);
		assert.equal(tokenScheme(token), 'Token');
		assert.equal(authorizationHeader(token), `Token ${token}`);
	});

	test('two parts are not a JWT', () => {
		const token = [part('{"alg":"HS256"}'), part('{"sub":"x"}')].join('.');
		assert.equal(isJwt(token), false);
		assert.equal(tokenScheme(token), 'Token');
	});

	test('three parts whose header is not JSON are not a JWT', () => {
		const token = [part('not json at all'), part('{"sub":"x"}'), 'c2ln'].join('.');
		assert.equal(isJwt(token), false);
		assert.equal(tokenScheme(token), 'Token');
	});

	test('a JSON header that is not an object is not a JWT', () => {
		assert.equal(isJwt([part('42'), part('{}'), 'c2ln'].join('.')), false);
	});

	test('an empty part or a character outside base64url is not a JWT', () => {
		assert.equal(isJwt(`${part('{"alg":"RS256"}')}..c2ln`), false);
		assert.equal(isJwt(`${part('{"alg":"RS256"}')}.e30.c2l+n`), false);
	});
});

describe('maskToken', () => {
	test('shows only the last four characters of a long token', () => {
		assert.equal(maskToken('qov_abcdefgh1234'), '****1234');
	});

	test('shows nothing of a short token', () => {
		assert.equal(maskToken('12345678'), '****');
		assert.equal(maskToken('abc'), '****');
		assert.equal(maskToken(''), '****');
	});

	test('never contains the part of the token before the tail', () => {
		const token = 'qov_secretpart_9999';
		assert.equal(maskToken(token).includes('secret'), false);
	});
});

describe('tokenFromEnvironment', () => {
	test('QOVERY_API_TOKEN wins over the CLI variables', () => {
		assert.deepEqual(
			tokenFromEnvironment({QOVERY_API_TOKEN: 'qov_a', QOVERY_CLI_ACCESS_TOKEN: 'qov_b', Q_CLI_ACCESS_TOKEN: 'qov_c'}),
			{token: 'qov_a', source: 'QOVERY_API_TOKEN'},
		);
	});

	test('QOVERY_CLI_ACCESS_TOKEN wins over Q_CLI_ACCESS_TOKEN', () => {
		assert.deepEqual(
			tokenFromEnvironment({QOVERY_CLI_ACCESS_TOKEN: 'qov_b', Q_CLI_ACCESS_TOKEN: 'qov_c'}),
			{token: 'qov_b', source: 'QOVERY_CLI_ACCESS_TOKEN'},
		);
	});

	test('Q_CLI_ACCESS_TOKEN is used alone', () => {
		assert.deepEqual(tokenFromEnvironment({Q_CLI_ACCESS_TOKEN: 'qov_c'}), {token: 'qov_c', source: 'Q_CLI_ACCESS_TOKEN'});
	});

	test('a blank variable is ignored and the next one is used', () => {
		assert.deepEqual(
			tokenFromEnvironment({QOVERY_API_TOKEN: '   ', QOVERY_CLI_ACCESS_TOKEN: '', Q_CLI_ACCESS_TOKEN: 'qov_c'}),
			{token: 'qov_c', source: 'Q_CLI_ACCESS_TOKEN'},
		);
	});

	test('surrounding whitespace is trimmed', () => {
		assert.deepEqual(tokenFromEnvironment({QOVERY_API_TOKEN: ' qov_a\n'}), {token: 'qov_a', source: 'QOVERY_API_TOKEN'});
	});

	test('nothing set gives undefined', () => {
		assert.equal(tokenFromEnvironment({}), undefined);
		assert.equal(tokenFromEnvironment({QOVERY_API_TOKEN: ' '}), undefined);
	});
});
