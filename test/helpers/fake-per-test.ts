/**
 * One fresh fake API per test, closed (with every pty the test started)
 * after it; temporary files go after the file's last test.
 */
import {after, afterEach} from 'node:test';
import {type FakeApi, type FakeState, startFakeApi} from '../../source/fake/server.js';
import {demoState} from './fake-states.js';
import {cleanupTemporary, killAll} from './pty.js';

export function useFake(): {get: () => FakeApi; start: (state?: FakeState) => Promise<FakeApi>} {
	let fake: FakeApi | undefined;
	afterEach(async () => {
		killAll();
		await fake?.close();
		fake = undefined;
	});
	after(() => {
		killAll();
		cleanupTemporary();
	});
	return {
		get: () => fake!,
		async start(state = demoState()) {
			await fake?.close();
			fake = await startFakeApi({state});
			return fake;
		},
	};
}
