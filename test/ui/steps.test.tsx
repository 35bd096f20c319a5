import '../helpers/force-color.js';
import {createKeyAssembler} from '../../source/terminal/key-assembler.js';
import assert from 'node:assert/strict';
import {describe, test, type TestContext} from 'node:test';
import {useState, type ReactElement} from 'react';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {startFakeApi} from '../../source/fake/server.js';
import type {GroupMappings, LoadedConnection} from '../../source/model/connection.js';
import {diffConnection} from '../../source/model/diff.js';
import {applyEdit, applyEdits, type Draft, draftFromConnection, type Edit} from '../../source/model/draft.js';
import {buildPutBody} from '../../source/model/body.js';
import {RoleCatalog} from '../../source/model/roles.js';
import {warningsFor} from '../../source/model/warnings.js';
import {InputRouter} from '../../source/ui/hooks/use-step-input.js';
import {UsageError} from '../../source/ui/outcome.js';
import {detectCaps} from '../../source/ui/terminal-caps.js';
import {createTheme, ThemeContext} from '../../source/ui/theme.js';
import {ConnectionStep} from '../../source/ui/steps/ConnectionStep.js';
import {DefaultRoleStep} from '../../source/ui/steps/DefaultRoleStep.js';
import {DoneStep} from '../../source/ui/steps/DoneStep.js';
import {DriftStep} from '../../source/ui/steps/DriftStep.js';
import {FailedStep} from '../../source/ui/steps/FailedStep.js';
import {GroupEditor} from '../../source/ui/steps/GroupEditor.js';
import {GroupSyncStep} from '../../source/ui/steps/GroupSyncStep.js';
import {MappingsStep, type MappingsMode} from '../../source/ui/steps/MappingsStep.js';
import {OrganizationStep} from '../../source/ui/steps/OrganizationStep.js';
import {ReviewStep} from '../../source/ui/steps/ReviewStep.js';
import {TemplateStep} from '../../source/ui/steps/TemplateStep.js';
import {TypedConfirmStep} from '../../source/ui/steps/TypedConfirmStep.js';
import {BACKSPACE, CTRL_F1, DELETE, DOWN, END, ENTER, ESC, PAGE_DOWN, PAGE_UP, renderInk, UP} from '../helpers/render.js';

const {acme} = demoIds;

const catalog = new RoleCatalog([
	{id: 'b0000001-0000-4000-8000-000000000001', name: 'Admin'},
	{id: 'b0000002-0000-4000-8000-000000000002', name: 'DevOps'},
	{id: 'b0000003-0000-4000-8000-000000000003', name: 'Billing'},
	{id: 'b0000004-0000-4000-8000-000000000004', name: 'Viewer'},
	{id: acme.securityAuditor, name: 'Security Auditor'},
	{id: acme.releaseManager, name: 'Release Manager'},
	{id: acme.contractor, name: 'Contractor'},
]);

function okta(): LoadedConnection {
	return {
		connection_name: 'acme-okta',
		default_role: 'viewer',
		enforce_group_sync: false,
		group_mappings: {
			admin: ['Platform-Admins'],
			devops: ['DevOps', 'SRE'],
			[acme.securityAuditor]: ['SecOps'],
			[acme.deletedRole]: ['Old-Team'],
		},
	};
}

/** A step as the wizard shows it: under the router its keys go through. */
function mount(t: TestContext, element: ReactElement) {
	const ui = renderInk(<InputRouter>{element}</InputRouter>);
	t.after(() => ui.unmount());
	return ui;
}

/** The frame with wrapped lines joined again, for checks on messages. */
function unwrap(frame: string): string {
	return frame.replace(/ *\n/g, ' ');
}

/** The frame's line that contains `text`, for checks on one row. */
function lineWith(frame: string, text: string): string | undefined {
	return frame.split('\n').find(line => line.includes(text));
}

describe('OrganizationStep', () => {
	const organizations = [
		{id: acme.organization, name: 'Acme Corp'},
		{id: demoIds.globex.organization, name: 'Globex Labs'},
		{id: 'c3c3c3c3-0000-4000-8000-000000000003', name: 'Initech'},
	];

	function setup(t: TestContext, current?: string) {
		const chosen: string[] = [];
		let backs = 0;
		const ui = mount(t, <OrganizationStep organizations={organizations} current={current} height={10} onChoose={org => chosen.push(org.name)} onBack={() => backs++} />);
		return {ui, chosen, backs: () => backs};
	}

	test('lists every organization with its id, the first selected', async t => {
		const {ui} = setup(t);
		const frame = await ui.waitForFrame('Initech');
		assert.match(frame, /Filter: type to filter {2}\(3 of 3\)/);
		assert.equal(lineWith(frame, 'Acme Corp'), `❯ Acme Corp  ${acme.organization}`);
		assert.equal(lineWith(frame, 'Globex Labs'), `  Globex Labs  ${demoIds.globex.organization}`);
	});

	test('typing narrows the list, Enter chooses the match', async t => {
		const {ui, chosen} = setup(t);
		await ui.press('glo');
		const frame = await ui.waitForFrame('(1 of 3)');
		assert.match(frame, /Filter: glo/);
		assert.doesNotMatch(frame, /Acme Corp|Initech/);
		assert.match(frame, /❯ Globex Labs/);
		await ui.press(ENTER);
		assert.deepEqual(chosen, ['Globex Labs']);
	});

	test('the filter matches the id too', async t => {
		const {ui} = setup(t);
		await ui.press('c3c3');
		const frame = await ui.waitForFrame('(1 of 3)');
		assert.match(frame, /❯ Initech/);
	});

	test('a filter with no match says so', async t => {
		const {ui, chosen} = setup(t);
		await ui.press('umbrella');
		await ui.waitForFrame('No organization matches "umbrella".');
		await ui.press(ENTER);
		assert.deepEqual(chosen, []);
	});

	test('arrows move, Enter chooses the selected one', async t => {
		const {ui, chosen} = setup(t);
		await ui.press(DOWN);
		await ui.press(DOWN);
		await ui.press(UP);
		await ui.waitForFrame('❯ Globex Labs');
		await ui.press(ENTER);
		assert.deepEqual(chosen, ['Globex Labs']);
	});

	test('Backspace edits the filter', async t => {
		const {ui} = setup(t);
		await ui.press('acmx');
		await ui.waitForFrame('(0 of 3)');
		await ui.press(BACKSPACE);
		await ui.waitForFrame('Filter: acm  (1 of 3)');
	});

	test('Esc first clears the filter, then goes back', async t => {
		const {ui, backs} = setup(t);
		await ui.press('glo');
		await ui.waitForFrame('(1 of 3)');
		await ui.press(ESC);
		await ui.waitForFrame('type to filter');
		assert.equal(backs(), 0);
		await ui.press(ESC);
		await ui.waitForFrame(() => backs() === 1);
	});

	test('a name and Enter in one read choose the match', async t => {
		const {ui, chosen} = setup(t);
		await ui.press('initech\r');
		assert.deepEqual(chosen, ['Initech']);
	});

	test('the current organization is preselected', async t => {
		const {ui} = setup(t, demoIds.globex.organization);
		await ui.waitForFrame('❯ Globex Labs');
	});
});

