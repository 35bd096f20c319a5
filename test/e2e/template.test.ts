/**
 * "Copy from another connection" end to end: the built CLI in a real
 * pseudo-terminal, two fake organizations whose custom roles share names
 * but not UUIDs, and the exact body finally sent.
 *
 * The picker's own cases (opens fresh, at its top, on the candidates of an
 * ambiguous name, which it tells apart) were defects of an earlier version.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {FakeApi, FakeState} from '../../source/fake/server.js';
import {useFake} from '../helpers/fake-per-test.js';
import {demoIds, demoState} from '../helpers/fake-states.js';
import {type PtySession, stackTrace, startCli} from '../helpers/pty.js';
import {highlighted, keys, onScreen, stepTitle} from '../helpers/wizard-driver.js';

const {acme, globex} = demoIds;
const end = '\u001B[F';

/** A second "Security Auditor" in Globex Labs: the name no longer picks one role. */
const secondGlobexAuditor = '0f0e0d0c-0b0a-4909-8807-060504030201';

/** The demo with acme-okta's stored JSON changed by `change`. */
function withOkta(change: (okta: Record<string, unknown> & {group_mappings: Record<string, string[]>}) => void): FakeState {
	const state = demoState();
	const okta = state.organizations.find(organization => organization.id === acme.organization)!.connections.find(connection => connection.connection_name === 'acme-okta')!;
	change(okta as Parameters<typeof change>[0]);
	return state;
}

/** acme-okta also maps Contractor (which Globex Labs lacks) and makes it the default role. */
function contractorState(): FakeState {
	return withOkta(okta => {
		okta.default_role = acme.contractor;
		okta.group_mappings[acme.contractor] = ['Contractors'];
	});
}

function twinAuditorState(): FakeState {
	const state = demoState();
	state.organizations.find(organization => organization.id === globex.organization)!.roles.push({id: secondGlobexAuditor, name: 'Security Auditor'});
	return state;
}

const screens = {
	organization: /Step 1 of 6: Organization[\s\S]*Globex Labs[\s\S]*Ctrl\+C quit/,
	defaultRole: /Step 3 of 6: Default role[\s\S]*Data Scientist[\s\S]*Ctrl\+C quit/,
	groupSync: /Step 4 of 6: Enforced group sync[\s\S]*Off[\s\S]*Ctrl\+C quit/,
	mappingList: /Step 5 of 6: Group mappings[\s\S]*Continue to review[\s\S]*Ctrl\+C quit/,
	templateOrganization: /Copy the SSO settings of a connection from which organization\?[\s\S]*❯ Acme Corp[\s\S]*Ctrl\+C quit/,
	templateConnection: /Which connection of Acme Corp\?[\s\S]*❯ acme-okta[\s\S]*Ctrl\+C quit/,
	unresolved: /no single match in Globex Labs[\s\S]*Ctrl\+C quit/,
	picker: /Which role of Globex Labs should take [\s\S]*Filter:[\s\S]*Drop [\s\S]*Ctrl\+C quit/,
	summary: /The draft becomes: [\s\S]*Enter shows it in the\s+review/,
	review: /Step 6 of 6: Review[\s\S]*Send these changes\?/,
	noChanges: /Step 6 of 6: Review[\s\S]*No changes/,
	result: /Saved\. The server now holds for globex-saml/,
};

/** "2 roles of Acme Corp / acme-okta have no single match in Globex Labs." (or "1 role ... has"). */
function unresolvedHeading(count: number): RegExp {
	return new RegExp(`${count} roles?(?:\\(s\\))? of Acme Corp / acme-okta (?:has|have) no single match in Globex Labs\\.`);
}

/**
 * In the picker, choose "Drop ...": where the picker opens on it (it may
 * come first, so a reflex Enter grants nothing), Enter; otherwise End
 * reaches it at the bottom.
 */
async function chooseDrop(session: PtySession): Promise<void> {
	if (!highlighted(session)?.startsWith('Drop ')) {
		session.write(end);
		await session.waitFor(/❯ Drop /);
	}

	session.write(keys.enter);
}

const {start: startFake} = useFake();

/** Tall enough that the review of a whole template needs no scrolling. */
function startWizard(api: FakeApi): PtySession {
	return startCli({apiUrl: api.url, columns: 100, rows: 34});
}

