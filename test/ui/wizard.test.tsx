import '../helpers/force-color.js';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {createClient} from '../../source/api/client.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {type FakeState, startFakeApi} from '../../source/fake/server.js';
import type {WizardOutcome} from '../../source/ui/outcome.js';
import {createTheme, type Theme, ThemeContext} from '../../source/ui/theme.js';
import {Wizard} from '../../source/ui/Wizard.js';
import {prefetch} from '../../source/ui/prefetch.js';
import type {Organization} from '../../source/model/connection.js';
import {DOWN, ENTER, ESC, renderInk, type RenderedInk, stripAnsi, tick, UP} from '../helpers/render.js';

// The wizard reads no settings, but nothing here may ever reach the real home.
const configDir = mkdtempSync(path.join(tmpdir(), 'qovery-sso-wizard-test-'));
process.env.QOVERY_SSO_CONFIG_DIR = configDir;
after(() => rmSync(configDir, {recursive: true, force: true}));

const {acme, globex} = demoIds;

async function session(t: TestContext, options: {state?: FakeState; selection?: {organization?: string; connection?: string}; theme?: Theme} = {}) {
	const fake = await startFakeApi({state: options.state ?? demoState()});
	t.after(async () => fake.close());
	const api = createClient({apiUrl: fake.url, token: 'qov_t', timeoutMs: 5000});
	const outcomes: WizardOutcome[] = [];
	const wizard = <Wizard api={api} selection={options.selection} onExit={outcome => outcomes.push(outcome)} />;
	const ui = renderInk(options.theme ? <ThemeContext.Provider value={options.theme}>{wizard}</ThemeContext.Provider> : wizard);
	t.after(() => ui.unmount());
	return {fake, ui, outcomes};
}