describe('ConnectionStep', () => {
	const connections: LoadedConnection[] = [
		okta(),
		{connection_name: 'acme-entra', default_role: 'viewer', enforce_group_sync: true, group_mappings: {admin: ['x']}},
		{connection_name: 'acme-legacy', default_role: 'viewer', enforce_group_sync: undefined, group_mappings: {}},
	];

	function setup(t: TestContext, current?: string) {
		const chosen: string[] = [];
		let backs = 0;
		const ui = mount(t, <ConnectionStep connections={connections} current={current} height={10} onChoose={name => chosen.push(name)} onBack={() => backs++} />);
		return {ui, chosen, backs: () => backs};
	}

	test('each connection shows its sync and how many roles it maps', async t => {
		const {ui} = setup(t);
		const frame = await ui.waitForFrame('acme-legacy');
		assert.equal(lineWith(frame, 'acme-okta'), '❯ acme-okta  sync off, 4 mapped roles');
		assert.equal(lineWith(frame, 'acme-entra'), '  acme-entra  sync on, 1 mapped role');
		assert.equal(lineWith(frame, 'acme-legacy'), '  acme-legacy  sync unknown, 0 mapped roles');
	});

	test('Down and Enter choose the second connection', async t => {
		const {ui, chosen} = setup(t);
		await ui.press(DOWN);
		await ui.press(ENTER);
		assert.deepEqual(chosen, ['acme-entra']);
	});

	test('typing filters', async t => {
		const {ui, chosen} = setup(t);
		await ui.press('leg');
		await ui.waitForFrame('(1 of 3)');
		await ui.press(ENTER);
		assert.deepEqual(chosen, ['acme-legacy']);
	});

	test('the current connection is preselected; Esc goes back', async t => {
		const {ui, backs} = setup(t, 'acme-entra');
		await ui.waitForFrame('❯ acme-entra');
		await ui.press(ESC);
		await ui.waitForFrame(() => backs() === 1);
	});
});

describe('DefaultRoleStep', () => {
	function setup(t: TestContext, current: string, loadedRole = current) {
		const chosen: string[] = [];
		let backs = 0;
		const ui = mount(t, <DefaultRoleStep catalog={catalog} current={current} loadedRole={loadedRole} height={14} onChoose={key => chosen.push(key)} onBack={() => backs++} />);
		return {ui, chosen, backs: () => backs};
	}

	test('every role is listed; the current one is marked and preselected', async t => {
		const {ui} = setup(t, 'viewer');
		const frame = await ui.waitForFrame('Contractor');
		assert.match(frame, /Users who match no mapped group get this role:/);
		assert.match(lineWith(frame, 'Viewer') ?? '', /^❯ Viewer \(current\) {2}basic/);
		assert.match(lineWith(frame, 'Admin') ?? '', /^ {2}Admin {2}basic/);
		assert.match(lineWith(frame, 'Release Manager') ?? '', /^ {2}Release Manager {2}custom/);
		assert.equal(frame.split('\n').filter(line => line.includes('(current)')).length, 1);
	});

	test('Enter right away keeps the current role', async t => {
		const {ui, chosen} = setup(t, 'viewer');
		await ui.press(ENTER);
		assert.deepEqual(chosen, ['viewer']);
	});

	test('Down Down Enter bunched in one read choose the role two below the current one', async t => {
		const {ui, chosen} = setup(t, 'viewer');
		await ui.waitForFrame('❯ Viewer');
		// Over SSH the three keys often arrive in a single read.
		await ui.press('\u001B[B\u001B[B\r');
		assert.deepEqual(chosen, [acme.releaseManager]);
	});

	test('a role chosen earlier is preselected while the loaded one stays marked current', async t => {
		const {ui} = setup(t, 'devops', 'viewer');
		const frame = await ui.waitForFrame('Contractor');
		assert.match(lineWith(frame, 'DevOps') ?? '', /^❯ DevOps {2}basic/);
		assert.match(lineWith(frame, 'Viewer') ?? '', /^ {2}Viewer \(current\) {2}basic/);
	});

	test('typing filters by name', async t => {
		const {ui, chosen} = setup(t, 'viewer');
		await ui.press('audit');
		await ui.waitForFrame('(1 of 7)');
		await ui.press(ENTER);
		assert.deepEqual(chosen, [acme.securityAuditor]);
	});

	test('a current role the organization no longer has is flagged', async t => {
		const {ui} = setup(t, acme.deletedRole);
		const frame = await ui.waitForFrame('Contractor');
		assert.match(unwrap(frame), new RegExp(`⚠ The current default role ${acme.deletedRole} is not among this organization's roles: choose one\\.`));
	});

	test('Esc goes back', async t => {
		const {ui, backs} = setup(t, 'viewer');
		await ui.press(ESC);
		await ui.waitForFrame(() => backs() === 1);
	});
});

