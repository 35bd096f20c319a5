import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {checkGroupName, hasUnusualSpace, normalizeGroups, parseGroupEntry, splitGroupEntry, trimGroupName} from '../../source/model/groups.js';

describe('splitGroupEntry', () => {
	test('one line is split at commas', () => {
		assert.deepEqual(splitGroupEntry('A, B,C'), {entries: ['A', ' B', 'C'], multiline: false});
	});

	test('several lines are split at newlines only', () => {
		assert.deepEqual(splitGroupEntry('A, B\nC'), {entries: ['A, B', 'C'], multiline: true});
	});

	test('CRLF and CR count as newlines', () => {
		assert.deepEqual(splitGroupEntry('A\r\nB\rC').entries, ['A', 'B', 'C']);
	});

	test('one line and blank lines is still one line', () => {
		assert.deepEqual(splitGroupEntry('A, B\n\n'), {entries: ['A', ' B'], multiline: false});
	});
});

describe('parseGroupEntry', () => {
	test('comma-separated names on one line', () => {
		assert.deepEqual(parseGroupEntry('Platform-Admins, DevOps'), {groups: ['Platform-Admins', 'DevOps'], rejected: [], droppedAnswers: [], duplicates: 0});
	});

	test('one name per line', () => {
		assert.deepEqual(parseGroupEntry('Platform-Admins\nDevOps\n').groups, ['Platform-Admins', 'DevOps']);
	});

	test('a comma stays inside a name on multi-line input', () => {
		assert.deepEqual(parseGroupEntry('CN=Admins,OU=Groups\nCN=Ops,OU=Groups').groups, ['CN=Admins,OU=Groups', 'CN=Ops,OU=Groups']);
	});

	test('a comma splits a single-line entry even inside what looks like a DN', () => {
		assert.deepEqual(parseGroupEntry('CN=Admins,OU=Groups').groups, ['CN=Admins', 'OU=Groups']);
	});

	test('surrounding whitespace is trimmed, inner spaces kept, blank entries skipped', () => {
		assert.deepEqual(parseGroupEntry('  All Staff  ,, \u200BRelease  Team\uFEFF ,').groups, ['All Staff', 'Release  Team']);
	});

	test('repeated names keep the first and are counted', () => {
		const parsed = parseGroupEntry('A, B, A, B, C');
		assert.deepEqual(parsed.groups, ['A', 'B', 'C']);
		assert.equal(parsed.duplicates, 2);
	});

	test('names already on the role count as duplicates', () => {
		const parsed = parseGroupEntry('SRE, Platform', ['DevOps', 'SRE']);
		assert.deepEqual(parsed.groups, ['Platform']);
		assert.equal(parsed.duplicates, 1);
	});

	test('names differing by case are different groups', () => {
		assert.deepEqual(parseGroupEntry('admins, Admins').groups, ['admins', 'Admins']);
	});

	test('control characters are refused with a reason', () => {
		const parsed = parseGroupEntry('Good, Bad\u0007Bell, Esc\u001B[31m');
		assert.deepEqual(parsed.groups, ['Good']);
		assert.deepEqual(parsed.rejected, [
			{group: 'Bad\u0007Bell', reason: 'a group name cannot contain control characters'},
			{group: 'Esc\u001B[31m', reason: 'a group name cannot contain control characters'},
		]);
	});

	test('DEL and C1 characters are refused too', () => {
		assert.deepEqual(parseGroupEntry('A\u007FB\nC\u0085D').rejected.map(issue => issue.group), ['A\u007FB', 'C\u0085D']);
	});

	test('answer-like lines are dropped from a multi-line paste', () => {
		const parsed = parseGroupEntry('Platform-Admins\nDevOps\ny\ny\nYES\nno\nN\n');
		assert.deepEqual(parsed.groups, ['Platform-Admins', 'DevOps']);
		assert.deepEqual(parsed.droppedAnswers, ['y', 'y', 'YES', 'no', 'N']);
	});

	test('an answer-like name typed alone on one line is kept', () => {
		assert.deepEqual(parseGroupEntry('y'), {groups: ['y'], rejected: [], droppedAnswers: [], duplicates: 0});
		assert.deepEqual(parseGroupEntry('yes, no').groups, ['yes', 'no']);
	});

	test('lines that only contain an answer word are dropped, longer lines are not', () => {
		assert.deepEqual(parseGroupEntry('yes-team\nnope\ny\n').groups, ['yes-team', 'nope']);
	});

	test('GUIDs and unicode names are kept exactly', () => {
		const names = ['3f1c2a9e-6b7d-4e8f-a0b1-c2d3e4f5a6b7', 'Équipe Données', '開発チーム', 'Ops 🚀'];
		assert.deepEqual(parseGroupEntry(names.join('\n')).groups, names);
		assert.deepEqual(parseGroupEntry(names.join(', ')).groups, names);
	});

	test('nothing but separators gives nothing', () => {
		assert.deepEqual(parseGroupEntry(' , ,\n\n'), {groups: [], rejected: [], droppedAnswers: [], duplicates: 0});
	});
});

describe('group name helpers', () => {
	test('checkGroupName', () => {
		assert.equal(checkGroupName('Ops'), undefined);
		assert.equal(checkGroupName('  '), 'a group name cannot be empty');
		assert.equal(checkGroupName('a\u0000b'), 'a group name cannot contain control characters');
	});

	test('hasUnusualSpace spots NBSP and thin spaces, not plain spaces', () => {
		assert.deepEqual(['All Staff', 'All\u00A0Staff', 'All\u2009Staff'].map(hasUnusualSpace), [false, true, true]);
	});

	test('trimGroupName and normalizeGroups', () => {
		assert.equal(trimGroupName('\u200B  Ops Team \uFEFF'), 'Ops Team');
		assert.deepEqual(normalizeGroups([' A', 'A', 'B ', '', '  ']), ['A', 'B']);
	});
});
