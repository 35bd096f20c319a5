/**
 * The field cases of /work/shared/cases.md (C01, C02, C04, C05, C06) as
 * end-to-end tests of the built CLI: in a real pseudo-terminal or with
 * pipes, against the strict fake API on 127.0.0.1.
 *
 * A test marked todo asserts the right behaviour and fails on the product
 * as it is; its reason says what goes wrong.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import type {FakeApi} from '../../source/fake/server.js';
import {useFake} from '../helpers/fake-per-test.js';
import {bigMappingState, bigTeamRoleIds, demoIds, demoWithOkta, oktaOf} from '../helpers/fake-states.js';
import {cleanupTemporary, gap, killAll, type PtyOptions, type PtySession, runPiped, stackTrace, startCli, temporaryDirectory} from '../helpers/pty.js';
import {cancelLines, highlighted, keys, onScreen, openHighlightedMapping, screens, stepTitle, terminalRestored, toDefaultRole, toMappingList} from '../helpers/wizard-driver.js';

const escapeCode = /\u001B/;

/**
 * Runs the CLI inside `sh` so the terminal settings can be read before and
 * after it: `stty -a` into files of `directory`; the shell exits with the
 * CLI's code. `redirect` is appended to the CLI's command line.
 */
function underStty(options: PtyOptions & {redirect?: string}): {session: PtySession; sttyBefore: () => string; sttyAfter: () => string} {
	const directory = temporaryDirectory('qovery-sso-e2e-stty-');
	const args = (options.args ?? []).map(argument => `'${argument.replaceAll("'", "'\\''")}'`).join(' ');
	const session = startCli({
		...options,
		env: {...options.env, D: directory},
		shell: `stty -a > "$D/before"; "$NODE" "$CLI" ${args} ${options.redirect ?? ''}; code=$?; stty -a > "$D/after"; exit $code`,
	});
	return {
		session,
		sttyBefore: () => fs.readFileSync(path.join(directory, 'before'), 'utf8'),
		sttyAfter: () => fs.readFileSync(path.join(directory, 'after'), 'utf8'),
	};
}

/** Mapping list → 'c' → review → Enter → result → Enter: the run ends and returns the one PUT. */
async function continueAndSend(session: PtySession, fake: FakeApi): Promise<unknown> {
	session.write('c');
	await onScreen(session, screens.review);
	assert.equal(fake.puts().length, 0, 'nothing is sent before the review is confirmed');
	session.write(keys.enter);
	await onScreen(session, screens.result);
	session.write(keys.enter);
	const exit = await session.waitForExit();
	assert.equal(exit.exitCode, 0, session.plain());
	const puts = fake.puts();
	assert.equal(puts.length, 1);
	return puts[0]!.body;
}

after(() => {
	killAll();
	cleanupTemporary();
});