describe('GroupSyncStep', () => {
	function setup(t: TestContext, current: boolean | undefined, loaded: boolean | undefined = current) {
		const chosen: boolean[] = [];
		let backs = 0;
		const ui = mount(t, <GroupSyncStep current={current} loaded={loaded} height={10} onChoose={enabled => chosen.push(enabled)} onBack={() => backs++} />);
		return {ui, chosen, backs: () => backs};
	}

	test('the current value is marked and preselected', async t => {
		const {ui} = setup(t, false);
		const frame = await ui.waitForFrame('Off');
		assert.match(frame, /Enforce group sync\?/);
		assert.match(lineWith(frame, 'Off') ?? '', /^❯ Off \(current\) {2}no sync/);
		assert.match(lineWith(frame, 'On ') ?? '', /^ {2}On {2}roles follow IdP groups/);
		assert.doesNotMatch(frame, /did not report/);
	});

	test('Enter keeps it, Up Enter turns it on', async t => {
		const {ui, chosen} = setup(t, false);
		await ui.press(ENTER);
		await ui.press(UP);
		await ui.press(ENTER);
		assert.deepEqual(chosen, [false, true]);
	});

	test('on is preselected when on', async t => {
		const {ui, chosen} = setup(t, true);
		await ui.waitForFrame('❯ On (current)');
		await ui.press(ENTER);
		assert.deepEqual(chosen, [true]);
	});

	test('unknown: a warning, no value marked current', async t => {
		const {ui} = setup(t, undefined);
		const frame = await ui.waitForFrame('Off');
		assert.match(frame, /⚠ The server did not report this setting \(unknown\): choose on or off explicitly\./);
		assert.doesNotMatch(frame, /\(current\)/);
	});

	test('unknown then chosen earlier: the choice is preselected, still nothing marked current', async t => {
		const chosen: boolean[] = [];
		const ui = mount(t, <GroupSyncStep current={false} loaded={undefined} height={10} onChoose={enabled => chosen.push(enabled)} onBack={() => {}} />);
		const frame = await ui.waitForFrame('❯ Off');
		assert.doesNotMatch(frame, /\(current\)/);
	});

	test('Esc goes back', async t => {
		const {ui, backs} = setup(t, false);
		await ui.press(ESC);
		await ui.waitForFrame(() => backs() === 1);
	});
});

/** MappingsStep with the state the wizard would hold around it. */
type MappingsLog = {continued: number; templates: number; backs: number; edits: Edit[]};

function MappingsHarness({initial, log}: {initial: GroupMappings; log: MappingsLog}) {
	const base = draftFromConnection({...okta(), group_mappings: initial});
	const [edits, setEdits] = useState<Edit[]>([]);
	const [mode, setMode] = useState<MappingsMode>({kind: 'list'});
	const [place, setPlace] = useState<string | undefined>();
	const draft = edits.reduce(applyEdit, base);
	log.edits = edits;
	return (
		<MappingsStep
			mappings={draft.mappings}
			catalog={catalog}
			height={16}
			columns={100}
			mode={mode}
			onMode={setMode}
			place={place}
			onPlace={setPlace}
			onEdit={edit => setEdits(current => [...current, edit])}
			onUndo={() => setEdits(current => current.slice(0, -1))}
			onContinue={() => log.continued++}
			onTemplate={() => log.templates++}
			onBack={() => log.backs++}
		/>
	);
}

