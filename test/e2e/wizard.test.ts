/**
 * The wizard end to end: the built CLI in a real pseudo-terminal, driven by
 * keystrokes, against the strict fake API on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import {after, afterEach, beforeEach, describe, test} from 'node:test';
import {startFakeApi, type FakeApi} from '../../source/fake/server.js';
import {demoIds, demoState, oktaOf} from '../helpers/fake-states.js';
import {cleanupTemporary, killAll, stackTrace, startCli} from '../helpers/pty.js';
import {cancelLines, highlighted, keys, onScreen, screens, stepTitle, terminalRestored, toDefaultRole, toMappingList} from '../helpers/wizard-driver.js';

describe('wizard session in a pty', {timeout: 120_000}, () => {
	let fake: FakeApi;
	beforeEach(async () => {
		fake = await startFakeApi({state: demoState()});
	});
	afterEach(async () => {
		killAll();
		await fake.close();
	});
	after(() => {
		killAll();
		cleanupTemporary();
	});

	test('a whole edit sent with Enter puts exactly what was reviewed', async () => {
		const loaded = oktaOf(fake.state);
		const session = startCli({apiUrl: fake.url});

		await onScreen(session, screens.organization);
		assert.equal(highlighted(session)?.startsWith('Acme Corp'), true);
		session.write(keys.enter);
		await onScreen(session, screens.connection);
		assert.match(session.text(), /qovery-sso › Acme Corp/);
		assert.equal(highlighted(session)?.startsWith('acme-okta'), true);
		session.write(keys.enter);

		// Default role: the list opens on the current one (Viewer); two Ups reach DevOps.
		await onScreen(session, screens.defaultRole);
		assert.match(highlighted(session) ?? '', /^Viewer \(current\)/);
		session.write(keys.up);
		await session.waitFor(/❯ Billing/);
		session.write(keys.up);
		await session.waitFor(/❯ DevOps/);
		session.write(keys.enter);

		// Group sync: opens on Off (current); Up then Enter turns it on.
		await onScreen(session, screens.groupSync);
		assert.match(highlighted(session) ?? '', /^Off \(current\)/);
		session.write(keys.up);
		await session.waitFor(/❯ On/);
		session.write(keys.enter);

		// A new mapping: 'a', filter the roles by typing, Enter.
		await onScreen(session, screens.mappingList);
		session.write('a');
		await onScreen(session, screens.pickRole);
		session.write('Release');
		await session.waitFor(/Filter: Release {2}\(1 of 7\)[\s\S]*❯ Release Manager/);
		session.write(keys.enter);
		await onScreen(session, screens.groupEditor('Release Manager'));

		// Two groups pasted at once (bracketed paste), then Enter alone to finish.
		session.write('\u001B[200~Group-One\nGroup Two\u001B[201~');
		await session.waitFor(/• Group-One[\s\S]*• Group Two/);
		assert.match(session.text(), /Added 2: Group-One, Group Two\./);
		session.write(keys.enter);
		await onScreen(session, /Group mappings \(5 roles\)[\s\S]*Release Manager +Group-One, Group Two/);
		session.write('c');

		await onScreen(session, screens.review);
		const review = session.text();
		assert.match(review, /~ default role: Viewer → DevOps/);
		assert.match(review, /~ enforce group sync: off → on/);
		assert.match(review, new RegExp(`\\+ Release Manager \\(${demoIds.acme.releaseManager}\\): new mapping`));
		assert.match(review, /\+ Group-One\n +\+ Group Two/);
		// acme-okta maps admin, so turning sync on asks for no typed name.
		assert.doesNotMatch(review, /Type the connection name/);
		assert.equal(fake.puts().length, 0, 'nothing is sent before the review is confirmed');
		session.write(keys.enter);

		await onScreen(session, screens.result);
		assert.match(session.text(), /default role: DevOps/);
		assert.match(session.text(), /enforce group sync: on/);
		session.write(keys.enter);
		const exit = await session.waitForExit();

		assert.equal(exit.exitCode, 0, session.plain());
		assert.match(session.plain(), /Saved acme-okta in Acme Corp\./);
		const puts = fake.puts();
		assert.equal(puts.length, 1);
		assert.deepEqual(puts[0]!.body, {
			connection_name: 'acme-okta',
			default_role: 'devops',
			enforce_group_sync: true,
			group_mappings: {
				...loaded.group_mappings,
				[demoIds.acme.releaseManager]: ['Group-One', 'Group Two'],
			},
		});
		assert.equal(puts[0]!.scheme, 'Token');
		assert.doesNotMatch(session.plain(), stackTrace);
		const restored = terminalRestored(session.raw);
		assert.deepEqual(restored, {cursorShown: true, pasteOff: true});
	});

	test('Ctrl+C half-way exits 130, sends nothing and restores the terminal', async () => {
		const session = startCli({apiUrl: fake.url});
		await toDefaultRole(session);
		session.write(keys.down);
		await session.waitFor(/❯ Security Auditor/);
		session.write(keys.enter);
		await onScreen(session, screens.groupSync);
		assert.equal(stepTitle(session), 'Step 4 of 6: Enforced group sync');
		session.write(keys.ctrlC);
		const exit = await session.waitForExit();

		assert.equal(exit.exitCode, 130);
		assert.equal(exit.signal, undefined);
		assert.deepEqual(cancelLines(session), ['Cancelled, nothing was changed.']);
		assert.match(session.text(), /Cancelled, nothing was changed\./);
		assert.equal(fake.puts().length, 0);
		assert.doesNotMatch(session.plain(), stackTrace);
		assert.deepEqual(terminalRestored(session.raw), {cursorShown: true, pasteOff: true});
		assert.equal(session.screen.cursorVisible, true);
		assert.equal(session.screen.bracketedPaste, false);
		// The very last bytes put the cursor back.
		assert.ok(session.raw.trimEnd().endsWith('\u001B[?25h'), JSON.stringify(session.raw.slice(-80)));
	});

	test('erasing in the group editor: a run of Backspaces in one read all count, and an emoji goes whole', async () => {
		const session = startCli({apiUrl: fake.url});
		await toMappingList(session);
		session.write('a');
		await onScreen(session, screens.pickRole);
		session.write('Release');
		await session.waitFor(/❯ Release Manager/);
		session.write(keys.enter);
		await onScreen(session, screens.groupEditor('Release Manager'));
		session.write('abcdefghij');
		await session.waitFor(/Add: abcdefghij▌/);
		// Five erase keys in one write, as key repeat over SSH delivers them.
		session.write('\u007F\u007F\u007F\u007F\u007F');
		await session.waitFor(/Add: abcde▌/);
		session.write('🚀');
		await session.waitFor(/Add: abcde🚀▌/);
		session.write('\u007F');
		await session.waitFor(/Add: abcde▌/);
		session.write('X\r');
		await session.waitFor(/• abcdeX/);
		assert.doesNotMatch(session.text(), /\uFFFD/);
		session.write(keys.ctrlC);
		await session.waitForExit();
		assert.equal(fake.puts().length, 0);
	});
});
