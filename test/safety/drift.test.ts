import {after, afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {createClient} from '../../source/api/client.js';
import {demoIds, demoState} from '../../source/fake/demo-data.js';
import {type FakeApi, type FakeState, startFakeApi} from '../../source/fake/server.js';
import type {WizardOutcome} from '../../source/ui/outcome.js';
import {Wizard} from '../../source/ui/Wizard.js';
import {keys, plainFrame, waitForFrame, waitUntil} from '../helpers/ink.js';

const organizationId = demoIds.acme.organization;
const connectionPath = `/organization/${organizationId}/enterpriseconnection/acme-okta`;

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

function acmeOkta(state: FakeState): Record<string, unknown> {
	const connection = state.organizations.find(org => org.id === organizationId)!.connections.find(candidate => candidate.connection_name === 'acme-okta');
	assert.ok(connection, 'acme-okta is in the fake');
	return connection;
}

/** The wizard on acme-okta, driven to the review with: default role viewer→devops, sync off→on. */
async function wizardAtReview() {
	const fake = await startFakeApi({state: demoState()});
	fakes.push(fake);
	const outcomes: WizardOutcome[] = [];
	const instance = render(
		createElement(Wizard, {
			api: createClient({apiUrl: fake.url, token: 'qov_t'}),
			selection: {organization: 'Acme Corp', connection: 'acme-okta'},
			onExit: outcome => outcomes.push(outcome),
		}),
	);
	running.push(instance);

	// Roles in availableRole order: Admin, DevOps, Billing, Viewer (current), ...
	await waitForFrame(instance, 'Users who match no mapped group get this role');
	await waitForFrame(instance, /❯ Viewer/);
	instance.stdin.write(keys.up);
	await waitForFrame(instance, /❯ Billing/);
	instance.stdin.write(keys.up);
	await waitForFrame(instance, /❯ DevOps/);
	instance.stdin.write(keys.enter);

	await waitForFrame(instance, 'Enforce group sync?');
	await waitForFrame(instance, /❯ Off/);
	instance.stdin.write(keys.up);
	await waitForFrame(instance, /❯ On/);
	instance.stdin.write(keys.enter);

	await waitForFrame(instance, 'Group mappings');
	instance.stdin.write('c');
	await waitForFrame(instance, 'Send these changes?');
	return {fake, instance, outcomes};
}

test('drift between load and PUT: nothing is sent, the change is shown, the edits survive and are re-applied on the new state', async () => {
	const {fake, instance, outcomes} = await wizardAtReview();
	const review = plainFrame(instance);
	assert.match(review, /default role: Viewer → DevOps/);
	assert.match(review, /enforce group sync: off → on/);

	// Someone else edits the connection after the wizard loaded it: the
	// re-check GET just before the PUT is the first request to see it.
	fake.inject({
		method: 'GET',
		path: connectionPath,
		fault: {
			kind: 'mutate',
			apply(state) {
				const connection = acmeOkta(state);
				const mappings = connection.group_mappings as Record<string, string[]>;
				connection.group_mappings = {...mappings, devops: [...mappings.devops!, 'Platform-Team'], billing: ['Finance']};
			},
		},
	});
	const requestsBefore = fake.requests.length;
	instance.stdin.write(keys.enter);

	const drift = await waitForFrame(instance, 'The connection changed on the server since you loaded it');
	assert.deepEqual(fake.puts(), [], 'nothing was sent');
	assert.equal(fake.requests.slice(requestsBefore).filter(request => request.method === 'GET' && request.path === connectionPath).length, 1, 'one re-check GET');
	assert.match(drift, /Nothing was sent/);
	// What the other person changed, not the operator's own edits.
	assert.match(drift, /DevOps:/);
	assert.match(drift, /\+ Platform-Team/);
	assert.match(drift, /\+ Billing: new mapping/);
	assert.match(drift, /\+ Finance/);
	assert.doesNotMatch(drift, /default role/);

	const serverNow = structuredClone(acmeOkta(fake.state));
	instance.stdin.write('r');
	const again = await waitForFrame(instance, 'Send these changes?');
	// The operator's edits survive the reload, and only they remain to send.
	assert.match(again, /default role: Viewer → DevOps/);
	assert.match(again, /enforce group sync: off → on/);
	assert.doesNotMatch(again, /Platform-Team/, 'the other person\'s change is now the base, not part of the diff');
	assert.deepEqual(fake.puts(), []);

	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Saved. The server now holds for acme-okta');
	const puts = fake.puts();
	assert.equal(puts.length, 1);
	assert.deepEqual(puts[0]!.body, {...serverNow, default_role: 'devops', enforce_group_sync: true});
	assert.deepEqual(acmeOkta(fake.state), {...serverNow, default_role: 'devops', enforce_group_sync: true});

	instance.stdin.write(keys.enter);
	await waitUntil(() => outcomes.length === 1, 'the wizard to exit');
	assert.equal(outcomes[0]!.kind, 'applied');
});

test('drift: quitting on the drift screen sends nothing and reports the unsent edits', async () => {
	const {fake, instance, outcomes} = await wizardAtReview();
	fake.inject({
		method: 'GET',
		path: connectionPath,
		fault: {kind: 'mutate', apply: state => void (acmeOkta(state).default_role = 'billing')},
	});
	instance.stdin.write(keys.enter);
	const drift = await waitForFrame(instance, 'The connection changed on the server since you loaded it');
	assert.match(drift, /default role: Viewer → Billing/);
	instance.stdin.write('q');
	await waitUntil(() => outcomes.length === 1, 'the wizard to exit');
	const outcome = outcomes[0]!;
	assert.equal(outcome.kind, 'cancelled');
	assert.equal(outcome.kind === 'cancelled' ? outcome.unsent?.body.default_role : undefined, 'devops');
	assert.deepEqual(fake.puts(), []);
	assert.equal(acmeOkta(fake.state).default_role, 'billing', 'the other person\'s change stands');
});

test('no drift: the re-check GET passes and exactly the reviewed body is sent once', async () => {
	const {fake, instance} = await wizardAtReview();
	const loaded = structuredClone(acmeOkta(fake.state));
	instance.stdin.write(keys.enter);
	await waitForFrame(instance, 'Saved. The server now holds for acme-okta');
	const puts = fake.puts();
	assert.equal(puts.length, 1);
	assert.deepEqual(puts[0]!.body, {...loaded, default_role: 'devops', enforce_group_sync: true});
});