describe('MappingsStep', () => {
	function setup(t: TestContext, initial: GroupMappings = okta().group_mappings) {
		const log: MappingsLog = {continued: 0, templates: 0, backs: 0, edits: []};
		const ui = mount(t, <MappingsHarness initial={initial} log={log} />);
		return {ui, log};
	}

	test('the list shows each role with its groups, an unknown key flagged', async t => {
		const {ui} = setup(t);
		const frame = await ui.waitForFrame('Continue to review');
		assert.match(frame, /Group mappings \(4 roles\):/);
		assert.match(lineWith(frame, 'Platform-Admins') ?? '', /^❯ Admin +Platform-Admins$/);
		assert.match(lineWith(frame, 'SRE') ?? '', /^ {2}DevOps +DevOps, SRE$/);
		assert.match(lineWith(frame, 'SecOps') ?? '', /^ {2}Security Auditor +SecOps$/);
		assert.match(lineWith(frame, 'Old-Team') ?? '', /^ {2}⚠ unknown role 9b2f4c1e\S* +Old-Team$/);
		assert.match(frame, /\+ Add a mapping/);
		assert.match(frame, /⚠ marks a role key this organization no longer has/);
	});

	test('no mappings at all says so, with Add selected', async t => {
		const {ui} = setup(t, {});
		const frame = await ui.waitForFrame('Continue to review');
		assert.match(frame, /No group mappings yet\./);
		assert.match(frame, /❯ \+ Add a mapping/);
	});

	test('d on the unknown role removes its mapping', async t => {
		const {ui, log} = setup(t);
		await ui.press(DOWN + DOWN + DOWN);
		await ui.waitForFrame(/❯ ⚠ unknown role/);
		await ui.press('d');
		const frame = await ui.waitForFrame('Group mappings (3 roles):');
		assert.doesNotMatch(frame, /Old-Team|unknown role/);
		assert.deepEqual(log.edits, [{type: 'remove-mapping', role: acme.deletedRole}]);
	});

	test('d on Add or Continue removes nothing', async t => {
		const {ui, log} = setup(t);
		await ui.press(DOWN + DOWN + DOWN + DOWN);
		await ui.waitForFrame('❯ + Add a mapping');
		await ui.press('d');
		await ui.press(END);
		await ui.waitForFrame('❯ → Continue to review');
		await ui.press('d');
		assert.deepEqual(log.edits, []);
		await ui.waitForFrame('Group mappings (4 roles):');
	});

	test('a adds a mapping: pick a role, type its groups, finish; u undoes', async t => {
		const {ui, log} = setup(t);
		await ui.press('a');
		let frame = await ui.waitForFrame('Which role should IdP groups map to?');
		assert.match(lineWith(frame, 'Admin') ?? '', /already mapped: 1 group$/);
		await ui.press('release');
		await ui.waitForFrame('(1 of 7)');
		await ui.press(ENTER);
		await ui.waitForFrame('Groups for Release Manager');
		await ui.press('Releasers, Release-Leads');
		await ui.press(ENTER);
		await ui.waitForFrame('Added 2: Releasers, Release-Leads.');
		await ui.press(ENTER);
		frame = await ui.waitForFrame('Group mappings (5 roles):');
		assert.match(lineWith(frame, 'Releasers') ?? '', /Release Manager +Releasers, Release-Leads$/);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: acme.releaseManager, groups: ['Releasers', 'Release-Leads']}]);
		await ui.press('u');
		frame = await ui.waitForFrame('Group mappings (4 roles):');
		assert.doesNotMatch(frame, /Releasers/);
		assert.deepEqual(log.edits, []);
	});

	test('a opens the role picker on the first role, wherever the list cursor was', async t => {
		const {ui} = setup(t);
		await ui.press(END);
		await ui.waitForFrame('❯ → Continue to review');
		await ui.press('a');
		const frame = await ui.waitForFrame('Which role should IdP groups map to?');
		assert.match(frame, /^❯ Admin/m);
	});

	test('Esc while picking a role goes back to the list', async t => {
		const {ui, log} = setup(t);
		await ui.press('a');
		await ui.waitForFrame('Which role should IdP groups map to?');
		await ui.press(ESC);
		await ui.waitForFrame('Group mappings (4 roles):');
		assert.equal(log.backs, 0);
	});

	test('Enter on a role edits its groups', async t => {
		const {ui, log} = setup(t);
		await ui.press(DOWN + ENTER);
		const frame = await ui.waitForFrame('Groups for DevOps');
		assert.match(frame, /Groups for DevOps \(2\)/);
		assert.match(frame, /• DevOps/);
		assert.match(frame, /• SRE/);
		await ui.press('Oncall\r');
		await ui.waitForFrame('Added 1: Oncall.');
		await ui.press(ESC);
		await ui.waitForFrame(/DevOps +DevOps, SRE, Oncall/);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['Oncall']}]);
	});

	test('c continues, Esc goes back', async t => {
		const {ui, log} = setup(t);
		await ui.press('c');
		assert.equal(log.continued, 1);
		await ui.press(ESC);
		await ui.waitForFrame(() => log.backs === 1);
	});

	test('Enter on Continue continues', async t => {
		const {ui, log} = setup(t, {});
		await ui.press(END);
		await ui.waitForFrame('❯ → Continue to review');
		await ui.press(ENTER);
		assert.equal(log.continued, 1);
	});

	test('u with nothing to undo does nothing', async t => {
		const {ui, log} = setup(t);
		await ui.press('u');
		assert.deepEqual(log.edits, []);
		await ui.waitForFrame('Group mappings (4 roles):');
	});
});

/** GroupEditor with the groups held as the wizard would hold them. */
function EditorHarness({initial, log}: {initial: string[]; log: {done: number; edits: Edit[]}}) {
	const [draft, setDraft] = useState<Draft>({defaultRole: 'viewer', enforceGroupSync: true, mappings: {devops: initial}});
	return (
		<GroupEditor
			role="devops"
			label="DevOps"
			groups={draft.mappings.devops ?? []}
			height={14}
			onEdit={edit => {
				log.edits.push(edit);
				setDraft(current => applyEdit(current, edit));
			}}
			onDone={() => log.done++}
		/>
	);
}

