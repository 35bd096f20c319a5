/**
 * INK_SCREEN_READER=true: whole sessions in a real pseudo-terminal, from the
 * organization to the PUT. At every step the screen says where the
 * operator is ("Step 3 of 6: Default role"), which entry is selected and
 * where it sits ("Selected role 2 of 7: DevOps, current value, basic"), and
 * what the keys do ("Keys: ..."), in words rather than arrows.
 *
 * Ink lays text out for a screen reader without boxes and wraps long lines
 * at the terminal's width: sentences are matched on the screen's text with
 * its lines joined.
 *
 * A test marked todo asserts the right behaviour and fails on the product
 * as it is; its reason says what goes wrong.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {FakeApi} from '../../source/fake/server.js';
import {useFake} from '../helpers/fake-per-test.js';
import {demoIds} from '../helpers/fake-states.js';
import {type PtySession, stackTrace, startCli} from '../helpers/pty.js';
import {escapeRegExp, keys, stepTitle} from '../helpers/wizard-driver.js';

const {acme, globex} = demoIds;

const {start: startFake} = useFake();

function startReader(api: FakeApi): PtySession {
	return startCli({apiUrl: api.url, env: {INK_SCREEN_READER: 'true'}, columns: 80, rows: 34});
}

/** The screen as one line of words: Ink's wrapping undone. */
function said(session: PtySession): string {
	return session.text().split('\n').map(line => line.trim()).filter(Boolean).join(' ');
}

/** The "Keys: ..." sentence, whole even when wrapped. */
function keyList(session: PtySession): string {
	const lines = session.screen.lines();
	const start = lines.findIndex(line => line.startsWith('Keys: '));
	assert.notEqual(start, -1, `a "Keys:" line on the screen:\n${session.text()}`);
	const parts: string[] = [];
	for (const line of lines.slice(start)) {
		parts.push(line.trim());
		if (line.trimEnd().endsWith('.')) {
			break;
		}
	}

	return parts.join(' ');
}

/** The first line of the "Selected ..." entry (a long one wraps: match those on `said`). */
function selected(session: PtySession): string {
	const lines = session.screen.lines();
	const start = lines.findIndex(line => line.startsWith('Selected '));
	assert.notEqual(start, -1, `a "Selected" entry on the screen:\n${session.text()}`);
	return lines[start]!;
}

/** Waits for `step` as the step line and `entry` as the selected entry's start. */
async function at(session: PtySession, step: string, entry?: string): Promise<void> {
	const pattern = new RegExp(`^${escapeRegExp(step)}$[\\s\\S]*${entry === undefined ? '' : `^${escapeRegExp(entry)}`}[\\s\\S]*^Keys: `, 'm');
	await session.waitFor(pattern);
	assert.equal(stepTitle(session), step);
}

/** No arrow glyphs stand for keys, and no spinner frames are drawn for a reader. */
function assertWords(session: PtySession): void {
	assert.doesNotMatch(keyList(session), /[↑↓←→]/);
}

async function finish(session: PtySession, api: FakeApi): Promise<unknown> {
	const exit = await session.waitForExit();
	assert.equal(exit.exitCode, 0, session.plain());
	assert.doesNotMatch(session.plain(), stackTrace);
	assert.doesNotMatch(session.raw, /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/, 'no spinner frames for a screen reader');
	const puts = api.puts();
	assert.equal(puts.length, 1);
	return puts[0]!.body;
}

