/**
 * Any terminal: every step of the wizard in a real pseudo-terminal under a
 * locale that is not UTF-8, bare consoles (TERM=linux, TERM=dumb), NO_COLOR,
 * a very small terminal (60x15) and a very wide one (200x50).
 *
 * One session walks every step (organization, connection, default role,
 * group sync, mapping list (as loaded), role picker, group editor, review, typed
 * confirmation, result) and keeps a snapshot of each; the checks run on
 * the snapshots and on the raw output. The help of the mapping list is
 * opened and closed on the way.
 *
 * node-pty sets TERM from its `name` option, which test/helpers/pty.ts fixes
 * to xterm-256color, so TERM given in `env` never reaches the CLI: the TERM
 * cases export it in the sh script that starts the CLI, and print it first
 * so the test can see which TERM the CLI got.
 *
 * A test marked todo asserts the right behaviour and fails on the product
 * as it is; its reason says what goes wrong.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import type {FakeApi} from '../../source/fake/server.js';
import {useFake} from '../helpers/fake-per-test.js';
import {demoIds} from '../helpers/fake-states.js';
import {type PtyOptions, type PtySession, stackTrace, startCli} from '../helpers/pty.js';
import {stripAnsi} from '../helpers/screen.js';
import {escapeRegExp, keys} from '../helpers/wizard-driver.js';

const {acme} = demoIds;

/** What the wizard draws its marks with, in each kind of terminal. */
type Look = {pointer: string; arrow: string; warning: string; ellipsis: string; separator: string; crumb: string; more: {up: string; down: string}; tick: string; bullet: string};

const unicodeLook: Look = {pointer: '❯', arrow: '→', warning: '⚠', ellipsis: '…', separator: ' · ', crumb: ' › ', more: {up: '↑', down: '↓'}, tick: '✔', bullet: '•'};
const asciiLook: Look = {pointer: '>', arrow: '->', warning: '!', ellipsis: '...', separator: ' | ', crumb: ' > ', more: {up: '^', down: 'v'}, tick: 'v', bullet: '*'};

type Colours = 'any' | 'sixteen' | 'none';

type Terminal = {
	name: string;
	/** Added to the environment the CLI starts with. */
	env?: Record<string, string | undefined>;
	/** TERM for the CLI (exported by the sh script that starts it). */
	term?: string;
	look: Look;
	colours: Colours;
};

const terminals: Terminal[] = [
	{name: 'LANG=C LC_ALL=C', env: {LANG: 'C', LC_ALL: 'C'}, look: asciiLook, colours: 'any'},
	{name: 'TERM=linux with a UTF-8 locale', term: 'linux', look: asciiLook, colours: 'sixteen'},
	{name: 'TERM=dumb', term: 'dumb', look: asciiLook, colours: 'none'},
	{name: 'NO_COLOR with a UTF-8 locale', env: {NO_COLOR: '1'}, look: unicodeLook, colours: 'none'},
];

const {start: startFake} = useFake();

function startIn(terminal: Pick<Terminal, 'env' | 'term'>, api: FakeApi, size: {columns?: number; rows?: number} = {}): PtySession {
	const options: PtyOptions = {apiUrl: api.url, env: terminal.env, ...size};
	if (terminal.term !== undefined) {
		options.shell = `export TERM=${terminal.term}; printf 'term=%s\\n' "$TERM"; exec "$NODE" "$CLI"`;
	}

	return startCli(options);
}

type StepName = 'organization' | 'connection' | 'defaultRole' | 'groupSync' | 'mappingList' | 'help' | 'rolePicker' | 'rolePickerFiltered' | 'groupEditor' | 'review' | 'typedConfirm' | 'result';

type Walk = {snapshots: Partial<Record<StepName, string>> & Record<Exclude<StepName, 'help'>, string>; body: unknown};