describe('GroupEditor', () => {
	function setup(t: TestContext, initial: string[] = []) {
		const log = {done: 0, edits: [] as Edit[]};
		const ui = mount(t, <EditorHarness initial={initial} log={log} />);
		return {ui, log};
	}

	test('shows the groups, the field and its placeholder', async t => {
		const {ui} = setup(t, ['DevOps', 'SRE']);
		const frame = await ui.waitForFrame('Add:');
		assert.match(frame, /Groups for DevOps \(2\)/);
		assert.match(frame, / {2}• DevOps\n {2}• SRE/);
		assert.match(frame, /❯ Add: Group-A, Group-B \(Enter alone when done\)▌/);
	});

	test('a value longer than the row shows its end and the cursor, cut in front with the theme\'s ellipsis', async t => {
		const {ui, log} = setup(t);
		const long = `${'Start-'.repeat(20)}the-end-is-here`;
		await ui.press(long);
		const frame = await ui.waitForFrame('the-end-is-here▌');
		const row = lineWith(frame, 'Add:')!;
		assert.match(row, /^❯ Add: …(Start-)*.*the-end-is-here▌$/);
		assert.ok(row.length <= 99, `${row.length} columns: ${row}`);
		assert.ok(!row.includes(long), 'the start of the value is cut off');
		await ui.press(ENTER);
		await ui.waitForFrame('Added 1');
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: [long]}]);
	});

	test('without unicode the cut field uses "..." (never Ink\'s "…")', async t => {
		const log = {done: 0, edits: [] as Edit[]};
		const ascii = createTheme(detectCaps({LANG: 'C', TERM: 'xterm'}));
		const ui = mount(t, <ThemeContext.Provider value={ascii}><EditorHarness initial={[]} log={log} /></ThemeContext.Provider>);
		await ui.press('x'.repeat(150));
		const frame = await ui.waitForFrame(/Add: \.\.\.x+_/);
		assert.doesNotMatch(frame, /…/);
	});

	test('"A, B" then Enter adds two groups', async t => {
		const {ui, log} = setup(t);
		await ui.press('A, B');
		await ui.waitForFrame('Add: A, B▌');
		await ui.press(ENTER);
		const frame = await ui.waitForFrame('✔ Added 2: A, B.');
		assert.match(frame, /Groups for DevOps \(2\)/);
		assert.match(frame, /• A\n.*• B/);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['A', 'B']}]);
	});

	test('names typed before a multi-line paste keep their commas as separators', async t => {
		const {ui, log} = setup(t);
		await ui.press('Typed-A, Typed-B');
		await ui.waitForFrame('Add: Typed-A, Typed-B▌');
		await ui.press('Pasted-C\nPasted-D\n');
		const frame = await ui.waitForFrame('Added 4');
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['Typed-A', 'Typed-B', 'Pasted-C', 'Pasted-D']}]);
		assert.match(frame, /• Typed-A\n.*• Typed-B\n.*• Pasted-C\n.*• Pasted-D/);
	});

	test('a multi-line paste in one read adds each line and ignores answer-like lines', async t => {
		const {ui, log} = setup(t);
		await ui.press('Platform-Admins\nDevOps\ny\ny\n');
		const frame = await ui.waitForFrame('Added 2');
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['Platform-Admins', 'DevOps']}]);
		assert.match(frame, /Added 2: Platform-Admins, DevOps\./);
		assert.match(unwrap(frame), /Ignored pasted line\(s\) "y", "y": they look like answers to a prompt/);
		assert.match(frame, /Groups for DevOps \(2\)/);
		assert.equal(log.done, 0);
	});

	test('Enter on an empty field finishes', async t => {
		const {ui, log} = setup(t, ['DevOps']);
		await ui.press(ENTER);
		assert.equal(log.done, 1);
		assert.deepEqual(log.edits, []);
	});

	test('spaces only and Enter is refused as empty, not a finish', async t => {
		const {ui, log} = setup(t);
		await ui.press('   ');
		await ui.press(ENTER);
		await ui.waitForFrame('✖ A group name cannot be empty.');
		assert.equal(log.done, 0);
		assert.deepEqual(log.edits, []);
	});

	test('Up then Delete removes the last group', async t => {
		const {ui, log} = setup(t, ['DevOps', 'SRE']);
		await ui.press(UP);
		await ui.waitForFrame('❯ • SRE  (Del removes)');
		await ui.press(DELETE);
		const frame = await ui.waitForFrame('Removed "SRE".');
		assert.match(frame, /Groups for DevOps \(1\)/);
		assert.doesNotMatch(frame, /• SRE/);
		assert.deepEqual(log.edits, [{type: 'remove-group', role: 'devops', group: 'SRE'}]);
	});

	test('Up Up then Backspace removes the first group', async t => {
		const {ui, log} = setup(t, ['DevOps', 'SRE']);
		await ui.press(UP);
		await ui.press(UP);
		await ui.waitForFrame('❯ • DevOps');
		await ui.press(BACKSPACE);
		await ui.waitForFrame('Removed "DevOps".');
		assert.deepEqual(log.edits, [{type: 'remove-group', role: 'devops', group: 'DevOps'}]);
	});

	test('Backspace on the field edits the text', async t => {
		const {ui, log} = setup(t);
		await ui.press('Opsx');
		await ui.press(BACKSPACE);
		await ui.waitForFrame('Add: Ops▌');
		await ui.press(ENTER);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['Ops']}]);
	});

	test('a group already there is skipped and said so', async t => {
		const {ui, log} = setup(t, ['DevOps']);
		await ui.press('DevOps, SRE\r');
		await ui.waitForFrame('Added 1: SRE. 1 already listed, skipped.');
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['SRE']}]);
	});

	test('control characters typed are ignored', async t => {
		const {ui, log} = setup(t);
		await ui.press('A');
		await ui.press('\u0001\u0002');
		await ui.press('\u0007');
		await ui.press('B');
		await ui.waitForFrame('Add: AB▌');
		await ui.press(ENTER);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['AB']}]);
	});

	// Ink 6.8 throws on ESC[1;5P and types ESC[1;2P as text: the key assembler
	// in front of Ink (as in the CLI) drops both before Ink sees them.
	test('Ctrl+F1 (ESC [ 1 ; 5 P) is ignored', async t => {
		const {ui, log} = setup(t);
		await ui.press('X');
		await ui.press(throughAssembler(CTRL_F1));
		await ui.press('Y');
		await ui.waitForFrame('Add: XY▌');
		await ui.press(ENTER);
		assert.deepEqual(log.edits, [{type: 'add-groups', role: 'devops', groups: ['XY']}]);
	});

	test('Shift+F1 (ESC [ 1 ; 2 P) is not typed into the field', async t => {
		const {ui} = setup(t);
		await ui.press('X');
		await ui.press(throughAssembler('\u001B[1;2P'));
		await ui.press('Y');
		await ui.waitForFrame('Add: XY▌', 500);
	});

	test('Esc finishes, keeping what was added', async t => {
		const {ui, log} = setup(t);
		await ui.press('Ops\r');
		await ui.waitForFrame('Added 1');
		await ui.press(ESC);
		await ui.waitForFrame(() => log.done === 1);
		assert.equal(log.edits.length, 1);
	});
});