/** Globex Labs (its one connection, globex-saml, is chosen for us), default role and sync as loaded. */
async function toGlobexMappings(session: PtySession): Promise<void> {
	await onScreen(session, screens.organization);
	session.write(keys.down);
	await session.waitFor(/❯ Globex Labs/);
	session.write(keys.enter);
	await onScreen(session, screens.defaultRole);
	assert.match(session.text(), /qovery-sso › Globex Labs › globex-saml/);
	assert.match(highlighted(session) ?? '', /^DevOps \(current\)/);
	session.write(keys.enter);
	await onScreen(session, screens.groupSync);
	session.write(keys.enter);
	await onScreen(session, screens.mappingList);
	assert.match(session.text(), /Group mappings \(1 role\):\n\n❯ Admin +Globex Admins/);
}

/** Mappings → t → Acme Corp → acme-okta: the list of roles left out. */
async function copyFromAcmeOkta(session: PtySession): Promise<void> {
	session.write('t');
	await onScreen(session, screens.templateOrganization);
	assert.equal(stepTitle(session), 'Copy from another connection');
	assert.match(session.text(), /Globex Labs {2}this organization/);
	session.write(keys.enter);
	await onScreen(session, screens.templateConnection);
	session.write(keys.enter);
	await onScreen(session, screens.unresolved);
}

/** The rows of the unresolved list (the lines under the warning, up to the blank line). */
function unresolvedRows(session: PtySession): string[] {
	const lines = session.screen.lines();
	const first = lines.findIndex(line => line.includes('have no single match') || line.includes('single match'));
	const rows: string[] = [];
	for (const line of lines.slice(first + 1)) {
		if (/^[❯ ] /.test(line) && line.trim() !== '') {
			rows.push(line.slice(2));
		} else if (rows.length > 0) {
			break;
		}
	}

	return rows;
}

/** The first row of a list under its "Filter:" line, without the pointer column. */
function firstRow(session: PtySession): string | undefined {
	const lines = session.screen.lines();
	const filter = lines.findIndex(line => line.startsWith('Filter: '));
	return lines.slice(filter + 1).find(line => line.trim() !== '' && !/^ {2}[↑↓] \d+ more/.test(line))?.slice(2);
}

/** Summary → Enter → review → Enter → result → Enter: the run ends; returns the one PUT's body and the review seen. */
async function reviewAndSend(session: PtySession, api: FakeApi): Promise<{body: unknown; review: string}> {
	session.write(keys.enter);
	await onScreen(session, screens.review);
	const review = session.text();
	assert.equal(api.puts().length, 0, 'nothing is sent before the review is confirmed');
	session.write(keys.enter);
	await onScreen(session, screens.result);
	session.write(keys.enter);
	const exit = await session.waitForExit();
	assert.equal(exit.exitCode, 0, session.plain());
	assert.doesNotMatch(session.plain(), stackTrace);
	const puts = api.puts();
	assert.equal(puts.length, 1);
	assert.equal(puts[0]!.path, `/organization/${globex.organization}/enterpriseconnection/globex-saml`);
	return {body: puts[0]!.body, review};
}