describe('C01: no terminal on stdin', {timeout: 120_000}, () => {
	const fake = useFake();

	function assertRefusal(stderr: string, stdout: string): void {
		const lines = stderr.split('\n').filter(line => line.trim() !== '');
		assert.equal(lines.length, 1, `one line on stderr, got:\n${stderr}`);
		assert.match(lines[0]!, /terminal/i);
		assert.match(lines[0]!, /ssh -t/);
		assert.doesNotMatch(stderr, stackTrace);
		assert.doesNotMatch(stderr, /Cancelled|raw mode|Error:/i);
		assert.equal(stdout, '');
	}

	test('1: echo | qovery-sso (every stream a pipe, as ssh -T) exits 2 with one line and no request', async () => {
		const api = await fake.start();
		const result = await runPiped({apiUrl: api.url, stdin: '\n'});
		assert.equal(result.code, 2);
		assertRefusal(result.stderr, result.stdout);
		assert.doesNotMatch(result.stderr, escapeCode);
		assert.equal(api.requests.length, 0);
	});

	test('2: qovery-sso < /dev/null with no terminal anywhere exits 2', async () => {
		const api = await fake.start();
		const result = await runPiped({apiUrl: api.url, stdin: 'devnull'});
		assert.equal(result.code, 2);
		assertRefusal(result.stderr, result.stdout);
		assert.equal(api.requests.length, 0);
	});

	test('2: qovery-sso < /dev/null from an interactive terminal exits 2 (not 130), draws nothing, leaves stty as it was', async () => {
		const api = await fake.start();
		const {session, sttyBefore, sttyAfter} = underStty({apiUrl: api.url, redirect: '< /dev/null'});
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 2, session.plain());
		assert.notEqual(exit.exitCode, 130);
		const shown = session.plain().split(/\r?\n/).filter(line => line.trim() !== '');
		assert.equal(shown.length, 1, session.plain());
		assert.match(shown[0]!, /ssh -t/);
		assert.doesNotMatch(session.plain(), /Cancelled/);
		assert.doesNotMatch(session.plain(), stackTrace);
		// Nothing drawn: no cursor moves, no hidden cursor, no bracketed paste.
		assert.doesNotMatch(session.raw, escapeCode, JSON.stringify(session.raw));
		assert.equal(sttyAfter(), sttyBefore());
		assert.equal(api.requests.length, 0);
	});

	test('3: qovery-sso | cat refuses the same way and writes no escape code into the pipe', async () => {
		const api = await fake.start();
		const directory = temporaryDirectory('qovery-sso-e2e-pipe-');
		const session = startCli({
			apiUrl: api.url,
			env: {D: directory},
			shell: 'stty -a > "$D/before"; { "$NODE" "$CLI"; echo $? > "$D/code"; } | cat > "$D/out"; stty -a > "$D/after"',
		});
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 0, session.plain());
		const code = fs.readFileSync(path.join(directory, 'code'), 'utf8').trim();
		const piped = fs.readFileSync(path.join(directory, 'out'), 'utf8');
		assert.equal(code, '2');
		assert.doesNotMatch(piped, escapeCode, JSON.stringify(piped));
		assert.equal(piped, '');
		// The refusal goes to stderr, still the terminal.
		assert.match(session.plain(), /ssh -t/);
		assert.doesNotMatch(session.plain(), stackTrace);
		assert.equal(fs.readFileSync(path.join(directory, 'after'), 'utf8'), fs.readFileSync(path.join(directory, 'before'), 'utf8'));
		assert.equal(api.requests.length, 0);
	});
});

