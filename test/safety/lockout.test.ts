import {after, afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {createClient} from '../../source/api/client.js';
import {type FakeApi, type FakeState, startFakeApi} from '../../source/fake/server.js';
import type {WizardOutcome} from '../../source/ui/outcome.js';
import {Wizard} from '../../source/ui/Wizard.js';
import {flat, keys, plainFrame, waitForFrame, waitUntil} from '../helpers/ink.js';

const organizationId = '00000000-0000-4000-8000-000000000001';

/** C13: sync off, only devops mapped, default viewer. */
function c13State(mappings: Record<string, string[]> = {devops: ['DevOps']}, enforce = false): FakeState {
	return {
		organizations: [{
			id: organizationId,
			name: 'Example Org',
			roles: [],
			connections: [{connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: enforce, group_mappings: mappings}],
		}],
	};
}

const running: Array<{unmount: () => void}> = [];
const fakes: FakeApi[] = [];
afterEach(() => {
	for (const instance of running.splice(0)) {
		instance.unmount();
	}
});
after(async () => {
	await Promise.all(fakes.map(async fake => fake.close()));
});

async function start(state: FakeState) {
	const fake = await startFakeApi({state});
	fakes.push(fake);
	const outcomes: WizardOutcome[] = [];
	const instance = render(createElement(Wizard, {api: createClient({apiUrl: fake.url, token: 'qov_t'}), onExit: outcome => outcomes.push(outcome)}));
	running.push(instance);
	return {fake, instance, outcomes};
}

/** Default role kept, sync turned on, mappings untouched: the review. */
async function turnSyncOn(instance: Awaited<ReturnType<typeof start>>['instance']) {
	await waitForFrame(instance, 'Users who match no mapped group get this role');
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, /❯ Off/);
	instance.stdin.write(keys.up);
	await waitForFrame(instance, /❯ On/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Group mappings');
	instance.stdin.write('c');
	return waitForFrame(instance, 'Send these changes?');
}

test('C13: turning sync on with no admin mapping warns on the review, and a wrong typed name sends nothing', async () => {
	const {fake, instance, outcomes} = await start(c13State());
	const review = await turnSyncOn(instance);
	assert.match(review, /enforce group sync: off → on/, 'the diff shows the toggle explicitly');
	assert.match(flat(review), /no IdP group maps to admin/);
	assert.match(flat(review), /everyone else, admins included, gets the default role Viewer/);

	// Enter on the review does not send: it asks for the connection name.
	instance.stdin.write(keys.enter);
	const confirm = await waitForFrame(instance, 'Type the connection name');
	assert.match(confirm, /example-saml/);
	assert.match(flat(confirm), /every SSO user loses admin/);
	assert.deepEqual(fake.puts(), []);

	instance.stdin.write('example');
	await waitForFrame(instance, /❯ example/);
	instance.stdin.write(keys.enter);
	const refused = await waitForFrame(instance, 'That is not the connection name; nothing was sent.');
	assert.match(refused, /Type the connection name/, 'still on the confirmation');
	assert.deepEqual(fake.puts(), []);

	// A plain "y" or an empty Enter is no confirmation either.
	instance.stdin.write('y');
	await waitForFrame(instance, /❯ y/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, frame => !/❯ y/.test(frame));
	instance.stdin.write(keys.enter);
	await new Promise(resolve => setTimeout(resolve, 200));
	assert.deepEqual(fake.puts(), []);
	assert.match(plainFrame(instance), /That is not the connection name/);
	assert.deepEqual(outcomes, []);
});

test('C13: the right connection name sends exactly the body that was shown', async () => {
	const {fake, instance, outcomes} = await start(c13State());
	await turnSyncOn(instance);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Type the connection name');
	instance.stdin.write('example-saml');
	await waitForFrame(instance, /❯ example-saml/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Saved. The server now holds for example-saml');
	const puts = fake.puts();
	assert.equal(puts.length, 1);
	assert.deepEqual(puts[0]!.body, {connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: {devops: ['DevOps']}});
	instance.stdin.write(keys.enter);
	await waitUntil(() => outcomes.length === 1, 'the wizard to exit');
	assert.equal(outcomes[0]!.kind, 'applied');
});

test('C13 variant: removing the admin mapping while sync stays on also needs the typed name', async () => {
	const {fake, instance} = await start(c13State({admin: ['Platform-Admins'], devops: ['DevOps']}, true));
	await waitForFrame(instance, 'Users who match no mapped group get this role');
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, /❯ On/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, /❯ Admin/);
	instance.stdin.write('d');
	await waitForFrame(instance, /❯ DevOps/);
	instance.stdin.write('c');
	const review = await waitForFrame(instance, 'Send these changes?');
	assert.match(review, /Admin: mapping removed/);
	assert.match(flat(review), /no IdP group maps to admin/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Type the connection name');
	instance.stdin.write(`example-saml${keys.enter}`);
	await waitForFrame(instance, 'Saved. The server now holds for example-saml');
	assert.deepEqual(fake.puts().map(put => put.body), [{connection_name: 'example-saml', default_role: 'viewer', enforce_group_sync: true, group_mappings: {devops: ['DevOps']}}]);
});

test('C13 variant: turning sync off shows the note and needs no typed name', async () => {
	const {fake, instance} = await start(c13State({admin: ['Platform-Admins'], devops: ['DevOps']}, true));
	await waitForFrame(instance, 'Users who match no mapped group get this role');
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, /❯ On/);
	instance.stdin.write(keys.down);
	await waitForFrame(instance, /❯ Off/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Group mappings');
	instance.stdin.write('c');
	const review = await waitForFrame(instance, 'Send these changes?');
	assert.match(review, /enforce group sync: on → off/);
	assert.match(flat(review), /ignores the group mappings/);
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Saved. The server now holds for example-saml');
	assert.equal(fake.puts().length, 1);
});