async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out waiting for ${what}`);
		}

		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** The frame with wrapped lines joined again. */
function unwrapped(frame: string): string {
	return frame.replace(/ *\n/g, ' ');
}

/** At 24 rows (the fallback when the stream has none) a frame may use 23. */
function assertFramesFit(ui: RenderedInk): void {
	for (const frame of ui.allFrames()) {
		assert.ok(frame.split('\n').length <= 23, `a frame has ${frame.split('\n').length} lines:\n${frame}`);
	}
}

/** Organization list to the default role of acme-okta. */
async function toDefaultRole(ui: RenderedInk): Promise<void> {
	await ui.waitForFrame('Step 1 of 6: Organization');
	await ui.waitForFrame('Globex Labs');
	await ui.press(ENTER);
	await ui.waitForFrame('Step 2 of 6: Connection');
	await ui.waitForFrame('acme-entra');
	await ui.press(ENTER);
	await ui.waitForFrame('Step 3 of 6: Default role');
	await ui.waitForFrame('Contractor');
}

describe('Wizard against the fake API', () => {
	test('a full session: org, connection, default role, sync on, a new mapping, review, send', async t => {
		const {fake, ui, outcomes} = await session(t);
		let frame = await ui.waitForFrame('Globex Labs');
		assert.match(frame, /^qovery-sso\nStep 1 of 6: Organization\n/);
		assert.match(frame, /❯ Acme Corp/);
		await ui.press(ENTER);

		frame = await ui.waitForFrame('acme-entra');
		assert.match(frame, /^qovery-sso › Acme Corp\nStep 2 of 6: Connection\n/);
		await ui.press(ENTER);

		frame = await ui.waitForFrame('Contractor');
		assert.match(frame, /^qovery-sso › Acme Corp › acme-okta\nStep 3 of 6: Default role\n/);
		assert.match(frame, /❯ Viewer \(current\)/);
		await ui.press(UP);
		await ui.press(UP);
		await ui.waitForFrame('❯ DevOps');
		await ui.press(ENTER);

		frame = await ui.waitForFrame('Step 4 of 6: Enforced group sync');
		assert.match(frame, /❯ Off \(current\)/);
		await ui.press(UP);
		await ui.waitForFrame('❯ On');
		await ui.press(ENTER);

		frame = await ui.waitForFrame('Step 5 of 6: Group mappings');
		assert.match(frame, /Group mappings \(4 roles\):/);
		await ui.press('a');
		await ui.waitForFrame('Which role should IdP groups map to?');
		await ui.press('release');
		await ui.waitForFrame('(1 of 7)');
		await ui.press(ENTER);
		await ui.waitForFrame('Groups for Release Manager');
		await ui.press('Releasers');
		await ui.waitForFrame('Add: Releasers▌');
		await ui.press(ENTER);
		await ui.waitForFrame('Added 1: Releasers.');
		await ui.press(ENTER);
		frame = await ui.waitForFrame('Group mappings (5 roles):');
		assert.match(frame, /Release Manager +Releasers/);
		await ui.press('c');

		frame = await ui.waitForFrame('Step 6 of 6: Review');
		frame = await ui.waitForFrame('Send these changes?');
		assert.match(frame, /~ default role: Viewer → DevOps/);
		assert.match(frame, /~ enforce group sync: off → on/);
		assert.match(frame, new RegExp(`\\+ Release Manager \\(${acme.releaseManager}\\): new mapping\\n {4}\\+ Releasers`));
		assert.equal(fake.puts().length, 0);
		await ui.press(ENTER);

		frame = await ui.waitForFrame('Saved.');
		assert.match(frame, /✔ Saved\. The server now holds for acme-okta:/);
		assert.match(frame, /default role: DevOps/);
		assert.match(frame, /enforce group sync: on/);
		await ui.press(ENTER);
		await until(() => outcomes.length > 0, 'the outcome');

		const expected = {
			connection_name: 'acme-okta',
			default_role: 'devops',
			enforce_group_sync: true,
			group_mappings: {
				admin: ['Platform-Admins'],
				devops: ['DevOps', 'SRE'],
				[acme.securityAuditor]: ['SecOps'],
				[acme.deletedRole]: ['Old-Team'],
				[acme.releaseManager]: ['Releasers'],
			},
		};
		assert.equal(outcomes.length, 1);
		assert.equal(outcomes[0]!.kind, 'applied');
		const puts = fake.puts();
		assert.equal(puts.length, 1);
		assert.equal(puts[0]!.path, `/organization/${acme.organization}/enterpriseconnection/acme-okta`);
		assert.equal(puts[0]!.scheme, 'Token');
		assert.deepEqual(puts[0]!.body, expected);
		assert.deepEqual(Object.keys(puts[0]!.body as object), ['connection_name', 'default_role', 'enforce_group_sync', 'group_mappings']);
		const applied = outcomes[0]!;
		assert.ok(applied.kind === 'applied');
		assert.deepEqual(applied.sent, expected);
		assert.deepEqual(applied.organization, {id: acme.organization, name: 'Acme Corp'});
		// The re-check before the PUT: a GET of the connection right before it.
		const last = fake.requests.at(-2)!;
		assert.deepEqual([last.method, last.path], ['GET', `/organization/${acme.organization}/enterpriseconnection/acme-okta`]);
		assertFramesFit(ui);
	});

	test('Down Down Enter bunched in one read on the default role chooses two below the current one', async t => {
		const {ui} = await session(t);
		await toDefaultRole(ui);
		await ui.press('\u001B[B\u001B[B\r');
		await ui.waitForFrame('Step 4 of 6: Enforced group sync');
		await ui.press(ESC);
		const frame = await ui.waitForFrame('Step 3 of 6: Default role');
		assert.match(await ui.waitForFrame('Contractor'), /❯ Release Manager/);
		assert.match(frame, /Viewer \(current\)/);
	});

	test('one organization with one connection: both selections skipped', async t => {
		const state = demoState();
		state.organizations = state.organizations.filter(organization => organization.id === globex.organization);
		const {ui, outcomes, fake} = await session(t, {state});
		const frame = await ui.waitForFrame('Data Scientist');
		assert.match(frame, /^qovery-sso › Globex Labs › globex-saml\nStep 3 of 6: Default role\n/);
		assert.match(frame, /❯ DevOps \(current\)/);
		assert.ok(ui.allFrames().every(shown => !/Step [12] of 6/.test(shown)));
		// Nothing before this step: Esc leaves, nothing was changed or sent.
		await ui.press(ESC);
		await until(() => outcomes.length > 0, 'the outcome');
		assert.deepEqual(outcomes, [{kind: 'cancelled', unsent: undefined}]);
		assert.equal(fake.puts().length, 0);
	});

	test('--org naming no visible organization ends on an error naming it', async t => {
		const {ui, outcomes, fake} = await session(t, {selection: {organization: 'Nope'}});
		await until(() => outcomes.length > 0, 'the outcome');
		const outcome = outcomes[0]!;
		assert.equal(outcome.kind, 'failed');
		assert.ok(outcome.kind === 'failed');
		assert.equal(outcome.error.message, 'No organization "Nope" is visible with this token.');
		const frame = await ui.waitForFrame('Nope');
		assert.match(frame, /✖ No organization "Nope" is visible with this token\./);
		assert.match(frame, /Visible: Acme Corp, Globex Labs\./);
		assert.equal(fake.puts().length, 0);
	});

	test('--org by name preselects it, without regard to case', async t => {
		const {ui} = await session(t, {selection: {organization: 'globex labs'}});
		const frame = await ui.waitForFrame('Data Scientist');
		assert.match(frame, /^qovery-sso › Globex Labs › globex-saml\nStep 3 of 6: Default role/);
	});

	test('an organization with no connection gets a clear message', async t => {
		const state: FakeState = {organizations: [{id: 'e0e0e0e0-0000-4000-8000-000000000001', name: 'Empty Org', roles: [], connections: []}]};
		const {ui, outcomes} = await session(t, {state});
		await until(() => outcomes.length > 0, 'the outcome');
		const outcome = outcomes[0]!;
		assert.ok(outcome.kind === 'failed');
		assert.equal(outcome.error.message, 'Organization Empty Org has no enterprise connection.');
		const frame = await ui.waitForFrame('has no enterprise connection');
		assert.match(frame, /✖ Organization Empty Org has no enterprise connection\./);
		assert.match(frame, /Create the SSO connection in the Qovery console first; this tool edits existing ones\./);
	});

	test('a long role list with an unknown default role still shows how many roles are below', async t => {
		const roles = Array.from({length: 30}, (_, index) => ({id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`, name: `Custom Role ${index + 1}`}));
		const state: FakeState = {organizations: [{id: acme.organization, name: 'Acme Corp', roles, connections: [
			{connection_name: 'acme-okta', default_role: acme.deletedRole, enforce_group_sync: false, group_mappings: {}},
		]}]};
		const {ui} = await session(t, {state});
		const frame = await ui.waitForFrame('Custom Role 1');
		assert.match(unwrapped(frame), /is not among this organization's roles: choose one\./);
		assert.match(frame, /↓ \d+ more/);
		assertFramesFit(ui);
	});

	test('Esc back from group sync keeps the chosen default role', async t => {
		const {ui, fake} = await session(t);
		await toDefaultRole(ui);
		await ui.press(UP);
		await ui.press(UP);
		await ui.waitForFrame('❯ DevOps');
		await ui.press(ENTER);
		await ui.waitForFrame('Step 4 of 6: Enforced group sync');
		await ui.press(ESC);
		await ui.waitForFrame('Step 3 of 6: Default role');
		const frame = await ui.waitForFrame('Contractor');
		assert.match(frame, /❯ DevOps {2}/);
		assert.match(frame, /^ {2}Viewer \(current\)/m);
		// Forward again, without touching anything: the change is still there, once.
		await ui.press(ENTER);
		await ui.waitForFrame('Step 4 of 6: Enforced group sync');
		await ui.press(ENTER);
		await ui.waitForFrame('Step 5 of 6: Group mappings');
		await ui.press('c');
		const review = await ui.waitForFrame('Send these changes?');
		assert.equal(review.match(/default role: Viewer → DevOps/g)?.length, 1);
		assert.doesNotMatch(review, /enforce group sync/);
		assert.equal(fake.puts().length, 0);
	});

	test('? opens the help panel and ? closes it', async t => {
		const {ui} = await session(t);
		await toDefaultRole(ui);
		await ui.press('?');
		let frame = await ui.waitForFrame('Keys on this step (? or Esc closes this help):');
		assert.match(frame, /Nothing is sent before you confirm on the review\./);
		assert.match(frame, /Ctrl\+C +quit/);
		assert.doesNotMatch(frame, /Contractor/);
		await ui.press('?');
		frame = await ui.waitForFrame('Contractor');
		assert.doesNotMatch(frame, /Keys on this step/);
		assert.match(frame, /Step 3 of 6: Default role/);
		assert.match(frame, /Filter: type to filter/);
	});

	test('Esc closes the help panel and stays on the step', async t => {
		const {ui} = await session(t);
		await toDefaultRole(ui);
		await ui.press(ENTER);
		await ui.waitForFrame('Step 4 of 6: Enforced group sync');
		await ui.press('?');
		await ui.waitForFrame('Keys on this step');
		await ui.press(ESC);
		await ui.waitForFrame(frame => !frame.includes('Keys on this step'));
		assert.match(ui.frame(), /Step 4 of 6: Enforced group sync/);
	});

	test('keys do not act on the step hidden under the help panel', async t => {
		const {ui} = await session(t);
		await toDefaultRole(ui);
		await ui.press('?');
		await ui.waitForFrame('Keys on this step');
		await ui.press(DOWN + ENTER);
		await ui.press('?');
		await ui.waitForFrame(frame => !frame.includes('Keys on this step'));
		assert.match(ui.frame(), /Step 3 of 6: Default role/);
		assert.match(ui.frame(), /❯ Viewer \(current\)/);
	});

	test('the help panel keeps the place in the list under it', async t => {
		const {ui} = await session(t);
		await toDefaultRole(ui);
		await ui.press(DOWN);
		await ui.waitForFrame('❯ Security Auditor');
		await ui.press('?');
		await ui.waitForFrame('Keys on this step');
		await ui.press('?');
		const frame = await ui.waitForFrame('Contractor');
		assert.match(frame, /❯ Security Auditor/);
	});

	test('without colour or unicode: no colour codes and only ASCII in any frame', async t => {
		const theme = createTheme({unicode: false, color: false, screenReader: false});
		const {ui, outcomes} = await session(t, {theme});
		await ui.waitForFrame('Step 1 of 6: Organization');
		await ui.waitForFrame('Globex Labs');
		await ui.press(ENTER);
		await ui.waitForFrame('acme-entra');
		await ui.press(ENTER);
		await ui.waitForFrame('Contractor');
		await ui.press(UP);
		await ui.press(ENTER);
		await ui.waitForFrame('Step 4 of 6');
		await ui.press(UP);
		await ui.press(ENTER);
		await ui.waitForFrame('Step 5 of 6');
		await ui.press(DOWN);
		await ui.press(ENTER);
		await ui.waitForFrame('Groups for DevOps');
		await ui.press('Oncall\r');
		await ui.waitForFrame('Added 1');
		await ui.press(ESC);
		await ui.waitForFrame('Group mappings (4 roles)');
		await ui.press('?');
		await ui.waitForFrame('Keys on this step');
		await ui.press('?');
		await ui.waitForFrame('Group mappings (4 roles)');
		await ui.press('c');
		let frame = await ui.waitForFrame('Send these changes?');
		assert.match(frame, /^qovery-sso > Acme Corp > acme-okta$/m);
		assert.match(frame, /~ default role: Viewer -> Billing/);
		await ui.press('j');
		await ui.waitForFrame('The exact body of the PUT');
		await ui.press('j');
		await ui.press(ENTER);
		frame = await ui.waitForFrame('Saved.');
		assert.match(frame, /^v Saved\./m);
		await ui.press(ENTER);
		await until(() => outcomes.length > 0, 'the outcome');

		const colour = /\u001B\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
		for (const raw of ui.frames) {
			assert.doesNotMatch(raw, colour, `colour in:\n${raw}`);
			const wide = [...raw].find(char => char.charCodeAt(0) >= 128);
			assert.equal(wide, undefined, `non-ASCII ${JSON.stringify(wide)} in:\n${stripAnsi(raw)}`);
		}

		assertFramesFit(ui);
	});

	test('with the default theme the same screens do carry colour (the check above can fail)', async t => {
		const {ui} = await session(t);
		await ui.waitForFrame('Globex Labs');
		assert.match(ui.lastFrame() ?? '', /\u001B\[3[0-9]m/);
		assert.ok([...(ui.lastFrame() ?? '')].some(char => char.charCodeAt(0) >= 128));
	});
});

