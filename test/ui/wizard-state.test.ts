import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {LoadedConnection, Organization} from '../../source/model/connection.js';
import type {Edit} from '../../source/model/draft.js';
import {initialWizardState, isFirstStep, previousStep, type Step, type WizardAction, wizardReducer, type WizardState} from '../../source/ui/wizard-state.js';

const acme: Organization = {id: 'o-acme', name: 'Acme Corp'};
const globex: Organization = {id: 'o-globex', name: 'Globex Labs'};
const okta: LoadedConnection = {connection_name: 'acme-okta', default_role: 'viewer', enforce_group_sync: false, group_mappings: {admin: ['Platform-Admins']}};
const entra: LoadedConnection = {connection_name: 'acme-entra', default_role: 'viewer', enforce_group_sync: true, group_mappings: {}};
const roles = [{id: 'r1', name: 'Admin'}, {id: 'r2', name: 'Viewer'}];
const edit: Edit = {type: 'set-default-role', role: 'admin'};

const run = (actions: WizardAction[], from: WizardState = initialWizardState) => actions.reduce(wizardReducer, from);

/** At the default-role step of acme-okta, chosen from lists of two. */
function editing(): WizardState {
	return run([
		{type: 'organizations-loaded', organizations: [acme, globex]},
		{type: 'choose-organization', organization: acme},
		{type: 'connections-loaded', connections: [okta, entra]},
		{type: 'choose-connection', name: 'acme-okta'},
		{type: 'connection-loaded', connection: okta, roles},
		{type: 'edit', edit},
	]);
}

const at = (state: WizardState, step: Step, skipped = state.skipped): WizardState => ({...state, step, skipped});

describe('wizardReducer: choosing', () => {
	test('several organizations: the list is shown', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme, globex]}]);
		assert.equal(state.step, 'organization');
		assert.deepEqual(state.skipped, {organization: false, connection: false});
		assert.equal(state.organization, undefined);
	});

	test('one organization: chosen and skipped', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme]}]);
		assert.equal(state.step, 'loading-connections');
		assert.equal(state.organization, acme);
		assert.equal(state.skipped.organization, true);
	});

	test('a preselected organization among several is chosen and skipped', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme, globex], preselected: globex}]);
		assert.equal(state.step, 'loading-connections');
		assert.equal(state.organization, globex);
		assert.equal(state.skipped.organization, true);
	});

	test('several connections: the list is shown', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme]}, {type: 'connections-loaded', connections: [okta, entra]}]);
		assert.equal(state.step, 'connection');
		assert.equal(state.skipped.connection, false);
	});

	test('one connection: chosen and skipped', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme]}, {type: 'connections-loaded', connections: [okta]}]);
		assert.equal(state.step, 'loading-connection');
		assert.equal(state.connectionName, 'acme-okta');
		assert.deepEqual(state.skipped, {organization: true, connection: true});
	});

	test('a preselected connection among several is chosen and skipped', () => {
		const state = run([{type: 'organizations-loaded', organizations: [acme, globex]}, {type: 'choose-organization', organization: acme}, {type: 'connections-loaded', connections: [okta, entra], preselected: 'acme-entra'}]);
		assert.equal(state.step, 'loading-connection');
		assert.equal(state.connectionName, 'acme-entra');
		assert.deepEqual(state.skipped, {organization: false, connection: true});
	});

	test('the loaded connection opens the default role step', () => {
		const state = editing();
		assert.equal(state.step, 'default-role');
		assert.equal(state.loaded, okta);
		assert.equal(state.roles, roles);
		assert.deepEqual(state.edits, [edit]);
	});
});

describe('wizardReducer: back navigation', () => {
	test('each edit step goes back one step', () => {
		const state = editing();
		assert.equal(previousStep(at(state, 'group-sync')), 'default-role');
		assert.equal(previousStep(at(state, 'mappings')), 'group-sync');
		assert.equal(previousStep(at(state, 'review')), 'mappings');
		assert.equal(previousStep(at(state, 'typed-confirm')), 'review');
		assert.equal(previousStep(at(state, 'drift')), 'mappings');
		assert.equal(previousStep(at(state, 'template')), 'mappings');
	});

	test('default role goes back to the connection list when it was shown', () => {
		const state = editing();
		assert.equal(wizardReducer(state, {type: 'back'}).step, 'connection');
		assert.equal(isFirstStep(state), false);
	});

	test('default role goes back to the organization list when the connection was skipped', () => {
		const state = at(editing(), 'default-role', {organization: false, connection: true});
		assert.equal(wizardReducer(state, {type: 'back'}).step, 'organization');
		assert.equal(isFirstStep(state), false);
	});

	test('default role is the first step when both were skipped', () => {
		const state = at(editing(), 'default-role', {organization: true, connection: true});
		assert.equal(isFirstStep(state), true);
	});

	test('the connection list goes back to organizations, or is first when they were skipped', () => {
		assert.equal(previousStep(at(editing(), 'connection')), 'organization');
		assert.equal(isFirstStep(at(editing(), 'connection')), false);
		assert.equal(isFirstStep(at(editing(), 'connection', {organization: true, connection: false})), true);
	});

	test('the organization list is the first step', () => {
		assert.equal(isFirstStep(at(editing(), 'organization')), true);
	});

	test('back keeps the edits and clears a save error', () => {
		const state = {...at(editing(), 'review'), saveError: new Error('HTTP 500')};
		const back = wizardReducer(state, {type: 'back'});
		assert.equal(back.step, 'mappings');
		assert.deepEqual(back.edits, [edit]);
		assert.equal(back.saveError, undefined);
	});
});