describe('copy from another connection, in a pty', {timeout: 120_000}, () => {
	test('Globex from acme-okta: the deleted role is listed, mapped by the operator; custom roles get Globex\'s UUIDs', async () => {
		const api = await startFake();
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);

		const screen = session.text();
		assert.match(screen, unresolvedHeading(1));
		assert.match(session.text().replace(/\s+/g, ' '), /nothing (?:is|can be) sent/);
		assert.deepEqual(unresolvedRows(session), [`unknown role ${acme.deletedRole}  mapping: Old-Team`]);
		// Security Auditor and the basic roles matched: they are not listed.
		assert.doesNotMatch(screen, /Security Auditor/);

		// No way on while a role is unresolved: 'c' is not "continue" here.
		session.write('c');
		await session.waitFor(/❯ unknown role/);
		assert.match(session.text(), screens.unresolved);
		assert.equal(api.puts().length, 0);

		session.write(keys.enter);
		await onScreen(session, screens.picker);
		assert.match(session.text(), new RegExp(`Which role of Globex Labs should take unknown role ${acme.deletedRole.slice(0, 20)}`));
		assert.match(session.text(), new RegExp(`Drop unknown role ${acme.deletedRole}`));
		session.write('Release');
		await session.waitFor(/Filter: Release {2}\(1 of 8\)[\s\S]*❯ Release Manager/);
		session.write(keys.enter);

		await onScreen(session, screens.summary);
		assert.match(session.text(), /The draft becomes: default role Viewer, sync off, 4 mapped roles\./);
		assert.match(session.text(), /nothing is sent yet/);

		const {body, review} = await reviewAndSend(session, api);
		assert.match(review, /~ default role: DevOps → Viewer/);
		assert.match(review, /~ enforce group sync: on → off/);
		assert.match(review, /~ Admin:\n {4}\+ Platform-Admins\n {4}- Globex Admins/);
		assert.match(review, /\+ DevOps: new mapping\n {4}\+ DevOps\n {4}\+ SRE/);
		assert.match(review, new RegExp(`\\+ Security Auditor \\(${globex.securityAuditor}\\): new mapping\\n {4}\\+ SecOps`));
		assert.match(review, new RegExp(`\\+ Release Manager \\(${globex.releaseManager}\\): new mapping\\n {4}\\+ Old-Team`));
		assert.doesNotMatch(review, new RegExp(`${acme.securityAuditor}|${acme.deletedRole}`), 'no Acme UUID reaches the review');
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

	test('a custom role Globex lacks (Contractor, also the default role) mapped to Data Scientist; the deleted role dropped', async () => {
		const api = await startFake(contractorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);

		assert.match(session.text(), unresolvedHeading(2));
		assert.deepEqual(unresolvedRows(session), [
			`unknown role ${acme.deletedRole}  mapping: Old-Team`,
			'"Contractor"  mapping and default-role: Contractors',
		]);

		// The deleted role first: dropped.
		session.write(keys.enter);
		await onScreen(session, screens.picker);
		await chooseDrop(session);
		await session.waitFor(unresolvedHeading(1));
		assert.deepEqual(unresolvedRows(session), ['"Contractor"  mapping and default-role: Contractors']);
		assert.equal(api.puts().length, 0);

		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Contractor"\?[\s\S]*Filter:/);
		session.write('Data');
		await session.waitFor(/Filter: Data {2}\(1 of 8\)[\s\S]*❯ Data Scientist/);
		session.write(keys.enter);

		await onScreen(session, screens.summary);
		assert.match(session.text(), /The draft becomes: default role Data Scientist, sync off, 4 mapped roles\./);

		const {body, review} = await reviewAndSend(session, api);
		assert.match(review, new RegExp(`~ default role: DevOps → Data Scientist \\(${globex.dataScientist}\\)`));
		assert.match(review, new RegExp(`\\+ Data Scientist \\(${globex.dataScientist}\\): new mapping\\n {4}\\+ Contractors`));
		assert.doesNotMatch(review, /Old-Team/);
		assert.deepEqual(body, {
			connection_name: 'globex-saml',
			default_role: globex.dataScientist,
			enforce_group_sync: false,
			group_mappings: {
				admin: ['Platform-Admins'],
				devops: ['DevOps', 'SRE'],
				[globex.securityAuditor]: ['SecOps'],
				[globex.dataScientist]: ['Contractors'],
			},
		});
	});

	test('Esc out of the template, at every stage, leaves the draft as it was and sends nothing', async () => {
		const api = await startFake();
		const session = startWizard(api);
		await toGlobexMappings(session);

		// Esc on the organization list of the template.
		session.write('t');
		await onScreen(session, screens.templateOrganization);
		session.write(keys.escape);
		await onScreen(session, screens.mappingList);

		// Esc in the picker goes back to the unresolved list, Esc there back to the mappings.
		await copyFromAcmeOkta(session);
		session.write(keys.enter);
		await onScreen(session, screens.picker);
		session.write(keys.escape);
		await onScreen(session, screens.unresolved);
		assert.deepEqual(unresolvedRows(session), [`unknown role ${acme.deletedRole}  mapping: Old-Team`]);
		session.write(keys.escape);
		await onScreen(session, screens.mappingList);
		assert.match(session.text(), /Group mappings \(1 role\):\n\n❯ Admin +Globex Admins/);

		// Fully resolved, then Esc on the summary: still nothing taken.
		await copyFromAcmeOkta(session);
		session.write(keys.enter);
		await onScreen(session, screens.picker);
		await chooseDrop(session);
		await onScreen(session, screens.summary);
		session.write(keys.escape);
		await onScreen(session, screens.mappingList);
		const list = session.text();
		assert.match(list, /Group mappings \(1 role\):/);
		assert.match(list, /Admin +Globex Admins/);
		assert.doesNotMatch(list, /Platform-Admins|SecOps|DevOps, SRE|Security Auditor/);

		// The review agrees: no change at all, and leaving sends nothing.
		session.write('c');
		await onScreen(session, screens.noChanges);
		session.write(keys.enter);
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 0, session.plain());
		assert.equal(api.puts().length, 0);
		assert.equal(api.requests.filter(request => request.method !== 'GET').length, 0);
	});

	test('a name two Globex roles share is listed as ambiguous; the operator picks one and its UUID is sent', async () => {
		const api = await startFake(twinAuditorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);

		assert.match(session.text(), unresolvedHeading(2));
		assert.deepEqual(unresolvedRows(session), [
			'"Security Auditor" (several roles have this name)  mapping: SecOps',
			`unknown role ${acme.deletedRole}  mapping: Old-Team`,
		]);

		// The deleted role first (second row): dropped.
		session.write(keys.down);
		await session.waitFor(/❯ unknown role/);
		session.write(keys.enter);
		await onScreen(session, screens.picker);
		await chooseDrop(session);
		await session.waitFor(unresolvedHeading(1));

		// Then the shared name: both Security Auditors are offered; the second is taken.
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Security Auditor" \(several roles have this name\)\?[\s\S]*Filter:/);
		session.write('Security');
		await session.waitFor(/Filter: Security {2}\(3 of 9\)/);
		session.write(keys.down);
		await session.waitFor(/^ {2}Security Auditor {2}custom.*\n❯ Security Auditor/m);
		session.write(keys.enter);
		await onScreen(session, screens.summary);

		const {body} = await reviewAndSend(session, api);
		assert.deepEqual(body, {
			connection_name: 'globex-saml',
			default_role: 'viewer',
			enforce_group_sync: false,
			group_mappings: {
				admin: ['Platform-Admins'],
				devops: ['DevOps', 'SRE'],
				[secondGlobexAuditor]: ['SecOps'],
			},
		});
	});
});