describe('Wizard with organizations asked for before it mounted', () => {
	async function mounted(t: TestContext, organizations: Promise<Organization[]>, selection?: {organization?: string}) {
		const fake = await startFakeApi({state: demoState()});
		t.after(async () => fake.close());
		const api = createClient({apiUrl: fake.url, token: 'qov_t', timeoutMs: 5000});
		const ahead = prefetch(organizations);
		await tick();
		const ui = renderInk(<Wizard api={api} organizations={ahead} selection={selection} onExit={() => {}} />);
		t.after(() => ui.unmount());
		return {fake, ui};
	}

	const acmeAndGlobex: Organization[] = [{id: acme.organization, name: 'Acme Corp'}, {id: globex.organization, name: 'Globex Labs'}];

	test('an answer already there is in the first frame: no loading frame, no second request', async t => {
		const {fake, ui} = await mounted(t, Promise.resolve(acmeAndGlobex));
		const first = ui.allFrames()[0] ?? '';
		assert.match(first, /Step 1 of 6: Organization[\s\S]*Acme Corp[\s\S]*Globex Labs/);
		assert.doesNotMatch(ui.allFrames().join('\n'), /Loading organizations/);
		assert.equal(fake.requests.filter(request => request.path === '/organization').length, 0);
	});

	test('an answer still on its way shows the loading frame, then the list, from the same request', async t => {
		let answer: (organizations: Organization[]) => void = () => {};
		const {fake, ui} = await mounted(t, new Promise(resolve => {
			answer = resolve;
		}));
		assert.match(ui.allFrames()[0] ?? '', /Loading organizations/);
		answer(acmeAndGlobex);
		await ui.waitForFrame('Globex Labs');
		assert.equal(fake.requests.filter(request => request.path === '/organization').length, 0);
	});

	test('an early answer with a preselected organization goes straight on to its connection', async t => {
		const {ui} = await mounted(t, Promise.resolve(acmeAndGlobex), {organization: 'Globex Labs'});
		assert.doesNotMatch(ui.allFrames()[0] ?? '', /Step 1 of 6/);
		// Globex has one connection, which is then taken without asking.
		await ui.waitForFrame(/Globex Labs › globex-saml[\s\S]*Step 3 of 6: Default role/);
	});

	test('an early answer the wizard refuses (no organization at all) is still reported, not drawn as a list', async t => {
		const {ui} = await mounted(t, Promise.resolve([]));
		await ui.waitForFrame(/The token can see no organization/);
	});

	test('a failed early request is reported and a retry asks again', async t => {
		const {fake, ui} = await mounted(t, Promise.reject(new Error('the connection was refused')));
		await ui.waitForFrame(/the connection was refused/);
		await ui.press('r');
		await ui.waitForFrame('Globex Labs');
		assert.equal(fake.requests.filter(request => request.path === '/organization').length, 1);
	});
});

