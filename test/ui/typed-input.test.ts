import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {interpretTyped, withoutLastCharacter} from '../../source/ui/typed-input.js';

describe('interpretTyped', () => {
	test('plain typing is text', () => {
		assert.deepEqual(interpretTyped('a'), {kind: 'text', text: 'a'});
		assert.deepEqual(interpretTyped('Platform-Admins'), {kind: 'text', text: 'Platform-Admins'});
	});

	test('a line then Enter in one read is text then submit', () => {
		assert.deepEqual(interpretTyped('acme-okta\r'), {kind: 'text-then-submit', text: 'acme-okta'});
		assert.deepEqual(interpretTyped('acme-okta\r\n'), {kind: 'text-then-submit', text: 'acme-okta'});
	});

	test('a one-line paste with a newline is not submitted', () => {
		assert.deepEqual(interpretTyped('acme-okta\n', true), {kind: 'multiline', text: 'acme-okta'});
	});

	test('several lines are multi-line, trailing newlines dropped, CRLF normalised', () => {
		assert.deepEqual(interpretTyped('Platform-Admins\r\nDevOps\r\ny\r\n\r\n'), {kind: 'multiline', text: 'Platform-Admins\nDevOps\ny'});
		assert.deepEqual(interpretTyped('A\nB', true), {kind: 'multiline', text: 'A\nB'});
	});

	test('control characters never become text', () => {
		assert.deepEqual(interpretTyped('\u0001\u0002\u007F'), {kind: 'ignore'});
		assert.deepEqual(interpretTyped('a\u0007b'), {kind: 'text', text: 'ab'});
		assert.deepEqual(interpretTyped('\u0085'), {kind: 'ignore'});
	});

	test('a tab becomes a space', () => {
		assert.deepEqual(interpretTyped('All\tStaff'), {kind: 'text', text: 'All Staff'});
	});

	test('unicode passes unchanged', () => {
		assert.deepEqual(interpretTyped('Équipe 開発 🚀'), {kind: 'text', text: 'Équipe 開発 🚀'});
	});

	test('an empty read is ignored', () => {
		assert.deepEqual(interpretTyped(''), {kind: 'ignore'});
	});
});

describe('withoutLastCharacter', () => {
	test('takes off what a person sees as one character, never half of one', () => {
		assert.equal(withoutLastCharacter('Team🚀'), 'Team');
		assert.equal(withoutLastCharacter('Cafe\u0301'), 'Caf');
		assert.equal(withoutLastCharacter('ok🇸🇪'), 'ok');
		assert.equal(withoutLastCharacter('x👩\u200D💻'), 'x');
		assert.equal(withoutLastCharacter('1\uFE0F\u20E3'), '');
		assert.equal(withoutLastCharacter('ab'), 'a');
		assert.equal(withoutLastCharacter(''), '');
	});
});