describe('copy from another connection: the picker', {timeout: 120_000}, () => {
	test('the role picker opens fresh for each unresolved role: no filter left from the last pick', async () => {
		const api = await startFake(contractorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);
		session.write(keys.down);
		await session.waitFor(/❯ "Contractor"/);
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Contractor"\?/);
		session.write('Data');
		await session.waitFor(/Filter: Data {2}\(1 of 8\)[\s\S]*❯ Data Scientist/);
		session.write(keys.enter);
		await session.waitFor(unresolvedHeading(1));
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take unknown role[\s\S]*Ctrl\+C quit/);
		assert.match(session.text(), /Filter: type to filter {2}\(8 of 8\)/);
		assert.equal(highlighted(session), firstRow(session), 'the cursor on the first row');
	});

	test('the picker opens at its top, not at the row the unresolved list was on', async () => {
		const api = await startFake(contractorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);
		session.write(keys.down);
		await session.waitFor(/❯ "Contractor"/);
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Contractor"\?/);
		assert.equal(highlighted(session), firstRow(session), 'the cursor on the first row');
	});

	test('for an ambiguous name the picker opens on the first candidate', async () => {
		const api = await startFake(twinAuditorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Security Auditor"/);
		assert.match(highlighted(session) ?? '', /^Security Auditor/);
	});

	test('the candidates of an ambiguous name can be told apart in the picker', async () => {
		const api = await startFake(twinAuditorState());
		const session = startWizard(api);
		await toGlobexMappings(session);
		await copyFromAcmeOkta(session);
		session.write(keys.enter);
		await onScreen(session, /Which role of Globex Labs should take "Security Auditor"/);
		const auditorRows = session.screen.lines().filter(line => line.includes('Security Auditor') && !line.includes('Which role') && !line.includes('Drop'));
		assert.equal(auditorRows.length, 2);
		assert.notEqual(auditorRows[0]!.slice(2), auditorRows[1]!.slice(2), auditorRows.join('\n'));
		assert.match(session.text(), new RegExp(globex.securityAuditor.slice(0, 8)));
		assert.match(session.text(), new RegExp(secondGlobexAuditor.slice(0, 8)));
	});
});