describe('C02: key sequences split or bunched', {timeout: 180_000}, () => {
	const fake = useFake();

	test('1: ESC, 40 ms, then "[B" moves the highlight one down and types nothing', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		await toDefaultRole(session);
		assert.match(highlighted(session) ?? '', /^Viewer \(current\)/);
		session.write('\u001B');
		await gap(40);
		session.write('[B');
		await session.waitFor(/❯ Security Auditor|Step 2 of 6|Filter: (?!type to filter)/);
		assert.equal(stepTitle(session), 'Step 3 of 6: Default role');
		assert.match(highlighted(session) ?? '', /^Security Auditor/);
		assert.match(session.text(), /Filter: type to filter {2}\(7 of 7\)/);
		assert.doesNotMatch(session.text(), /\[B/);

		session.write(keys.enter);
		await onScreen(session, screens.groupSync);
		session.write(keys.enter);
		await onScreen(session, screens.mappingList);
		const body = await continueAndSend(session, api) as {default_role: string};
		assert.equal(body.default_role, demoIds.acme.securityAuditor);
		assert.doesNotMatch(JSON.stringify(body), /\[B/);
		assert.doesNotMatch(session.plain(), /\[B/);
	});

	test('2: "Down Down Enter" in one write chooses the third role and the diff shows it', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		await toDefaultRole(session);
		session.write(keys.home);
		await session.waitFor(/❯ Admin/);
		session.write('\u001B[B\u001B[B\r');
		await session.waitFor(screens.groupSync, 5000);
		session.write(keys.enter);
		await onScreen(session, screens.mappingList);
		session.write('c');
		await onScreen(session, screens.review);
		assert.match(session.text(), /~ default role: Viewer → Billing/);
		session.write(keys.enter);
		await onScreen(session, screens.result);
		session.write(keys.enter);
		assert.equal((await session.waitForExit()).exitCode, 0);
		assert.equal((api.puts()[0]?.body as {default_role?: string}).default_role, 'billing');
	});

	test('2b: a key typed as soon as a new screen appears is not lost', async () => {
		const api = await fake.start();
		let lost = 0;
		// Each step's key, sent the moment its screen shows; if it goes unseen
		// for 4 s it is counted as lost and sent again, so the run goes on.
		const steps: Array<[RegExp, string]> = [
			[screens.organization, keys.enter],
			[screens.connection, keys.enter],
			[screens.defaultRole, keys.enter],
			[screens.groupSync, keys.enter],
			[screens.mappingList, 'c'],
			[screens.noChanges, 'q'],
		];
		for (let run = 0; run < 2; run++) {
			const session = startCli({apiUrl: api.url});
			for (const [index, [screen, key]] of steps.entries()) {
				await session.waitFor(screen);
				session.write(key);
				const next = steps[index + 1]?.[0];
				for (let attempt = 0; attempt < 3; attempt++) {
					try {
						if (next) {
							await session.waitFor(next, 4000);
						} else {
							await session.waitForExit(4000);
						}

						break;
					} catch {
						lost++;
						session.write(key);
					}
				}
			}

			await session.waitForExit();
		}

		assert.equal(lost, 0, `${lost} of ${steps.length * 2} keys sent right after their screen appeared were lost`);
	});

	test('2c: a letter and Enter in one read are both handled ("c\\r" at the mapping list opens the review, sends nothing)', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		await toMappingList(session);
		session.write('c\r');
		// 'c' opens the review; the Enter that came in the same read is not an answer to it.
		await onScreen(session, /Step 6 of 6: Review/, 3000);
		// Esc typed afterwards goes back: the review was still waiting for its answer.
		session.write('\u001B');
		await session.waitFor(/Step 5 of 6: Group mappings/);
		assert.equal(api.puts().length, 0);
	});

	async function toAdminField(session: PtySession): Promise<() => string | undefined> {
		await toMappingList(session);
		await openHighlightedMapping(session, 'Admin');
		const fieldLine = () => session.screen.lines().find(line => line.includes('Add:'));
		assert.match(fieldLine() ?? '', /^❯ Add: Group-A, Group-B/);
		return fieldLine;
	}

	// Ink 6.8's useInput throws a TypeError on Ctrl-modified function keys it has no name for.
	test('3: Ctrl+F1 (ESC [1;5P) in the group-name field inserts nothing and crashes nothing', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		const fieldLine = await toAdminField(session);
		session.write('\u001B[1;5P');
		// A plain letter after it shows what the field holds once it was handled.
		session.write('X');
		await session.waitFor(/Add: X▌|unexpected error/);
		assert.equal(session.exited, undefined, session.plain());
		assert.equal(fieldLine(), '❯ Add: X▌');
		assert.doesNotMatch(session.plain(), /unexpected error|TypeError/);
	});

	test('3: a stray terminal reply (OSC 11 colour answer) and a split arrow in the group-name field insert nothing', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		const fieldLine = await toAdminField(session);

		// A split arrow in the field moves onto the groups, it does not type "[A".
		session.write('\u001B');
		await gap(40);
		session.write('[A');
		await session.waitFor(/❯ • Platform-Admins/);
		assert.doesNotMatch(session.text(), /\[A/);
		session.write(keys.down);
		await session.waitFor(/❯ Add:/);

		session.write('\u001B]11;rgb:0000/0000/0000\u0007');
		session.write('X');
		await session.waitFor(/Add: X▌/);
		assert.equal(fieldLine(), '❯ Add: X▌');
		assert.doesNotMatch(session.text(), /rgb:|11;/);
		assert.equal(session.exited, undefined);
		session.write(keys.backspace);
		await session.waitFor(/❯ Add: Group-A, Group-B/);

		// 4, in a text field: a lone Escape ends the editing within half a second.
		const started = performance.now();
		session.write(keys.escape);
		await session.waitFor(/Group mappings \(4 roles\)/, 5000);
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 500, `Escape took ${Math.round(elapsed)} ms`);
		await onScreen(session, screens.mappingList);
		session.write('c');
		await onScreen(session, screens.noChanges);
		session.write('q');
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 0);
		assert.match(session.plain(), /No changes; nothing was sent\./);
		assert.equal(api.puts().length, 0);
		assert.doesNotMatch(session.plain(), stackTrace);
	});

	test('4: a lone Escape on the default-role list goes back within half a second', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		await toDefaultRole(session);
		const started = performance.now();
		session.write(keys.escape);
		await session.waitFor(screens.connection, 5000);
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 500, `Escape took ${Math.round(elapsed)} ms`);
		assert.equal(stepTitle(session), 'Step 2 of 6: Connection');
		assert.match(session.text(), /Filter: type to filter/);
	});
});