describe('wizardReducer: choosing again', () => {
	test('the same connection again keeps the edits', () => {
		const state = run([{type: 'back'}, {type: 'choose-connection', name: 'acme-okta'}], editing());
		assert.equal(state.step, 'loading-connection');
		assert.deepEqual(state.edits, [edit]);
		const loaded = wizardReducer(state, {type: 'connection-loaded', connection: okta, roles});
		assert.deepEqual(loaded.edits, [edit]);
	});

	test('another connection resets the edits', () => {
		const state = run([{type: 'back'}, {type: 'choose-connection', name: 'acme-entra'}], editing());
		assert.equal(state.connectionName, 'acme-entra');
		assert.deepEqual(state.edits, []);
		assert.equal(state.loaded, undefined);
	});

	test('the same organization again keeps connection and edits', () => {
		const state = run([{type: 'go', step: 'organization'}, {type: 'choose-organization', organization: acme}], editing());
		assert.equal(state.step, 'loading-connections');
		assert.equal(state.connectionName, 'acme-okta');
		assert.deepEqual(state.edits, [edit]);
	});

	test('another organization resets connections and edits', () => {
		const state = run([{type: 'go', step: 'organization'}, {type: 'choose-organization', organization: globex}], editing());
		assert.equal(state.organization, globex);
		assert.equal(state.connections, undefined);
		assert.equal(state.connectionName, undefined);
		assert.deepEqual(state.edits, []);
	});
});

describe('wizardReducer: sending', () => {
	const server: LoadedConnection = {...okta, group_mappings: {admin: ['Platform-Admins', 'Break-Glass']}};

	test('drift found, then reload: the server state becomes the base, edits kept, back to review', () => {
		const state = run([{type: 'go', step: 'review'}, {type: 'check-started'}, {type: 'drift-found', server}], editing());
		assert.equal(state.step, 'drift');
		assert.equal(state.drift, server);
		const reloaded = wizardReducer(state, {type: 'reload-on-drift'});
		assert.equal(reloaded.step, 'review');
		assert.equal(reloaded.loaded, server);
		assert.equal(reloaded.drift, undefined);
		assert.deepEqual(reloaded.edits, [edit]);
	});

	test('connection-loaded for the same connection after a drift reload keeps the edits', () => {
		const state = run([{type: 'go', step: 'review'}, {type: 'check-started'}, {type: 'drift-found', server}, {type: 'reload-on-drift'}], editing());
		const loaded = wizardReducer(state, {type: 'connection-loaded', connection: server, roles});
		assert.equal(loaded.loaded, server);
		assert.deepEqual(loaded.edits, [edit]);
	});

	test('connection-loaded for another connection drops the edits', () => {
		assert.deepEqual(wizardReducer(editing(), {type: 'connection-loaded', connection: entra, roles}).edits, []);
	});

	test('reload-on-drift with no drift does nothing', () => {
		const state = at(editing(), 'review');
		assert.equal(wizardReducer(state, {type: 'reload-on-drift'}), state);
	});

	test('a failed send returns to the review with the error and the edits', () => {
		const error = new Error('HTTP 503');
		const state = run([{type: 'go', step: 'review'}, {type: 'check-started'}, {type: 'send-started'}, {type: 'send-failed', error}], editing());
		assert.equal(state.step, 'review');
		assert.equal(state.saveError, error);
		assert.deepEqual(state.edits, [edit]);
	});

	test('a new edit clears the save error', () => {
		const state = {...at(editing(), 'mappings'), saveError: new Error('x')};
		const next = wizardReducer(state, {type: 'edit', edit: {type: 'set-group-sync', enabled: true}});
		assert.equal(next.saveError, undefined);
		assert.equal(next.edits.length, 2);
	});

	test('sent leads to done with the server answer', () => {
		const state = run([{type: 'check-started'}, {type: 'send-started'}, {type: 'sent', applied: server}], editing());
		assert.equal(state.step, 'done');
		assert.equal(state.applied, server);
	});

	test('replace-edits replaces the list (undo)', () => {
		assert.deepEqual(wizardReducer(editing(), {type: 'replace-edits', edits: []}).edits, []);
	});
});

describe('wizardReducer: failures', () => {
	test('a failed load shows the error, retry returns to the step that failed', () => {
		const error = new Error('HTTP 500');
		const failed = run([{type: 'load-failed', error, retry: 'loading-organizations'}]);
		assert.equal(failed.step, 'failed');
		assert.deepEqual(failed.failure, {error, retry: 'loading-organizations'});
		const retried = wizardReducer(failed, {type: 'retry'});
		assert.equal(retried.step, 'loading-organizations');
		assert.equal(retried.failure, undefined);
	});

	test('retry without a failure does nothing', () => {
		assert.equal(wizardReducer(initialWizardState, {type: 'retry'}), initialWizardState);
	});
});
