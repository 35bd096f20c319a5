import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkCommand, stopExitCodes, stopMessage, whileNotStopped} from '../../source/commands/stop-signals.js';

test('stopMessage: nothing changed before the PUT; after it, the change may be in place and how to check', () => {
	assert.equal(stopMessage('SIGINT'), 'Cancelled, nothing was changed.');
	assert.equal(stopMessage(undefined), 'Cancelled, nothing was changed.');
	assert.equal(stopMessage('SIGTERM'), 'Stopped by SIGTERM, nothing was changed.');
	assert.equal(
		stopMessage('SIGHUP', {organizationId: 'org-1', connection: 'acme-okta'}),
		'Stopped by SIGHUP while saving acme-okta: the change was sent and may have been applied.\nCheck with: qovery-sso show --org org-1 --connection acme-okta',
	);
	assert.deepEqual(stopExitCodes, {SIGINT: 130, SIGTERM: 143, SIGHUP: 129});
});

test('whileNotStopped takes the signals until it is ended, then leaves them as they were', () => {
	const before = process.listenerCount('SIGTERM');
	const seen: string[] = [];
	const end = whileNotStopped(signal => seen.push(signal));
	assert.equal(process.listenerCount('SIGTERM'), before + 1);
	process.emit('SIGTERM');
	process.emit('SIGHUP');
	end();
	assert.deepEqual(seen, ['SIGTERM', 'SIGHUP']);
	assert.equal(process.listenerCount('SIGTERM'), before);
});

test('checkCommand points at the same API and profile, quoted for a shell, and stays short for the defaults', () => {
	assert.equal(checkCommand({organizationId: 'org-1', connection: 'acme-okta'}), 'qovery-sso show --org org-1 --connection acme-okta');
	assert.equal(checkCommand({organizationId: 'org-1', connection: 'acme-okta', apiUrl: 'https://api.qovery.com/', profile: 'default'}), 'qovery-sso show --org org-1 --connection acme-okta');
	assert.equal(
		checkCommand({organizationId: 'org-1', connection: "ops's sso", apiUrl: 'http://127.0.0.1:8080', profile: 'staging'}),
		"qovery-sso show --org org-1 --connection 'ops'\\''s sso' --api-url http://127.0.0.1:8080 --profile staging",
	);
});