describe('Wizard in a terminal too small for its steps', () => {
	function resize(ui: RenderedInk, columns: number, rows: number) {
		Object.defineProperty(ui.stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(ui.stdout, 'rows', {value: rows, configurable: true});
		ui.stdout.emit('resize');
	}

	test('waits for a larger window with every edit kept, and keys wait too', async t => {
		const {ui, outcomes} = await session(t);
		await ui.waitForFrame('Globex Labs');
		await ui.press('glo');
		await ui.waitForFrame('Filter: glo');
		resize(ui, 40, 12);
		const small = await ui.waitForFrame(/needs\s+at\s+least\s+60x15/);
		assert.match(small, /This\s+terminal\s+is\s+40x12;\s+the\s+wizard\s+needs\s+at\s+least\s+60x15\.\s+Make\s+it\s+larger\s+to\s+go\s+on:\s+nothing\s+is\s+lost\.\s+Ctrl\+C\s+quits\./);
		assert.doesNotMatch(small, /\n /, 'no line starts with a stray space');
		assert.doesNotMatch(small, /Globex Labs/);
		await ui.press('x');
		await ui.press(ENTER);
		resize(ui, 80, 24);
		const back = await ui.waitForFrame('Globex Labs');
		assert.match(back, /Filter: glo {2}\(1 of 2\)/);
		assert.deepEqual(outcomes, [], 'the Enter typed while it was too small chose nothing');
	});

	test('Ctrl+C still quits while it waits', async t => {
		const {ui, outcomes} = await session(t);
		await ui.waitForFrame('Globex Labs');
		resize(ui, 50, 10);
		await ui.waitForFrame(/needs\s+at\s+least\s+60x15/);
		await ui.press('\u0003');
		await ui.waitForFrame(() => outcomes.length === 1);
		assert.equal(outcomes[0]?.kind, 'cancelled');
	});
});