describe('TemplateStep', () => {
	const acmeOrg = {id: acme.organization, name: 'Acme Corp'};
	const globexOrg = {id: demoIds.globex.organization, name: 'Globex Labs'};

	async function setup(t: TestContext) {
		const state = demoState();
		// A Globex connection whose custom role has no namesake in Acme.
		state.organizations[1]!.connections.push({
			connection_name: 'globex-science',
			default_role: 'viewer',
			enforce_group_sync: true,
			group_mappings: {admin: ['Globex Admins'], [demoIds.globex.dataScientist]: ['Scientists']},
		});
		const fake = await startFakeApi({state});
		t.after(async () => fake.close());
		const api = createClient({apiUrl: fake.url, token: 'qov_t', timeoutMs: 5000});
		const applied: Array<{edits: Edit[]; source: string}> = [];
		let backs = 0;
		const ui = mount(t, (
			<TemplateStep api={api} organizations={[acmeOrg, globexOrg]} target={acmeOrg} targetCatalog={catalog} currentConnection="acme-okta" height={14} onApply={(edits, source) => applied.push({edits, source})} onBack={() => backs++} />
		));
		return {ui, applied, backs: () => backs};
	}

	test('copies another organization\'s connection whose roles all match', async t => {
		const {ui, applied} = await setup(t);
		await ui.waitForFrame('Copy the SSO settings of a connection from which organization?');
		await ui.press(DOWN);
		await ui.waitForFrame('❯ Globex Labs');
		await ui.press(ENTER);
		await ui.waitForFrame('Which connection of Globex Labs?');
		await ui.waitForFrame('globex-science');
		await ui.press(ENTER);
		const frame = await ui.waitForFrame('Every role of Globex Labs / globex-saml is matched or dropped.');
		assert.match(frame, /The draft becomes: default role DevOps, sync on, 1 mapped role\./);
		await ui.press(ENTER);
		assert.deepEqual(applied, [{
			source: 'Globex Labs / globex-saml',
			edits: [
				{type: 'set-default-role', role: 'devops'},
				{type: 'set-mappings', mappings: {admin: ['Globex Admins']}},
				{type: 'set-group-sync', enabled: true},
			],
		}]);
	});

	test('the connection being edited is not offered as a source', async t => {
		const {ui} = await setup(t);
		await ui.waitForFrame('from which organization?');
		await ui.press(ENTER);
		const frame = await ui.waitForFrame('acme-entra');
		assert.match(frame, /Which connection of Acme Corp\?/);
		assert.doesNotMatch(frame, /acme-okta/);
	});

	test('a role with no match must be mapped or dropped before anything is applied', async t => {
		const {ui, applied} = await setup(t);
		await ui.waitForFrame('from which organization?');
		await ui.press(DOWN);
		await ui.press(ENTER);
		await ui.waitForFrame('globex-science');
		await ui.press(DOWN);
		await ui.waitForFrame('❯ globex-science');
		await ui.press(ENTER);
		let frame = await ui.waitForFrame('no single match in Acme Corp');
		assert.match(unwrap(frame), /1 role of Globex Labs \/ globex-science has no single match in Acme Corp\./);
		assert.match(frame, /"Data Scientist" {2}mapping: Scientists/);
		await ui.press(ENTER);
		assert.equal(applied.length, 0);
		await ui.waitForFrame('Which role of Acme Corp should take "Data Scientist"?');
		// "Drop" comes first, so a reflex Enter grants nothing; the filter finds the role.
		assert.match(await ui.waitForFrame('❯ Drop'), /❯ Drop "Data Scientist"/);
		await ui.press('contractor');
		await ui.waitForFrame('(1 of 8)');
		await ui.press(ENTER);
		frame = await ui.waitForFrame('is matched or dropped');
		assert.match(frame, /sync on, 2 mapped roles\./);
		await ui.press(ENTER);
		assert.deepEqual(applied[0]?.edits, [
			{type: 'set-default-role', role: 'viewer'},
			{type: 'set-mappings', mappings: {admin: ['Globex Admins'], [acme.contractor]: ['Scientists']}},
			{type: 'set-group-sync', enabled: true},
		]);
	});

	test('Esc on the organization list goes back', async t => {
		const {ui, backs} = await setup(t);
		await ui.waitForFrame('from which organization?');
		await ui.press(ESC);
		await ui.waitForFrame(() => backs() === 1);
	});
});