describe('C04: a diff taller than the terminal', {timeout: 180_000}, () => {
	const fake = useFake();

	test('85 diff lines in 80x24: no full clear, scrollable in place, question in view, scrollback kept', async t => {
		const api = await fake.start(bigMappingState());
		const session = startCli({apiUrl: api.url, columns: 80, rows: 24, shell: 'echo SCROLLBACK-MARKER; exec "$NODE" "$CLI"'});
		await onScreen(session, /Step 2 of 6: Connection[\s\S]*❯ big-saml/);
		session.write(keys.enter);
		await onScreen(session, /Step 3 of 6: Default role[\s\S]*Team Role 01/);
		session.write(keys.down);
		await session.waitFor(/❯ Team Role 01/);
		session.write(keys.enter);
		await onScreen(session, screens.groupSync);
		session.write(keys.enter);
		await onScreen(session, /Group mappings \(12 roles\)[\s\S]*❯ Team Role 01/);
		for (let left = 11; left >= 0; left--) {
			session.write('d');
			await session.waitFor(left === 0 ? /No group mappings yet\./ : new RegExp(`Group mappings \\(${left} roles?\\)`));
		}

		session.write('c');
		await onScreen(session, screens.review);
		const seen = new Set(session.screen.lines());
		const questionInView = () => assert.match(session.text(), /Send these changes\? Enter sends/);
		questionInView();
		assert.match(session.text(), /↓ \d+ more lines?/);

		const perKey: Array<{key: string; bytes: number; newlines: number}> = [];
		const press = async (key: string, name: string, expected: RegExp) => {
			const mark = session.mark();
			session.write(key);
			await session.waitFor(expected);
			await session.waitFor(/Send these changes\?/);
			const output = session.since(mark);
			perKey.push({key: name, bytes: output.length, newlines: output.split('\n').length - 1});
			assert.doesNotMatch(output, /\u001B\[2J|\u001B\[3J/, `${name} cleared the screen`);
			for (const line of session.screen.lines()) {
				seen.add(line);
			}

			questionInView();
		};

		for (let step = 1; step <= 10; step++) {
			await press(keys.down, `Down ${step}`, new RegExp(`↑ ${step} more lines?\\b`));
		}

		for (let step = 9; step >= 0; step--) {
			await press(keys.up, `Up ${10 - step}`, step === 0 ? /Changes to send[\s\S]*~ default role/ : new RegExp(`↑ ${step} more lines?\\b`));
		}

		// The whole diff can be read by paging down.
		for (let page = 0; page < 20 && /↓ \d+ more lines?/.test(session.text()); page++) {
			const before = session.text();
			session.write('\u001B[6~');
			await session.waitUntil(screen => screen !== before, 'the next page');
			for (const line of session.screen.lines()) {
				seen.add(line);
			}

			questionInView();
		}

		const shownText = [...seen].join('\n');
		for (const [roleIndex, roleId] of bigTeamRoleIds.entries()) {
			const number = String(roleIndex + 1).padStart(2, '0');
			assert.match(shownText, new RegExp(`- Team Role ${number} \\(${roleId}\\): mapping removed`));
			for (let group = 1; group <= 6; group++) {
				assert.match(shownText, new RegExp(`- Team-${number}-Group-${group}$`, 'm'));
			}
		}

		// One key never repaints the whole 85-line diff.
		const largest = perKey.reduce((most, entry) => (entry.bytes > most.bytes ? entry : most), perKey[0]!);
		t.diagnostic(`largest redraw for one key: ${largest.key}, ${largest.bytes} bytes, ${largest.newlines} lines`);
		for (const entry of perKey) {
			assert.ok(entry.newlines <= 24, `${entry.key} wrote ${entry.newlines} lines (${entry.bytes} bytes)`);
		}

		session.write('q');
		// Quitting a review with changes offers to keep them as a file: no.
		await session.waitFor(/Keep the unsent change as a file/);
		session.write('n\r');
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 130);
		assert.equal(api.puts().length, 0);
		const clears = session.raw.split('\u001B[2J').length - 1;
		assert.equal(session.raw.includes('\u001B[3J'), false, 'ESC[3J erases the scrollback');
		assert.ok(clears <= 1, `${clears} full-screen clears`);
		assert.match(session.screen.history(), /SCROLLBACK-MARKER/);
	});
});

describe('C05: Ctrl+C and Ctrl+D at every step', {timeout: 300_000}, () => {
	const fake = useFake();

	async function assertCancelled(session: PtySession, api: FakeApi, sttyBefore?: () => string, sttyAfter?: () => string): Promise<void> {
		const exit = await session.waitForExit();
		const plain = session.plain();
		assert.equal(exit.exitCode, 130, plain);
		assert.deepEqual(cancelLines(session), ['Cancelled, nothing was changed.']);
		assert.doesNotMatch(plain, /ExitPromptError/);
		assert.doesNotMatch(plain, stackTrace);
		assert.doesNotMatch(plain, /unexpected error/i);
		assert.equal(api.puts().length, 0);
		assert.deepEqual(terminalRestored(session.raw), {cursorShown: true, pasteOff: true});
		if (sttyBefore && sttyAfter) {
			assert.equal(sttyAfter(), sttyBefore(), 'stty -a differs after the run');
		}
	}

	const steps: Array<{name: string; reach: (session: PtySession) => Promise<void>}> = [
		{name: 'organization', reach: async session => onScreen(session, screens.organization)},
		{
			name: 'connection',
			async reach(session) {
				await onScreen(session, screens.organization);
				session.write(keys.enter);
				await onScreen(session, screens.connection);
			},
		},
		{name: 'default role', reach: toDefaultRole},
		{
			name: 'group sync',
			async reach(session) {
				await toDefaultRole(session);
				session.write(keys.enter);
				await onScreen(session, screens.groupSync);
			},
		},
		{
			name: 'group entry (text typed in the field)',
			async reach(session) {
				await toMappingList(session);
				await openHighlightedMapping(session, 'Admin');
				session.write('Half-typed');
				await session.waitFor(/Add: Half-typed▌/);
			},
		},
		{
			name: 'review (send?)',
			async reach(session) {
				await toDefaultRole(session);
				session.write(keys.down);
				await session.waitFor(/❯ Security Auditor/);
				session.write(keys.enter);
				await onScreen(session, screens.groupSync);
				session.write(keys.enter);
				await onScreen(session, screens.mappingList);
				session.write('c');
				await onScreen(session, screens.review);
			},
		},
		{
			name: 'typed confirmation of a risky change',
			async reach(session) {
				await toDefaultRole(session);
				session.write(keys.enter);
				await onScreen(session, screens.groupSync);
				session.write(keys.up);
				await session.waitFor(/❯ On/);
				session.write(keys.enter);
				await onScreen(session, screens.mappingList);
				session.write('d');
				await session.waitFor(/Group mappings \(3 roles\)/);
				session.write('c');
				await onScreen(session, screens.review);
				session.write(keys.enter);
				await onScreen(session, /Type the connection name acme-okta to send anyway/);
				session.write('acme');
				await session.waitFor(/❯ acme▌/);
			},
		},
	];

	for (const step of steps) {
		test(`Ctrl+C at ${step.name}: exit 130, one line, no PUT, terminal restored`, async () => {
			const api = await fake.start();
			const {session, sttyBefore, sttyAfter} = underStty({apiUrl: api.url});
			await step.reach(session);
			session.write(keys.ctrlC);
			await assertCancelled(session, api, sttyBefore, sttyAfter);
		});
	}

	// A second press that lands after raw mode is off must not become a SIGINT death with "^C" echoed.
	test('Ctrl+C twice quickly (second press 0 to 40 ms after the first): the product itself exits 130 with one line', async () => {
		const api = await fake.start();
		const outcomes: string[] = [];
		for (const delay of [0, 10, 20, 30, 40]) {
			const session = startCli({apiUrl: api.url});
			await toDefaultRole(session);
			session.write(keys.ctrlC);
			await gap(delay);
			session.write(keys.ctrlC);
			const exit = await session.waitForExit();
			const plain = session.plain();
			const clean = exit.exitCode === 130 && exit.signal === undefined && cancelLines(session).length === 1 && !plain.includes('^C') && !stackTrace.test(plain);
			outcomes.push(`${delay} ms: ${clean ? 'clean' : `exit ${JSON.stringify(exit)}, ${cancelLines(session).length} cancel line(s), output ends ${JSON.stringify(plain.slice(-40))}`}`);
		}

		assert.equal(api.puts().length, 0);
		assert.ok(outcomes.every(outcome => outcome.endsWith('clean')), outcomes.join('\n'));
	});

	test('Ctrl+C twice in one read: the same', async () => {
		const api = await fake.start();
		const session = startCli({apiUrl: api.url});
		await toMappingList(session);
		session.write(keys.ctrlC + keys.ctrlC);
		await assertCancelled(session, api);
	});

	test('Ctrl+D in the group-name field cancels the same way', async () => {
		const api = await fake.start();
		const {session, sttyBefore, sttyAfter} = underStty({apiUrl: api.url});
		await toMappingList(session);
		await openHighlightedMapping(session, 'Admin');
		session.write('Some-Group');
		await session.waitFor(/Add: Some-Group▌/);
		session.write(keys.ctrlD);
		await assertCancelled(session, api, sttyBefore, sttyAfter);
	});

	test('Ctrl+C at the "Qovery API token:" prompt: exit 130, no ExitPromptError, no request', async () => {
		const api = await fake.start();
		const {session, sttyBefore, sttyAfter} = underStty({apiUrl: api.url, token: null});
		await onScreen(session, /Qovery API token:/);
		session.write('qov_');
		await session.waitFor(/Qovery API token: \*{4}/);
		session.write(keys.ctrlC);
		await assertCancelled(session, api, sttyBefore, sttyAfter);
		assert.equal(api.requests.length, 0);
		assert.doesNotMatch(session.plain(), /qov_(?!e2e)/, 'the typed token is never echoed');
	});

	test('an error that is not a cancel is reported as an error (exit 1), not as "cancelled"', async () => {
		const api = await fake.start();
		api.inject({method: 'GET', path: `/organization/${demoIds.acme.organization}/enterpriseconnection/acme-okta`, fault: {kind: 'json', body: {connection_name: 'acme-okta', default_role: 42}}});
		const session = startCli({apiUrl: api.url});
		await onScreen(session, screens.organization);
		session.write(keys.enter);
		await onScreen(session, screens.connection);
		session.write(keys.enter);
		await onScreen(session, /loading connection acme-okta failed[\s\S]*wrong\s+shape[\s\S]*q quits/);
		assert.match(session.text(), /Nothing was sent/);
		session.write('q');
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 1, session.plain());
		assert.doesNotMatch(session.plain(), /Cancelled/);
		assert.match(session.plain(), /Nothing was saved\./);
		assert.doesNotMatch(session.plain(), stackTrace);
		assert.equal(api.puts().length, 0);
	});
});