const expectedBody = {
	connection_name: 'acme-okta',
	default_role: 'billing',
	enforce_group_sync: true,
	group_mappings: {
		devops: ['DevOps', 'SRE'],
		[acme.securityAuditor]: ['SecOps'],
		[acme.deletedRole]: ['Old-Team'],
		[acme.releaseManager]: ['Releasers'],
	},
};

/**
 * Acme Corp → acme-okta → default role Billing → sync on → remove Admin's
 * mapping → add Release Manager with "Releasers" → review → the typed
 * confirmation (sync on and no group maps to admin) → result. Every wait is
 * on a step's own text, so it works whatever the size and the marks.
 */
async function walkEveryStep(session: PtySession, api: FakeApi, look: Look, {help = true} = {}): Promise<Walk> {
	const snapshots = {} as Walk['snapshots'];
	const pointer = escapeRegExp(look.pointer);
	const take = async (name: StepName, pattern: RegExp) => {
		await session.waitFor(pattern);
		snapshots[name] = session.text();
	};

	await take('organization', new RegExp(`Step 1 of 6: Organization[\\s\\S]*${pointer} Acme Corp`));
	session.write(keys.enter);
	await take('connection', new RegExp(`Step 2 of 6: Connection[\\s\\S]*${pointer} acme-okta`));
	session.write(keys.enter);
	await session.waitFor(new RegExp(`Step 3 of 6: Default role[\\s\\S]*${pointer} Viewer \\(current\\)`));
	session.write(keys.up);
	await take('defaultRole', new RegExp(`Step 3 of 6: Default role[\\s\\S]*${pointer} Billing`));
	session.write(keys.enter);
	await session.waitFor(new RegExp(`Step 4 of 6: Enforced group sync[\\s\\S]*${pointer} Off \\(current\\)`));
	session.write(keys.up);
	await take('groupSync', new RegExp(`Step 4 of 6: Enforced group sync[\\s\\S]*${pointer} On`));
	session.write(keys.enter);
	await take('mappingList', new RegExp(`Step 5 of 6: Group mappings[\\s\\S]*${pointer} Admin +Platform-Admins`));
	session.write('d');
	await session.waitFor(/Step 5 of 6: Group mappings[\s\S]*Group mappings \(3 roles\)/);
	if (help) {
		session.write('?');
		await take('help', /Keys on this step[\s\S]*Nothing is sent before you confirm on the review\./);
		session.write('?');
		await session.waitFor(/Group mappings \(3 roles\)/);
	}

	session.write('a');
	await take('rolePicker', /Which role should IdP groups map to\?[\s\S]*\(7 of 7\)/);
	session.write('Release');
	await take('rolePickerFiltered', new RegExp(`Filter: Release {2}\\(1 of 7\\)[\\s\\S]*${pointer} Release Manager`));
	session.write(keys.enter);
	await session.waitFor(/Groups for Release Manager/);
	session.write('Releasers');
	await session.waitFor(/Add: Releasers/);
	session.write(keys.enter);
	await take('groupEditor', /Added 1: Releasers\./);
	session.write(keys.enter);
	await session.waitFor(/Group mappings \(4 roles\)/);
	session.write('c');
	await take('review', /Step 6 of 6: Review[\s\S]*Send these changes\?/);
	assert.equal(api.puts().length, 0);
	session.write(keys.enter);
	await session.waitFor(/Confirm a risky change[\s\S]*Type the connection name/);
	session.write('acme-okta');
	await take('typedConfirm', new RegExp(`^${pointer} acme-okta`, 'm'));
	session.write(keys.enter);
	await take('result', /Result[\s\S]*Saved\. The server now holds for acme-okta/);
	session.write(keys.enter);
	const exit = await session.waitForExit();
	assert.equal(exit.exitCode, 0, session.plain());
	assert.doesNotMatch(session.plain(), stackTrace);
	const puts = api.puts();
	assert.equal(puts.length, 1);
	return {snapshots, body: puts[0]!.body};
}