describe('ReviewStep', () => {
	function setup(t: TestContext, edits: Edit[], options: {height?: number; saveError?: Error; base?: LoadedConnection} = {}) {
		const loaded = options.base ?? okta();
		const draft = applyEdits(loaded, edits);
		const calls: string[] = [];
		const body = buildPutBody(loaded, draft);
		const ui = mount(t, (
			<ReviewStep
				diff={diffConnection(loaded, draft)}
				warnings={warningsFor(draft, catalog)}
				catalog={catalog}
				body={body}
				height={options.height ?? 17}
				columns={100}
				saveError={options.saveError}
				onConfirm={() => calls.push('confirm')}
				onBack={() => calls.push('back')}
				onQuit={() => calls.push('quit')}
			/>
		));
		return {ui, calls, body};
	}

	const edits: Edit[] = [
		{type: 'set-default-role', role: 'devops'},
		{type: 'add-groups', role: 'billing', groups: ['Finance']},
		{type: 'remove-group', role: 'devops', group: 'SRE'},
		{type: 'remove-mapping', role: acme.securityAuditor},
	];

	test('the diff is listed with + - ~ markers and role names', async t => {
		const {ui} = setup(t, edits);
		const frame = await ui.waitForFrame('Send these changes?');
		assert.match(frame, /Changes to send \(j shows the exact JSON\):/);
		const lines = frame.split('\n');
		const start = lines.findIndex(line => line.startsWith('~ default role'));
		assert.deepEqual(lines.slice(start, start + 7), [
			'~ default role: Viewer → DevOps',
			'~ DevOps:',
			'    - SRE',
			`- Security Auditor (${acme.securityAuditor}): mapping removed`,
			'    - SecOps',
			'+ Billing: new mapping',
			'    + Finance',
		]);
	});

	test('warnings come before the diff', async t => {
		const {ui} = setup(t, [{type: 'set-default-role', role: 'devops'}]);
		const frame = await ui.waitForFrame('Send these changes?');
		const warning = frame.indexOf('Group sync is off: Qovery ignores the group mappings');
		assert.ok(warning > 0, frame);
		assert.ok(frame.indexOf(`⚠ A mapping is for role key ${acme.deletedRole}`) > 0, frame);
		assert.ok(warning < frame.indexOf('~ default role'), frame);
	});

	test('no change: says so and that nothing will be sent', async t => {
		const {ui, calls} = setup(t, []);
		const frame = await ui.waitForFrame('No changes');
		assert.match(frame, /✔ No changes: the connection already holds these settings\. Nothing will be sent\./);
		assert.doesNotMatch(frame, /Send these changes/);
		await ui.press('j');
		assert.doesNotMatch(ui.frame(), /exact body/);
		await ui.press(ENTER);
		assert.deepEqual(calls, ['confirm']);
	});

	test('j shows the exact JSON body and j again the diff', async t => {
		const {ui, body} = setup(t, [{type: 'set-default-role', role: 'devops'}], {height: 30});
		await ui.waitForFrame('Send these changes?');
		await ui.press('j');
		const frame = await ui.waitForFrame('The exact body of the PUT (j for the diff):');
		const json = JSON.stringify(body, null, 2).split('\n');
		const lines = frame.split('\n');
		const start = lines.indexOf('{');
		assert.deepEqual(lines.slice(start, start + json.length), json);
		await ui.press('j');
		await ui.waitForFrame('~ default role: Viewer → DevOps');
	});

	test('a long diff scrolls with PgDn and PgUp and says how many lines are hidden', async t => {
		const groups = Array.from({length: 40}, (_, index) => `Team-${String(index + 1).padStart(2, '0')}`);
		const {ui} = setup(t, [{type: 'set-group-sync', enabled: true}, {type: 'add-groups', role: 'billing', groups}], {height: 14});
		let frame = await ui.waitForFrame('more lines (PgDn)');
		assert.doesNotMatch(frame, /Team-40/);
		assert.doesNotMatch(frame, /more lines \(PgUp\)/);
		const hidden = Number(/↓ (\d+) more lines \(PgDn\)/.exec(frame)?.[1]);
		assert.ok(hidden > 20, frame);
		await ui.press(PAGE_DOWN);
		frame = await ui.waitForFrame('more lines (PgUp)');
		const below = Number(/↓ (\d+) more lines \(PgDn\)/.exec(frame)?.[1]);
		assert.ok(below < hidden, frame);
		for (let index = 0; index < 10; index++) {
			await ui.press(PAGE_DOWN);
		}

		frame = await ui.waitForFrame('+ Team-40');
		assert.doesNotMatch(frame, /more lines \(PgDn\)/);
		await ui.press(PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP + PAGE_UP);
		frame = await ui.waitForFrame('more lines (PgDn)');
		assert.doesNotMatch(frame, /more lines \(PgUp\)/);
	});

	test('every frame fits the height it was given', async t => {
		const groups = Array.from({length: 40}, (_, index) => `Team-${index}`);
		const {ui} = setup(t, [{type: 'add-groups', role: 'billing', groups}], {height: 14});
		await ui.waitForFrame('more lines');
		await ui.press(PAGE_DOWN);
		await ui.press('j');
		for (const frame of ui.allFrames()) {
			assert.ok(frame.split('\n').length <= 14, frame);
		}
	});

	test('Enter confirms, Esc goes back, q quits', async t => {
		const {ui, calls} = setup(t, edits);
		await ui.waitForFrame('Send these changes?');
		await ui.press(ENTER);
		await ui.press('q');
		await ui.press(ESC);
		await ui.waitForFrame(() => calls.length === 3);
		assert.deepEqual(calls, ['confirm', 'quit', 'back']);
	});

	test('a failed save is shown above the diff, with its hint and the edits kept', async t => {
		const error = new ApiError('Saving acme-okta', 'server', 'the Qovery API had a problem (HTTP 503)', 'This is on the server side; try again in a moment.', 503);
		const {ui} = setup(t, edits, {saveError: error});
		const frame = await ui.waitForFrame('Send again?');
		assert.match(frame, /✖ Saving acme-okta failed: the Qovery API had a problem \(HTTP 503\)/);
		assert.match(frame, /This is on the server side; try again in a moment\. Your edits are kept: Enter tries again\./);
		assert.match(frame, /~ default role: Viewer → DevOps/);
	});
});

describe('TypedConfirmStep', () => {
	const dangers = [{code: 'admin-lockout' as const, severity: 'danger' as const, message: 'Group sync is enforced and no IdP group maps to admin.'}];

	function setup(t: TestContext) {
		const calls: string[] = [];
		const ui = mount(t, <TypedConfirmStep connectionName="acme-okta" dangers={dangers} onConfirm={() => calls.push('confirm')} onBack={() => calls.push('back')} />);
		return {ui, calls};
	}

	test('shows the danger and asks for the name', async t => {
		const {ui} = setup(t);
		const frame = await ui.waitForFrame('to send anyway');
		assert.match(frame, /⚠ Group sync is enforced and no IdP group maps to admin\./);
		assert.match(frame, /Type the connection name acme-okta to send anyway:/);
	});

	test('a wrong name is refused with a message and the field emptied', async t => {
		const {ui, calls} = setup(t);
		await ui.press('acme-ok');
		await ui.waitForFrame('❯ acme-ok▌');
		await ui.press(ENTER);
		const frame = await ui.waitForFrame('✖ That is not the connection name; nothing was sent.');
		assert.match(frame, /❯ ▌/);
		assert.deepEqual(calls, []);
	});

	test('the right name and Enter confirm', async t => {
		const {ui, calls} = setup(t);
		await ui.press('acme-okta');
		await ui.press(ENTER);
		assert.deepEqual(calls, ['confirm']);
	});

	test('the name and Enter in one read confirm', async t => {
		const {ui, calls} = setup(t);
		await ui.press('acme-okta\r');
		assert.deepEqual(calls, ['confirm']);
	});

	test('a bare Enter does not confirm', async t => {
		const {ui, calls} = setup(t);
		await ui.press(ENTER);
		await ui.waitForFrame('That is not the connection name');
		assert.deepEqual(calls, []);
	});

	test('Esc goes back', async t => {
		const {ui, calls} = setup(t);
		await ui.press(ESC);
		await ui.waitForFrame(() => calls.length === 1);
		assert.deepEqual(calls, ['back']);
	});

	test('a multi-line paste is refused with a word, and confirms nothing', async t => {
		const {ui, calls} = setup(t);
		await ui.press('acme-okta\nacme-okta\n');
		await ui.waitForFrame('✖ Several lines were pasted; type or paste the name alone.');
		assert.deepEqual(calls, []);
	});

	test('a long danger wraps under its text, never starting a line with a stray space', async t => {
		const long = [{code: 'admin-lockout' as const, severity: 'danger' as const, message: `${'Group sync is enforced and no IdP group maps to admin, so every SSO user loses admin rights at the next sign-in. '.repeat(2)}`.trim()}];
		const ui = mount(t, <TypedConfirmStep connectionName="acme-okta" dangers={long} onConfirm={() => {}} onBack={() => {}} />);
		const frame = await ui.waitForFrame('to send anyway');
		const lines = frame.split('\n').slice(0, frame.split('\n').findIndex(line => line.trim() === ''));
		assert.ok(lines.length > 1, frame);
		assert.match(lines[0]!, /^⚠ Group sync/);
		for (const line of lines.slice(1)) {
			assert.match(line, /^ {2}\S/, `continuation: ${JSON.stringify(line)}`);
		}
	});
});