describe('screen reader (INK_SCREEN_READER=true), in a pty', {timeout: 120_000}, () => {
	test('a whole session: every step says where it is, what is selected and the keys; the PUT is the one reviewed', async () => {
		const api = await startFake();
		const session = startReader(api);

		await at(session, 'Step 1 of 6: Organization', 'Selected organization 1 of 2: Acme Corp');
		assert.equal(selected(session), `Selected organization 1 of 2: Acme Corp, ${acme.organization}`);
		assert.equal(keyList(session), 'Keys: type filter; Up/Down move; Enter choose; Esc clear/quit; ? help; Ctrl+C quit.');
		assertWords(session);
		session.write(keys.enter);

		await at(session, 'Step 2 of 6: Connection', 'Selected connection 1 of 2: acme-okta');
		assert.match(session.text(), /^qovery-sso › Acme Corp$/m);
		assert.equal(selected(session), 'Selected connection 1 of 2: acme-okta, sync off, 4 mapped roles');
		assert.match(session.text(), /^acme-entra, sync on, 2 mapped roles$/m);
		assert.equal(keyList(session), 'Keys: type filter; Up/Down move; Enter choose; Esc back; ? help; Ctrl+C quit.');
		session.write(keys.enter);

		await at(session, 'Step 3 of 6: Default role', 'Selected role 4 of 7: Viewer');
		assert.match(session.text(), /^qovery-sso › Acme Corp › acme-okta$/m);
		assert.equal(selected(session), 'Selected role 4 of 7: Viewer, current value, basic');
		assert.match(said(session), /Users who match no mapped group get this role\./);
		assert.equal(keyList(session), 'Keys: type filter; Up/Down move; Enter choose; Esc back; ? help; Ctrl+C quit.');
		session.write(keys.up);
		await at(session, 'Step 3 of 6: Default role', 'Selected role 3 of 7: Billing');
		assert.equal(selected(session), 'Selected role 3 of 7: Billing, basic');
		assert.match(session.text(), /^Viewer, current value, basic$/m, 'the current value is still said when not selected');
		session.write(keys.enter);

		await at(session, 'Step 4 of 6: Enforced group sync', 'Selected choice 2 of 2: Off');
		assert.match(said(session), /Selected choice 2 of 2: Off, current value, no sync: roles stay as set in Qovery, mappings ignored/);
		assert.equal(keyList(session), 'Keys: Up/Down move; Enter choose; Esc back; ? help; Ctrl+C quit.');
		session.write(keys.up);
		await at(session, 'Step 4 of 6: Enforced group sync', 'Selected choice 1 of 2: On');
		assert.match(said(session), /Selected choice 1 of 2: On, roles follow IdP groups at every sign-in, as mapped next/);
		session.write(keys.enter);

		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 1 of 7: Admin');
		assert.equal(selected(session), 'Selected mapping 1 of 7: Admin, Platform-Admins');
		assert.match(session.text(), /^⚠ unknown role 9b2f4c1e…, Old-Team$/m);
		assert.equal(keyList(session), 'Keys: Enter edit; / find; a add; d del; u undo; c done; t copy; Esc back; ? help; Ctrl+C quit.');

		// The help, in words.
		session.write('?');
		await session.waitFor(/Keys on this step \(\? or Esc closes this help\):/);
		assert.match(session.text(), /^ {2}Enter {8}edit$/m);
		assert.match(session.text(), /^ {2}Ctrl\+C {7}quit$/m);
		session.write('?');
		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 1 of 7: Admin');

		session.write('d');
		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 1 of 6: DevOps');
		assert.equal(selected(session), 'Selected mapping 1 of 6: DevOps, DevOps, SRE');
		assert.match(session.text(), /^Group mappings \(3 roles\):$/m);

		session.write('a');
		await at(session, 'Step 5 of 6: Group mappings', 'Selected role 1 of 7: Admin');
		assert.match(session.text(), /^Which role should IdP groups map to\?$/m);
		assert.equal(selected(session), 'Selected role 1 of 7: Admin, basic role');
		assert.equal(keyList(session), 'Keys: type filter; Up/Down move; Enter choose role; Esc cancel; ? help; Ctrl+C quit.');
		session.write('Release');
		await at(session, 'Step 5 of 6: Group mappings', 'Selected role 1 of 1: Release Manager');
		assert.match(said(session), new RegExp(`Selected role 1 of 1: Release Manager, custom role ${acme.releaseManager} `));
		assert.match(session.text(), /^Filter: Release {2}\(1 of 7\)$/m);
		session.write(keys.enter);

		await session.waitFor(/^Groups for Release Manager/m);
		assert.equal(stepTitle(session), 'Step 5 of 6: Group mappings');
		assert.match(session.text(), new RegExp(`^Groups for Release Manager \\(${acme.releaseManager}\\) \\(0\\)$`, 'm'));
		assert.match(session.text(), /none yet/);
		assert.match(said(session), /Group-A, Group-B \(Enter alone when done\)/);
		assert.equal(keyList(session), 'Keys: Enter add (alone: done); Up/Down pick; Del remove; Esc done; Ctrl+C quit.');
		session.write('Releasers');
		await session.waitFor(/: Releasers\S?$/m);
		session.write(keys.enter);
		await session.waitFor(/Added 1: Releasers\./);
		assert.match(session.text(), /^(?: {2}• )?Releasers$/m);
		session.write(keys.enter);

		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 4 of 7: Release Manager');
		assert.equal(selected(session), 'Selected mapping 4 of 7: Release Manager, Releasers');
		session.write('c');

		await session.waitFor(/^Step 6 of 6: Review$[\s\S]*Send these changes\?[\s\S]*^Keys: /m);
		assert.equal(stepTitle(session), 'Step 6 of 6: Review');
		const review = said(session);
		assert.match(review, /⚠ Group sync is enforced and no IdP group maps to admin: at their next sign-in every SSO user loses admin;/);
		assert.match(session.text(), /^~ default role: Viewer → Billing$/m);
		assert.match(session.text(), /^~ enforce group sync: off → on$/m);
		assert.match(session.text(), /^- Admin: mapping removed\n {4}- Platform-Admins$/m);
		assert.match(session.text(), new RegExp(`^\\+ Release Manager \\(${acme.releaseManager}\\): new mapping\\n {4}\\+ Releasers$`, 'm'));
		assert.match(review, /Send these changes\? Enter sends, Esc goes back to edit\./);
		assert.equal(keyList(session), 'Keys: Enter send; j JSON body; PgUp/PgDn scroll; Esc back; q quit; ? help; Ctrl+C quit.');
		assert.equal(api.puts().length, 0);
		session.write(keys.enter);

		await session.waitFor(/^Confirm a risky change$[\s\S]*Type the connection name[\s\S]*^Keys: /m);
		assert.equal(stepTitle(session), 'Confirm a risky change');
		assert.match(said(session), /Type the connection name acme-okta to send anyway:/);
		assert.equal(keyList(session), 'Keys: type the connection name; Enter confirm; Esc back to review; Ctrl+C quit.');
		session.write('acme-okta');
		await session.waitFor(/^❯ acme-okta/m);
		session.write(keys.enter);

		await session.waitFor(/^Result$[\s\S]*Saved\. The server now holds for acme-okta:[\s\S]*^Keys: /m);
		assert.equal(stepTitle(session), 'Result');
		assert.match(session.text(), /^ {2}default role: Billing$/m);
		assert.match(session.text(), /^ {2}enforce group sync: on$/m);
		assert.equal(keyList(session), 'Keys: Enter/q exit; ? help; Ctrl+C quit.');
		session.write(keys.enter);

		const body = await finish(session, api);
		assert.deepEqual(body, {
			connection_name: 'acme-okta',
			default_role: 'billing',
			enforce_group_sync: true,
			group_mappings: {
				devops: ['DevOps', 'SRE'],
				[acme.securityAuditor]: ['SecOps'],
				[acme.deletedRole]: ['Old-Team'],
				[acme.releaseManager]: ['Releasers'],
			},
		});
	});

	test('a whole session through "Copy from another connection": the unresolved role and the picker are said with their positions', async () => {
		const api = await startFake();
		const session = startReader(api);

		await at(session, 'Step 1 of 6: Organization', 'Selected organization 1 of 2: Acme Corp');
		session.write(keys.down);
		await at(session, 'Step 1 of 6: Organization', 'Selected organization 2 of 2: Globex Labs');
		assert.equal(selected(session), `Selected organization 2 of 2: Globex Labs, ${globex.organization}`);
		session.write(keys.enter);

		// Globex Labs has one connection: the wizard goes straight to step 3.
		await at(session, 'Step 3 of 6: Default role', 'Selected role 2 of 7: DevOps');
		assert.match(session.text(), /^qovery-sso › Globex Labs › globex-saml$/m);
		assert.equal(selected(session), 'Selected role 2 of 7: DevOps, current value, basic');
		session.write(keys.enter);
		await at(session, 'Step 4 of 6: Enforced group sync', 'Selected choice 1 of 2: On');
		session.write(keys.enter);
		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 1 of 4: Admin');
		assert.equal(selected(session), 'Selected mapping 1 of 4: Admin, Globex Admins');
		session.write(keys.down + keys.down);
		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 3 of 4: • Copy from another connection');
		session.write(keys.enter);

		await at(session, 'Copy from another connection', 'Selected organization 1 of 2: Acme Corp');
		assert.match(said(session), /Copy the SSO settings of a connection from which organization\?/);
		assert.match(session.text(), /^Globex Labs, this organization$/m);
		assert.match(keyList(session), /^Keys: .*Enter choose; Esc back; .*Ctrl\+C quit\.$/);
		assertWords(session);
		session.write(keys.enter);

		await at(session, 'Copy from another connection', 'Selected connection 1 of 2: acme-okta');
		assert.equal(selected(session), 'Selected connection 1 of 2: acme-okta, 4 mapped roles');
		assert.match(said(session), /Which connection of Acme Corp\?/);
		session.write(keys.enter);

		await at(session, 'Copy from another connection', 'Selected role 1 of 1: unknown role');
		assert.match(said(session), /1 role(?:\(s\))? of Acme Corp \/ acme-okta (?:has|have) no single match in Globex Labs\. Map each to a role (?:here )?or drop it; nothing (?:is|can be) sent/);
		assert.match(said(session), new RegExp(`Selected role 1 of 1: unknown role ${acme.deletedRole}, mapping: Old-Team`));
		session.write(keys.enter);

		await at(session, 'Copy from another connection', 'Selected role 1 of 8: ');
		assert.match(said(session), /Which role of Globex Labs should take unknown role 9b2f4c1e/);
		assert.match(session.text(), new RegExp(`Drop unknown role ${acme.deletedRole}$`, 'm'));
		session.write('Release');
		await at(session, 'Copy from another connection', 'Selected role 1 of 1: Release Manager');
		assert.match(selected(session), /^Selected role 1 of 1: Release Manager, custom/);
		session.write(keys.enter);

		await session.waitFor(/The draft becomes:[\s\S]*^Keys: /m);
		assert.equal(stepTitle(session), 'Copy from another connection');
		assert.match(said(session), /The draft becomes: default role Viewer, sync off, 4 mapped roles\./);
		assert.match(said(session), /Enter shows it in the review \(nothing is sent yet[;)]/);
		assert.equal(api.puts().length, 0);
		session.write(keys.enter);

		await session.waitFor(/^Step 6 of 6: Review$[\s\S]*Send these changes\?[\s\S]*^Keys: /m);
		const review = session.text();
		assert.match(review, /^~ default role: DevOps → Viewer$/m);
		assert.match(review, /^~ enforce group sync: on → off$/m);
		assert.match(review, new RegExp(`^\\+ Security Auditor \\(${globex.securityAuditor}\\): new mapping\\n {4}\\+ SecOps$`, 'm'));
		assert.match(review, new RegExp(`^\\+ Release Manager \\(${globex.releaseManager}\\): new mapping\\n {4}\\+ Old-Team$`, 'm'));
		session.write(keys.enter);

		await session.waitFor(/^Result$[\s\S]*Saved\. The server now holds for globex-saml:[\s\S]*^Keys: /m);
		assert.equal(keyList(session), 'Keys: Enter/q exit; ? help; Ctrl+C quit.');
		session.write(keys.enter);

		const body = await finish(session, api);
		assert.deepEqual(body, {
			connection_name: 'globex-saml',
			default_role: 'viewer',
			enforce_group_sync: false,
			group_mappings: {
				admin: ['Platform-Admins'],
				devops: ['DevOps', 'SRE'],
				[globex.securityAuditor]: ['SecOps'],
				[globex.releaseManager]: ['Old-Team'],
			},
		});
	});
});

