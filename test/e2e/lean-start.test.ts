/**
 * What the built wizard loads: a whole session to the PUT must not pull in
 * Node's fetch stack (undici), which costs about 30 ms and 8 MiB at start-up.
 * Yoga's loader and ofetch's defaults would both load it if left alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {useFake} from '../helpers/fake-per-test.js';
import {startCli, temporaryDirectory} from '../helpers/pty.js';
import {keys, onScreen, screens, toDefaultRole} from '../helpers/wizard-driver.js';

/** Preloaded into the CLI: on exit, writes which of Node's internal modules were loaded. */
function moduleProbe(directory: string): {preload: string; report: string} {
	const report = path.join(directory, 'modules.json');
	const preload = path.join(directory, 'probe.cjs');
	fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)));\n`);
	return {preload, report};
}

const undici = (report: string) => (JSON.parse(fs.readFileSync(report, 'utf8')) as string[]).filter(name => name.includes('undici'));

describe('what the built wizard loads', {timeout: 60_000}, () => {
	const fakes = useFake();

	test('the probe sees undici when something does load it (the check below can fail)', async () => {
		const directory = temporaryDirectory('qovery-sso-probe-');
		const probe = moduleProbe(directory);
		const loadUndici = path.join(directory, 'load-undici.cjs');
		fs.writeFileSync(loadUndici, 'void globalThis.Headers;\n');
		const session = startCli({args: ['--version'], env: {NODE_OPTIONS: `--require ${probe.preload} --require ${loadUndici}`}});
		await session.waitForExit();
		assert.notDeepEqual(undici(probe.report), []);
	});

	test('a whole session to the PUT runs without undici', async () => {
		const probe = moduleProbe(temporaryDirectory('qovery-sso-probe-'));
		const fake = await fakes.start();
		const session = startCli({apiUrl: fake.url, env: {NODE_OPTIONS: `--require ${probe.preload}`}});
		await toDefaultRole(session);
		session.write(keys.up);
		await session.waitFor(/❯ Billing/);
		session.write(keys.enter);
		await onScreen(session, screens.groupSync);
		session.write(keys.enter);
		await onScreen(session, screens.mappingList);
		session.write('c');
		await onScreen(session, screens.review);
		session.write(keys.enter);
		await onScreen(session, screens.result);
		session.write(keys.enter);
		const exit = await session.waitForExit();
		assert.equal(exit.exitCode, 0, session.plain());
		assert.equal(fake.puts().length, 1);
		assert.deepEqual(undici(probe.report), []);
	});
});