describe('C06: a multi-line paste never answers the following prompts', {timeout: 180_000}, () => {
	const fake = useFake();
	const state = () => demoWithOkta(okta => {
		(okta.group_mappings as Record<string, string[]>).admin = ['Cloud-Admins'];
	});

	for (const [name, paste] of [
		['plain bytes', 'Platform-Admins\nDevOps\ny\ny\n'],
		['a bracketed paste', '\u001B[200~Platform-Admins\nDevOps\ny\ny\n\u001B[201~'],
	] as const) {
		test(`"Platform-Admins, DevOps, y, y" as ${name} at admin's groups: two groups, no "y", nothing answered, nothing sent`, async () => {
			const initial = state();
			const loaded = oktaOf(initial);
			const api = await fake.start(initial);
			const session = startCli({apiUrl: api.url});
			await toMappingList(session);
			assert.match(highlighted(session) ?? '', /^Admin +Cloud-Admins/);
			await openHighlightedMapping(session, 'Admin');
			session.write(paste);
			await session.waitFor(/• DevOps/);
			// A letter typed after the paste lands in the field: every pasted
			// byte was handled before it and the group editor is still active.
			session.write('Z');
			await session.waitFor(/Add: Z▌/);
			session.write(keys.backspace);
			await session.waitFor(/❯ Add: Group-A, Group-B/);

			// Still on the group editor: the "y" lines answered nothing.
			assert.equal(stepTitle(session), 'Step 5 of 6: Group mappings');
			assert.match(session.text(), /Groups for Admin \(3\)/);
			assert.match(session.text(), /• Cloud-Admins\n +• Platform-Admins\n +• DevOps/);
			assert.doesNotMatch(session.text(), /• y$/m);
			assert.match(session.text(), /❯ Add: Group-A, Group-B/, 'the field is empty again');
			assert.equal(api.puts().length, 0);

			session.write(keys.enter);
			await onScreen(session, /Admin +Cloud-Admins, Platform-Admins, DevOps/);
			session.write('c');
			await onScreen(session, screens.review);
			const review = session.text();
			assert.match(review, /~ Admin:\n +\+ Platform-Admins\n +\+ DevOps/);
			assert.doesNotMatch(review, /\+ y$/m);
			assert.equal(api.puts().length, 0, 'no PUT when the review appears');
			session.write(keys.enter);
			await onScreen(session, screens.result);
			session.write(keys.enter);
			assert.equal((await session.waitForExit()).exitCode, 0);
			assert.deepEqual(api.puts()[0]?.body, {
				...loaded,
				group_mappings: {...loaded.group_mappings, admin: ['Cloud-Admins', 'Platform-Admins', 'DevOps']},
			});
		});
	}

	// Ink hands a read of plain keys ("\r\r\r") over as one string.
	test('Enters bunched in one read at the group-sync step answer it once and never the next screen', async () => {
		const api = await fake.start(state());
		const session = startCli({apiUrl: api.url});
		await toDefaultRole(session);
		session.write(keys.enter);
		await onScreen(session, screens.groupSync);
		session.write('\r\r\r');
		await onScreen(session, screens.mappingList, 3000);
		// A Down typed afterwards moves the list's highlight: the list, not an editor, has the keys.
		session.write(keys.down);
		await session.waitFor(/❯ DevOps/);
		assert.match(session.text(), /Group mappings \(4 roles\)/, 'the list is shown, no editor was opened by the extra Enters');
		assert.doesNotMatch(session.text(), /Groups for/);
		assert.equal(api.puts().length, 0);
	});
});