describe('screen reader: the template and the group editor', {timeout: 120_000}, () => {
	/** Globex Labs → mappings → Enter on Admin: its group editor. */
	async function toGlobexAdminGroups(session: PtySession): Promise<void> {
		await at(session, 'Step 1 of 6: Organization', 'Selected organization 1 of 2');
		session.write(keys.down);
		await at(session, 'Step 1 of 6: Organization', 'Selected organization 2 of 2');
		session.write(keys.enter);
		await at(session, 'Step 3 of 6: Default role', 'Selected role 2 of 7');
		session.write(keys.enter);
		await at(session, 'Step 4 of 6: Enforced group sync', 'Selected choice 1 of 2');
		session.write(keys.enter);
		await at(session, 'Step 5 of 6: Group mappings', 'Selected mapping 1 of 4: Admin');
	}

	test('the group editor says which group is selected and where it sits', async () => {
		const api = await startFake();
		const session = startReader(api);
		await toGlobexAdminGroups(session);
		session.write(keys.enter);
		await session.waitFor(/^Groups for Admin \(1\)$[\s\S]*^Keys: /m);
		session.write(keys.up);
		await session.waitFor(/Globex Admins.*(?:Del|Delete) removes/);
		assert.match(said(session), /Selected group 1 of 1: Globex Admins/);
	});

	test('the picker\'s question is said whole', async () => {
		const api = await startFake();
		const session = startReader(api);
		await toGlobexAdminGroups(session);
		session.write('t');
		await at(session, 'Copy from another connection', 'Selected organization 1 of 2: Acme Corp');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected connection 1 of 2');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected role 1 of 1: unknown role');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected role 1 of 8');
		assert.match(said(session), new RegExp(`Which role of Globex Labs should take unknown role ${acme.deletedRole}\\?`));
	});

	test('the key list of each stage of the template says what the keys do there', async () => {
		const api = await startFake();
		const session = startReader(api);
		await toGlobexAdminGroups(session);
		session.write('t');
		await at(session, 'Copy from another connection', 'Selected organization 1 of 2: Acme Corp');
		assert.match(keyList(session), /type filter/, 'the organization list is filterable');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected connection 1 of 2');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected role 1 of 1: unknown role');
		session.write(keys.enter);
		await at(session, 'Copy from another connection', 'Selected role 1 of 8');
		assert.match(keyList(session), /type filter/, 'the picker is filterable');
		// "Drop" may come first (the picker then opens on it) or last.
		if (!selected(session).startsWith('Selected role 1 of 8: Drop')) {
			session.write('\u001B[F');
			await at(session, 'Copy from another connection', 'Selected role 8 of 8: Drop');
		}

		session.write(keys.enter);
		await session.waitFor(/The draft becomes:[\s\S]*^Keys: /m);
		// The footer follows the stage one frame later.
		await session.waitUntil(() => !keyList(session).includes('Up/Down move'), 'the summary\'s own keys', 3000).catch(() => {});
		assert.doesNotMatch(keyList(session), /Up\/Down move/, 'nothing to move on the summary');
		assert.match(keyList(session), /Enter .*review.*; Esc /, 'Enter leads to the review');
	});
});