/** Characters of 128 and above, with where they are. */
function nonAscii(text: string): string[] {
	const found: string[] = [];
	for (const [index, line] of text.split('\n').entries()) {
		for (const character of line) {
			if (character.codePointAt(0)! >= 128) {
				found.push(`${JSON.stringify(character)} on line ${index + 1}: ${line}`);
			}
		}
	}

	return found;
}

/** SGR sequences that set a colour: 30-39, 40-49, 90-97, 100-107, and 38/48 (256 colours, true colour). */
function colourCodes(raw: string): string[] {
	const found: string[] = [];
	for (const match of raw.matchAll(/\u001B\[([\d;:]*)m/g)) {
		const params = match[1]!.split(/[;:]/).filter(Boolean).map(Number);
		if (params.some(code => (code >= 30 && code <= 49) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107))) {
			found.push(JSON.stringify(match[0]));
		}
	}

	return [...new Set(found)];
}

/** 256-colour and true-colour sequences (38;5, 38;2, 48;5, 48;2). */
function extendedColourCodes(raw: string): string[] {
	return [...new Set([...raw.matchAll(/\u001B\[[\d;:]*[34]8[;:][25][\d;:]*m/g)].map(match => JSON.stringify(match[0])))];
}

/**
 * The text of each run of output written without a cursor move or line
 * break in between: Ink writes one row at a time from the first column, so
 * none may be wider than the terminal.
 */
function writtenRows(raw: string): string[] {
	return stripAnsi(raw.replace(/\u001B\[[\d;?]*[A-HJKSTdf]|\r\n|\r|\n/g, '\n')).split('\n').filter(row => row !== '');
}

/** The footer: the last line with text on it. */
function footer(screen: string): {line: string; index: number} {
	const lines = screen.split('\n');
	let index = lines.length - 1;
	while (index > 0 && lines[index]!.trim() === '') {
		index--;
	}

	return {line: lines[index]!, index};
}

function linesOf(screen: string): string[] {
	return screen.split('\n');
}

/** The diff and the selection say what they mean with marks, not colour alone. */
function assertMarks(walk: Walk, look: Look): void {
	const {snapshots} = walk;
	const pointerRow = (screen: string, text: string) => linesOf(screen).some(line => line.startsWith(`${look.pointer} ${text}`));
	assert.ok(pointerRow(snapshots.organization, 'Acme Corp'), snapshots.organization);
	assert.ok(pointerRow(snapshots.connection, 'acme-okta'), snapshots.connection);
	assert.ok(pointerRow(snapshots.defaultRole, 'Billing'), snapshots.defaultRole);
	assert.ok(linesOf(snapshots.defaultRole).some(line => line.startsWith('  Viewer (current)')), 'the current value is marked in words');
	assert.ok(pointerRow(snapshots.groupSync, 'On'), snapshots.groupSync);
	assert.ok(linesOf(snapshots.groupSync).some(line => line.startsWith('  Off (current)')));
	assert.ok(pointerRow(snapshots.mappingList, 'Admin'), snapshots.mappingList);
	assert.ok(pointerRow(snapshots.rolePicker, 'Admin'), snapshots.rolePicker);
	assert.ok(pointerRow(snapshots.rolePickerFiltered, 'Release Manager'), snapshots.rolePickerFiltered);
	assert.ok(pointerRow(snapshots.groupEditor, 'Add:'), snapshots.groupEditor);
	assert.match(snapshots.groupEditor, new RegExp(`^ {2}${escapeRegExp(look.bullet)} Releasers$`, 'm'));
	assert.match(snapshots.groupEditor, new RegExp(`^${escapeRegExp(look.tick)} Added 1: Releasers\\.$`, 'm'));
	assert.match(snapshots.mappingList, new RegExp(`^ {2}${escapeRegExp(look.warning)} unknown role 9b2f4c1e${escapeRegExp(look.ellipsis)} +Old-Team$`, 'm'));
	assert.ok(linesOf(snapshots.typedConfirm).some(line => line.startsWith(`${look.pointer} acme-okta`)), snapshots.typedConfirm);
	assert.match(snapshots.result, new RegExp(`^${escapeRegExp(look.tick)} Saved\\. The server now holds for acme-okta:$`, 'm'));

	// The review: + added, - removed, ~ changed, the warning marked too.
	const review = snapshots.review;
	const arrow = escapeRegExp(look.arrow);
	assert.match(review, new RegExp(`^${escapeRegExp(look.warning)} Group sync is enforced and no IdP group maps to admin`, 'm'));
	assert.match(review, new RegExp(`^~ default role: Viewer ${arrow} Billing$`, 'm'));
	assert.match(review, new RegExp(`^~ enforce group sync: off ${arrow} on$`, 'm'));
	assert.match(review, /^- Admin: mapping removed\n {4}- Platform-Admins$/m);
	assert.match(review, new RegExp(`^\\+ Release Manager \\(${acme.releaseManager}\\): new mapping\\n {4}\\+ Releasers$`, 'm'));
	assert.match(snapshots.typedConfirm, new RegExp(`^${escapeRegExp(look.warning)} Group sync is enforced and no IdP group maps to admin`, 'm'));

	// Breadcrumb and footer separators.
	assert.match(snapshots.review, new RegExp(`^qovery-sso${escapeRegExp(look.crumb)}Acme Corp${escapeRegExp(look.crumb)}acme-okta$`, 'm'));
	assert.ok(footer(snapshots.result).line.includes(`Enter/q exit${look.separator}? help${look.separator}Ctrl+C quit`), footer(snapshots.result).line);
}

describe('non-UTF-8 locales, bare consoles and NO_COLOR', {timeout: 120_000}, () => {
	for (const terminal of terminals) {
		test(`${terminal.name}: every step, marks instead of colour, the exact body`, async () => {
			const api = await startFake();
			const session = startIn(terminal, api);
			const walk = await walkEveryStep(session, api, terminal.look);
			assert.deepEqual(walk.body, expectedBody);

			if (terminal.term !== undefined) {
				assert.ok(session.plain().startsWith(`term=${terminal.term}\r\n`), 'the CLI ran with the TERM under test');
			}

			assertMarks(walk, terminal.look);

			if (terminal.look === asciiLook) {
				for (const [name, screen] of Object.entries(walk.snapshots)) {
					assert.deepEqual(nonAscii(screen), [], `${name} shows only ASCII:\n${screen}`);
				}

				assert.deepEqual(nonAscii(stripAnsi(session.raw)), [], 'the raw output, escape codes aside, is ASCII');
				for (const screen of Object.values(walk.snapshots)) {
					assert.doesNotMatch(screen, /[─│┌┐└┘╭╮╰╯]/, 'no box-drawing border');
				}
			}

			if (terminal.colours === 'none') {
				assert.deepEqual(colourCodes(session.raw), [], 'no colour codes at all');
			}

			if (terminal.colours === 'sixteen') {
				assert.deepEqual(extendedColourCodes(session.raw), [], 'no 256-colour or true-colour codes');
			}
		});
	}

	test('LANG=C: whole-screen snapshots of the steps that do not move', async () => {
		const api = await startFake();
		const session = startIn({env: {LANG: 'C', LC_ALL: 'C'}}, api);
		const {snapshots} = await walkEveryStep(session, api, asciiLook);
		const trimmed = (screen: string) => screen.trimEnd();

		assert.equal(trimmed(snapshots.organization), [
			'qovery-sso',
			'Step 1 of 6: Organization',
			'',
			'Filter: type to filter  (2 of 2)',
			'',
			`> Acme Corp  ${acme.organization}`,
			`  Globex Labs  ${demoIds.globex.organization}`,
			...Array.from({length: 14}, () => ''),
			'type filter | Up/Down move | Enter choose | Esc clear/quit | ? help...',
		].join('\n'));

		assert.equal(trimmed(snapshots.mappingList), [
			'qovery-sso > Acme Corp > acme-okta',
			'Step 5 of 6: Group mappings',
			'',
			'Group mappings (4 roles):',
			'',
			'> Admin                       Platform-Admins',
			'  DevOps                      DevOps, SRE',
			'  Security Auditor            SecOps',
			'  ! unknown role 9b2f4c1e...  Old-Team',
			'  + Add a mapping',
			'  * Copy from another connection...',
			'  -> Continue to review',
			'',
			'! marks a role key this organization no longer has: d removes it.',
			...Array.from({length: 7}, () => ''),
			'Enter edit | / find | a add | d del | u undo | c done | t copy | Esc back...',
		].join('\n'));

		assert.equal(trimmed(snapshots.review), [
			'qovery-sso > Acme Corp > acme-okta',
			'Step 6 of 6: Review',
			'',
			'Changes to send (j shows the exact JSON):',
			'',
			'! Group sync is enforced and no IdP group maps to admin: at their next sign-in',
			'  every SSO user loses admin; members of mapped groups get those roles and',
			'  everyone else, admins included, gets the default role Billing.',
			`! A mapping is for role key ${acme.deletedRole}, which is no`,
			'  longer among this organization\'s roles (a deleted custom role?).',
			'',
			'~ default role: Viewer -> Billing',
			'~ enforce group sync: off -> on',
			'- Admin: mapping removed',
			'    - Platform-Admins',
			`+ Release Manager (${acme.releaseManager}): new mapping`,
			'    + Releasers',
			'',
			'Send these changes? Enter sends, Esc goes back to edit.',
			'',
			'',
			'Enter send | j JSON body | PgUp/PgDn scroll | Esc back | q quit | ? help...',
		].join('\n'));

		assert.equal(trimmed(snapshots.result), [
			'qovery-sso > Acme Corp > acme-okta',
			'Result',
			'',
			'v Saved. The server now holds for acme-okta:',
			'  default role: Billing',
			'  enforce group sync: on',
			'  group mappings: 4 roles, 5 groups',
			...Array.from({length: 14}, () => ''),
			'Enter/q exit | ? help | Ctrl+C quit',
		].join('\n'));
	});

	for (const [name, env] of [
		['LANG=POSIX', {LANG: 'POSIX', LC_ALL: undefined}],
		['LC_ALL=C over a UTF-8 LANG', {LANG: 'en_US.UTF-8', LC_ALL: 'C'}],
		['LC_CTYPE=C with nothing else', {LANG: undefined, LC_ALL: undefined, LC_CTYPE: 'C'}],
	] as const) {
		test(`${name}: ASCII from the first screen`, async () => {
			const api = await startFake();
			const session = startIn({env}, api);
			await session.waitFor(/Step 1 of 6: Organization[\s\S]*> Acme Corp[\s\S]*\.\.\./);
			session.write(keys.enter);
			await session.waitFor(/Step 2 of 6: Connection[\s\S]*> acme-okta/);
			assert.match(session.text(), /^qovery-sso > Acme Corp$/m);
			session.write(keys.ctrlC);
			const exit = await session.waitForExit();
			assert.equal(exit.exitCode, 130);
			assert.deepEqual(nonAscii(stripAnsi(session.raw)), []);
			assert.equal(api.puts().length, 0);
		});
	}
});

describe('very small (60x15) and very wide (200x50) terminals', {timeout: 120_000}, () => {
	for (const [name, terminal] of [['UTF-8', {env: {}, look: unicodeLook}], ['LANG=C', {env: {LANG: 'C', LC_ALL: 'C'}, look: asciiLook}]] as const) {
		test(`60x15, ${name}: every step keeps its footer; what is cut ends with the ellipsis; lists say there is more`, async () => {
			const api = await startFake();
			const session = startIn({env: terminal.env}, api, {columns: 60, rows: 15});
			// The help is left out here: see the known defects below.
			const {snapshots, body} = await walkEveryStep(session, api, terminal.look, {help: false});
			assert.deepEqual(body, expectedBody);
			const {ellipsis, more} = terminal.look;
			const cut = (line: string) => line.endsWith(ellipsis);

			for (const [step, screen] of Object.entries(snapshots)) {
				const {line, index} = footer(screen);
				assert.equal(index, 12, `${step}: the footer is on the third row from the bottom:\n${screen}`);
				assert.ok(line.endsWith('Ctrl+C quit') || cut(line), `${step}: the footer is whole or ends with ${ellipsis}: ${line}`);
				assert.ok(stringWidth(line) <= 59, `${step}: the footer fits: ${line}`);
				assert.match(linesOf(screen)[1]!, /^(Step \d of 6: |Result$|Confirm a risky change$)/, `${step}: the step title is on the second row`);
				for (const row of linesOf(screen)) {
					assert.ok(stringWidth(row) <= 60, `${step}: ${row}`);
				}
			}

			for (const row of writtenRows(session.raw)) {
				assert.ok(stringWidth(row) <= 60, `a row wider than the terminal was written: ${JSON.stringify(row)}`);
			}

			// Rows cut to the width end with the ellipsis.
			const syncRows = linesOf(snapshots.groupSync).filter(line => /^. (On|Off)/.test(line));
			assert.equal(syncRows.length, 2);
			for (const row of syncRows) {
				assert.ok(cut(row), `cut with ${ellipsis}: ${row}`);
			}

			const release = linesOf(snapshots.rolePickerFiltered).find(line => line.includes('Release Manager'))!;
			assert.ok(cut(release) && release.startsWith(`${terminal.look.pointer} Release Manager  custom role 7e2f8b3c`), release);
			assert.ok(linesOf(snapshots.mappingList).some(line => line.startsWith(`${terminal.look.warning} marks a role key`) && cut(line)), snapshots.mappingList);
			assert.ok(cut(footer(snapshots.review).line), footer(snapshots.review).line);

			// Lists taller than the room left say how much is below.
			const below = (screen: string) => linesOf(screen).some(line => new RegExp(`^ {2}${escapeRegExp(more.down)} \\d+ more`).test(line));
			assert.ok(below(snapshots.defaultRole), snapshots.defaultRole);
			assert.ok(below(snapshots.mappingList), snapshots.mappingList);
			assert.ok(below(snapshots.rolePicker), snapshots.rolePicker);
			assert.match(snapshots.review, new RegExp(`^ {2}${escapeRegExp(more.down)} \\d+ more lines? \\(PgDn\\)$`, 'm'));
			assert.match(snapshots.review, /Send these changes\? Enter sends, Esc goes back to edit\./, 'the question stays in view');

			// Wrapped, not cut: the whole danger is there to read before typing the name.
			const danger = linesOf(snapshots.typedConfirm).slice(3, 8).map(line => line.trim()).join(' ');
			assert.match(danger, /no IdP group maps to admin: at their next sign-in every SSO user loses admin; members of mapped groups get those roles and everyone else, admins included, gets the default role Billing\./);
			assert.match(snapshots.typedConfirm, /Type the connection name acme-okta to send anyway:/);
		});
	}

	test('200x50: every step on one screen, no row wider than 200, nothing cut or wrapped but the long warning', async () => {
		const api = await startFake();
		const session = startIn({}, api, {columns: 200, rows: 50});
		const {snapshots, body} = await walkEveryStep(session, api, unicodeLook);
		assert.deepEqual(body, expectedBody);

		for (const [step, screen] of Object.entries(snapshots)) {
			const {line, index} = footer(screen);
			assert.equal(index, 47, `${step}: the footer is on the third row from the bottom:\n${screen}`);
			assert.ok(line.endsWith('Ctrl+C quit'), `${step}: the whole footer: ${line}`);
			assert.ok(!line.endsWith('…'));
			assert.match(linesOf(screen)[1]!, /^(Step \d of 6: |Result$|Confirm a risky change$)/, `${step}: the step title is on the second row`);
			for (const row of linesOf(screen)) {
				assert.ok(stringWidth(row) <= 200, `${step}: ${row}`);
			}
		}

		for (const row of writtenRows(session.raw)) {
			assert.ok(stringWidth(row) <= 200, `a row wider than the terminal was written: ${JSON.stringify(row)}`);
		}

		// Lists whole, no "more" marks, rows whole.
		for (const step of ['organization', 'connection', 'defaultRole', 'groupSync', 'mappingList', 'rolePicker'] as const) {
			assert.doesNotMatch(snapshots[step], /^ {2}[↑↓] \d+ more/m, `${step} shows all its rows`);
		}

		assert.equal(linesOf(snapshots.defaultRole).filter(line => /^. \S.* {2}(basic|custom)$/.test(line)).length, 7);
		assert.ok(linesOf(snapshots.groupSync).some(line => line === '  Off (current)  no sync: roles stay as set in Qovery, mappings ignored'));
		assert.ok(linesOf(snapshots.rolePicker).some(line => line === `  Release Manager  custom role ${acme.releaseManager}`));
		assert.ok(linesOf(snapshots.mappingList).some(line => line === `${unicodeLook.warning} marks a role key this organization no longer has: d removes it.`));
		assert.match(snapshots.groupEditor, new RegExp(`^Groups for Release Manager \\(${acme.releaseManager}\\) \\(1\\)$`, 'm'));

		// The review: the one line longer than 200 columns wraps at a space, its continuation indented under the text.
		const review = linesOf(snapshots.review);
		const first = review.findIndex(line => line.startsWith('⚠ Group sync is enforced'));
		assert.ok(first !== -1 && stringWidth(review[first]!) <= 199, review[first]);
		assert.match(review[first + 1]!, /^ {2}\S/);
		assert.equal(`${review[first]} ${review[first + 1]!.trim()}`, '⚠ Group sync is enforced and no IdP group maps to admin: at their next sign-in every SSO user loses admin; members of mapped groups get those roles and everyone else, admins included, gets the default role Billing.');
		assert.ok(review.includes(`⚠ A mapping is for role key ${acme.deletedRole}, which is no longer among this organization's roles (a deleted custom role?).`));
		assert.doesNotMatch(snapshots.review, /more lines/);
	});
});

describe('the template\'s screens, and known defects', {timeout: 120_000}, () => {
	/** Globex Labs → mappings → t → Acme Corp → acme-okta → the unresolved role → the picker → Drop → the summary. */
	type TemplateShots = Record<'organization' | 'connection' | 'unresolved' | 'picker' | 'summary', string>;

	async function walkTemplate(session: PtySession, look: Look): Promise<TemplateShots> {
		const pointer = escapeRegExp(look.pointer);
		const shots = {} as TemplateShots;
		await session.waitFor(new RegExp(`Step 1 of 6[\\s\\S]*${pointer} Acme Corp`));
		session.write(keys.down);
		await session.waitFor(new RegExp(`${pointer} Globex Labs`));
		session.write(keys.enter);
		await session.waitFor(/Step 3 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 4 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 5 of 6/);
		session.write('t');
		await session.waitFor(/Copy the SSO settings of a connection from which\s+organization\?/);
		shots.organization = session.text();
		session.write(keys.enter);
		await session.waitFor(/Which connection of\s+Acme Corp\?/);
		shots.connection = session.text();
		session.write(keys.enter);
		await session.waitFor(/no\s+single\s+match/);
		shots.unresolved = session.text();
		session.write(keys.enter);
		await session.waitFor(/Which role of Globex Labs should take/);
		shots.picker = session.text();
		// "Drop" may come first (the picker then opens on it) or last.
		if (!linesOf(session.text()).some(line => line.startsWith(`${look.pointer} Drop `))) {
			session.write('\u001B[F');
			await session.waitFor(new RegExp(`${pointer} Drop unknown role`));
		}

		session.write(keys.enter);
		await session.waitFor(/The draft becomes:/);
		shots.summary = session.text();
		return shots;
	}

	test('LANG=C: the template\'s screens are ASCII too', async () => {
		const api = await startFake();
		const session = startIn({env: {LANG: 'C', LC_ALL: 'C'}}, api);
		const shots = await walkTemplate(session, asciiLook);
		for (const [name, screen] of Object.entries(shots)) {
			assert.deepEqual(nonAscii(screen), [], `${name}:\n${screen}`);
		}

		assert.deepEqual(nonAscii(stripAnsi(session.raw)), []);
	});

	test('60x15: the template picker\'s question, cut, ends with the ellipsis', async () => {
		const api = await startFake();
		const session = startIn({}, api, {columns: 60, rows: 15});
		const shots = await walkTemplate(session, unicodeLook);
		const question = linesOf(shots.picker).find(line => line.startsWith('Which role of Globex Labs'))!;
		assert.ok(question.endsWith('…'), question);
	});

	test('60x15: the help of the mapping list is readable, or says that more is there', async () => {
		const api = await startFake();
		const session = startIn({}, api, {columns: 60, rows: 15});
		await session.waitFor(/Step 1 of 6[\s\S]*❯ Acme Corp/);
		session.write(keys.enter);
		await session.waitFor(/Step 2 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 3 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 4 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 5 of 6[\s\S]*Group mappings \(4 roles\)/);
		session.write('?');
		await session.waitFor(/Keys on this step/);
		const screen = session.text();
		assert.match(screen, /^Keys on this step \(\? or Esc closes this help\):$/m);
		const shown = ['Enter', 'a', 'd', 'u', 'c', 't', 'Esc'].filter(key => new RegExp(`^ {2}${escapeRegExp(key)} +\\S`, 'm').test(screen));
		assert.ok(shown.length === 7 || /[↓] \d+ more/.test(screen), `every key, or a mark that more is below:\n${screen}`);
	});

	test('60x15, LANG=C: the group editor of a custom role with more groups than fit', async () => {
		const api = await startFake();
		const session = startIn({env: {LANG: 'C', LC_ALL: 'C'}}, api, {columns: 60, rows: 15});
		await session.waitFor(/Step 1 of 6[\s\S]*> Acme Corp/);
		session.write(keys.enter);
		await session.waitFor(/Step 2 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 3 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 4 of 6/);
		session.write(keys.enter);
		await session.waitFor(/Step 5 of 6/);
		session.write('a');
		await session.waitFor(/Which role should IdP groups map to\?/);
		session.write('Release');
		await session.waitFor(/> Release Manager/);
		session.write(keys.enter);
		await session.waitFor(/Groups for Release Manager/);
		const long = 'A-very-long-group-name-that-will-not-fit-in-sixty-columns-at-all';
		session.write(`${long},B,C,D,E`);
		// The field shows the end of what was typed, cut in front with ASCII dots.
		await session.waitFor(/> Add: \.\.\.[\w-]*columns-at-all,B,C,D,E_/);
		session.write(keys.enter);
		await session.waitFor(/Added 5/);
		const screen = session.text();
		assert.doesNotMatch(screen, /more\S/, `a "more" mark runs into other text:\n${screen}`);
		assert.match(screen, new RegExp(`\\(${acme.releaseManager.slice(0, 8)}`), 'the title is whole');

		for (let index = 0; index < 5; index++) {
			session.write(keys.up);
		}

		await session.waitFor(/> \* A-very-long/);
		const row = linesOf(session.text()).find(line => line.startsWith('> * A-very-long'))!;
		assert.ok(row.endsWith('...'), row);
		assert.deepEqual(nonAscii(stripAnsi(session.raw)), []);
	});
});