describe('DriftStep', () => {
	const server: LoadedConnection = {...okta(), default_role: 'billing', group_mappings: {...okta().group_mappings, admin: ['Platform-Admins', 'Break-Glass']}};

	function setup(t: TestContext) {
		const calls: string[] = [];
		const ui = mount(t, <DriftStep loaded={okta()} server={server} catalog={catalog} height={14} onReload={() => calls.push('reload')} onQuit={() => calls.push('quit')} />);
		return {ui, calls};
	}

	test('says nothing was sent and what changed on the server', async t => {
		const {ui} = setup(t);
		const frame = await ui.waitForFrame('Changed on the server meanwhile:');
		assert.match(frame, /⚠ The connection changed on the server since you loaded it\. Nothing was sent\./);
		assert.match(frame, /~ default role: Viewer → Billing/);
		assert.match(frame, /~ Admin:\n {4}\+ Break-Glass/);
		assert.match(frame, /r reloads it and re-applies your edits on top \(you review again\); q quits\./);
	});

	test('r reloads, q and Esc quit', async t => {
		const {ui, calls} = setup(t);
		await ui.press('r');
		await ui.press('q');
		await ui.press(ESC);
		await ui.waitForFrame(() => calls.length === 3);
		assert.deepEqual(calls, ['reload', 'quit', 'quit']);
	});
});

describe('DoneStep', () => {
	function setup(t: TestContext, applied: LoadedConnection, sent = applied) {
		let exits = 0;
		const ui = mount(t, <DoneStep applied={applied} sent={{...sent, enforce_group_sync: sent.enforce_group_sync ?? false}} catalog={catalog} onExit={() => exits++} />);
		return {ui, exits: () => exits};
	}

	test('shows what the server now holds', async t => {
		const {ui} = setup(t, {...okta(), default_role: 'devops', enforce_group_sync: true});
		const frame = await ui.waitForFrame('Saved');
		assert.match(frame, /✔ Saved\. The server now holds for acme-okta:/);
		assert.match(frame, / {2}default role: DevOps/);
		assert.match(frame, / {2}enforce group sync: on/);
		assert.match(frame, / {2}group mappings: 4 roles, 5 groups/);
		assert.doesNotMatch(frame, /differs/);
	});

	test('warns when the answer differs from what was sent', async t => {
		const {ui} = setup(t, okta(), {...okta(), default_role: 'admin'});
		await ui.waitForFrame("⚠ The server's answer differs from what was sent; check it with qovery-sso show.");
	});

	test('Enter, q and Esc exit', async t => {
		const {ui, exits} = setup(t, okta());
		await ui.press(ENTER);
		await ui.press('q');
		await ui.press(ESC);
		await ui.waitForFrame(() => exits() === 3);
	});
});

describe('FailedStep', () => {
	function setup(t: TestContext, error: Error) {
		const calls: string[] = [];
		const ui = mount(t, <FailedStep error={error} onRetry={() => calls.push('retry')} onQuit={() => calls.push('quit')} />);
		return {ui, calls};
	}

	test('an API error shows its message and hint, and r retries', async t => {
		const error = new ApiError('Listing organizations', 'unauthorized', 'the token was rejected (HTTP 401)', 'Log in again with `qovery-sso login`.', 401);
		const {ui, calls} = setup(t, error);
		const frame = await ui.waitForFrame('Nothing was sent');
		assert.match(frame, /✖ Listing organizations failed: the token was rejected \(HTTP 401\)/);
		assert.match(frame, /Log in again with `qovery-sso login`\./);
		assert.match(frame, /r tries again; q quits\. Nothing was sent\./);
		await ui.press('r');
		await ui.press('q');
		assert.deepEqual(calls, ['retry', 'quit']);
	});

	test('a usage error offers no retry', async t => {
		const {ui, calls} = setup(t, new UsageError('No organization "Nope" is visible with this token.', 'Visible: Acme Corp, Globex Labs.'));
		const frame = await ui.waitForFrame('Nothing was sent');
		assert.match(frame, /✖ No organization "Nope" is visible with this token\./);
		assert.match(frame, /Visible: Acme Corp, Globex Labs\./);
		assert.match(frame, /^q quits\. Nothing was sent\.$/m);
		await ui.press('r');
		assert.deepEqual(calls, []);
		await ui.press(ESC);
		await ui.waitForFrame(() => calls.length === 1);
		assert.deepEqual(calls, ['quit']);
	});
});

/** What the CLI's key assembler hands Ink for these bytes (complete sequences come out at once). */
function throughAssembler(bytes: string): string {
	let out = '';
	const assembler = createKeyAssembler({onChunk: chunk => {
		out += chunk.text;
	}, onInterrupt() {}});
	assembler.push(bytes);
	assembler.dispose();
	return out;
}
