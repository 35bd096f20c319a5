/**
 * `npm run bench`: start-up, memory, bytes per keystroke, render time and
 * request count of the built wizard, side by side with baselines measured
 * in the same run: bare `node -e 0`, and a minimal Ink app (one <Text>)
 * bundled with the same options and fixes as dist/. Medians over repeated
 * runs; prints a Markdown table and writes .bench/latest.json.
 *
 * Every child gets a clean environment (PATH, HOME, TERM, LANG only): a
 * variable such as NODE_EXTRA_CA_CERTS makes Node itself start tens of ms
 * later, which would hide what the wizard costs.
 *
 *   npm run bench                     all measures
 *   npm run bench -- --quick          fewer repetitions
 *   npm run bench -- --skip-startup   no start-up or first-frame runs
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as pty from 'node-pty';
import {demoState, largeOrganizationId, largeState} from '../source/fake/demo-data.js';
import {type FakeApi, startFakeApi} from '../source/fake/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const quick = process.argv.includes('--quick');
const runs = quick ? 5 : 15;
const token = 'qov_bench_token';
const configDir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'qovery-sso-bench-'));

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
};

const sleep = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

type Terminal = {
	process: pty.IPty;
	output: () => string;
	bytesSince: (mark: number) => number;
	mark: () => number;
	waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<number>;
	/** Resolves once output went past `mark` (or after a second). */
	waitForBytes: (mark: number) => Promise<void>;
	/** Resolves once no output came for `quietMs`. */
	settle: (quietMs?: number) => Promise<void>;
	exited: Promise<number>;
};

function spawn(command: string, args: string[], options: {env?: Record<string, string>; rows?: number} = {}): Terminal {
	const child = pty.spawn(command, args, {
		cols: 80,
		rows: options.rows ?? 24,
		cwd: root,
		env: {PATH: process.env.PATH ?? '', HOME: configDir, TERM: 'xterm-256color', LANG: 'C.UTF-8', QOVERY_SSO_CONFIG_DIR: configDir, ...options.env},
	});
	let text = '';
	let bytes = 0;
	let lastOutput = performance.now();
	const waiters: Array<() => void> = [];
	child.onData(data => {
		text += data;
		bytes += Buffer.byteLength(data);
		lastOutput = performance.now();
		for (const waiter of waiters.splice(0)) {
			waiter();
		}
	});
	const exited = new Promise<number>(resolve => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});
	const plain = () => text.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
	return {
		process: child,
		output: () => text,
		mark: () => bytes,
		bytesSince: mark => bytes - mark,
		async waitFor(wanted, timeoutMs = 10_000) {
			const deadline = performance.now() + timeoutMs;
			for (;;) {
				const screen = plain();
				if (typeof wanted === 'string' ? screen.includes(wanted) : wanted.test(screen)) {
					return performance.now();
				}

				if (performance.now() > deadline) {
					throw new Error(`timed out waiting for ${String(wanted)}; last output: ${screen.slice(-300)}`);
				}

				await new Promise<void>(resolve => {
					waiters.push(resolve);
					setTimeout(resolve, 50);
				});
			}
		},
		async waitForBytes(mark) {
			const deadline = performance.now() + 1000;
			while (bytes === mark && performance.now() < deadline) {
				await sleep(5);
			}
		},
		async settle(quietMs = 120) {
			while (performance.now() - lastOutput < quietMs) {
				await sleep(quietMs / 4);
			}
		},
		exited,
	};
}

/** Peak resident memory of a process, read from /proc until it exits. */
function watchPeakRss(pid: number): () => number {
	let peakKb = 0;
	const read = () => {
		try {
			const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
			const match = /VmHWM:\s+(\d+) kB/.exec(status);
			if (match) {
				peakKb = Math.max(peakKb, Number(match[1]));
			}
		} catch {
			// Gone: the last reading stands.
		}
	};

	const timer = setInterval(read, 10);
	return () => {
		read();
		clearInterval(timer);
		return peakKb / 1024;
	};
}

/**
 * The least any Ink app costs here: one <Text>, bundled with the same options
 * and dependency fixes as dist/. A second baseline beside bare node.
 */
async function buildInkFloor(): Promise<string> {
	const [{build}, {productionOptions}] = await Promise.all([import('esbuild'), import('./bundle-options.mjs')]);
	const outdir = path.join(root, '.bench', 'ink-floor');
	await build({
		...productionOptions,
		stdin: {
			contents: "import React from 'react'; import {render, Text} from 'ink'; render(React.createElement(Text, null, 'Acme Corp'));",
			resolveDir: root,
			loader: 'js',
		},
		// Split like dist/, so Ink's devtools stay in a chunk never loaded.
		splitting: true,
		outdir,
		entryNames: 'app',
	});
	return path.join(outdir, 'app.js');
}

async function startup(): Promise<{node: number; inkFloor: number; inkFloorRss: number; wizard: number; rss: number}> {
	const floorApp = await buildInkFloor();
	const nodeTimes: number[] = [];
	const floorTimes: number[] = [];
	const floorRss: number[] = [];
	const wizardTimes: number[] = [];
	const rss: number[] = [];
	for (let index = 0; index < runs; index++) {
		const bareStart = performance.now();
		const bare = spawn(process.execPath, ['-e', '0']);
		await bare.exited;
		nodeTimes.push(performance.now() - bareStart);

		const floorStart = performance.now();
		const floor = spawn(process.execPath, [floorApp]);
		const floorPeak = watchPeakRss(floor.process.pid);
		floorTimes.push((await floor.waitFor('Acme Corp')) - floorStart);
		await floor.exited;
		floorRss.push(floorPeak());

		const start = performance.now();
		const wizard = spawn(process.execPath, [cli, '--demo']);
		const peak = watchPeakRss(wizard.process.pid);
		const ready = await wizard.waitFor('Acme Corp');
		wizardTimes.push(ready - start);
		wizard.process.write('\u0003');
		await wizard.exited;
		rss.push(peak());
	}

	return {node: median(nodeTimes), inkFloor: median(floorTimes), inkFloorRss: median(floorRss), wizard: median(wizardTimes), rss: median(rss)};
}

/** First frame when every answer takes `latencyMs` (a far API): the request overlaps the loading. */
async function startupFarApi(latencyMs: number): Promise<number> {
	const fake = await startFakeApi({state: demoState(), latencyMs});
	try {
		const times: number[] = [];
		for (let index = 0; index < runs; index++) {
			const start = performance.now();
			const wizard = spawn(process.execPath, [cli], {env: {QOVERY_API_URL: fake.url, QOVERY_API_TOKEN: token}});
			const ready = await wizard.waitFor('Acme Corp');
			times.push(ready - start);
			wizard.process.write('\u0003');
			await wizard.exited;
		}

		return median(times);
	} finally {
		await fake.close();
	}
}

/** Bytes written per cursor move in a list showing 20 rows, and per filter character. */
async function bytesPerKey(fake: FakeApi): Promise<{move: number; filter: number}> {
	const terminal = spawn(process.execPath, [cli, '--org', largeOrganizationId, '--connection', 'mega-sso'], {
		rows: 30,
		env: {QOVERY_API_URL: fake.url, QOVERY_API_TOKEN: token},
	});
	await terminal.waitFor('Default role', 20_000);
	await terminal.settle();
	const moves: number[] = [];
	for (let index = 0; index < 20; index++) {
		const mark = terminal.mark();
		terminal.process.write('\u001B[B');
		await terminal.waitForBytes(mark);
		await terminal.settle();
		moves.push(terminal.bytesSince(mark));
	}

	const typed: number[] = [];
	for (const character of 'role 1') {
		const mark = terminal.mark();
		terminal.process.write(character);
		await terminal.waitForBytes(mark);
		await terminal.settle();
		typed.push(terminal.bytesSince(mark));
	}

	terminal.process.write('\u0003');
	await terminal.exited;
	return {move: median(moves), filter: median(typed)};
}

/** Render time per keystroke, in process: key written to frame written. */
async function renderTimes(fake: FakeApi): Promise<{roleList: number; mappings: number; groupEditor: number; inkList: number}> {
	const [{render}, React, {createClient}, {Wizard}] = await Promise.all([
		import('ink'),
		import('react'),
		import('../source/api/client.js'),
		import('../source/ui/Wizard.js'),
	]);
	const {EventEmitter} = await import('node:events');

	class Output extends EventEmitter {
		columns = 80;
		rows = 30;
		isTTY = true;
		lastWrite = 0;
		write(chunk: string) {
			this.lastWrite = performance.now();
			this.frames++;
			this.text = (this.text + chunk).slice(-200_000);
			return true;
		}

		frames = 0;
		text = '';
	}

	class Input extends EventEmitter {
		isTTY = true;
		queue: string[] = [];
		setRawMode() {}
		setEncoding() {}
		ref() {}
		unref() {}
		read() {
			return this.queue.shift() ?? null;
		}

		type(data: string) {
			this.queue.push(data);
			this.emit('readable');
		}
	}

	const stdout = new Output();
	const stdin = new Input();
	const api = createClient({apiUrl: fake.url, token});
	let done = false;
	const instance = render(
		React.createElement(Wizard, {api, selection: {organization: largeOrganizationId, connection: 'mega-sso'}, onExit: () => {
			done = true;
		}}),
		{stdout: stdout as never, stdin: stdin as never, stderr: stdout as never, exitOnCtrlC: false, patchConsole: false},
	);
	const waitText = async (text: string) => {
		const deadline = performance.now() + 20_000;
		while (!stdout.text.includes(text)) {
			if (performance.now() > deadline) {
				throw new Error(`render bench: no "${text}" on screen; last frame: ${stdout.text.slice(-400)}`);
			}

			await sleep(10);
		}
	};

	const time = async (key: string) => {
		const frames = stdout.frames;
		const start = performance.now();
		stdin.type(key);
		const deadline = start + 2000;
		// A frame is written as several chunks (synchronized-output markers
		// around it): wait for the writes to stop.
		while ((stdout.frames === frames || performance.now() - stdout.lastWrite < 5) && performance.now() < deadline) {
			await new Promise(resolve => setImmediate(resolve));
		}

		const elapsed = stdout.lastWrite - start;
		// Ink draws at most 30 frames a second: keys are spaced past that.
		await sleep(40);
		return elapsed;
	};

	await waitText('Default role');
	const roleList: number[] = [];
	for (let index = 0; index < 20; index++) {
		roleList.push(await time(index % 2 === 0 ? '\u001B[B' : '\u001B[A'));
	}

	for (const character of 'ro') {
		roleList.push(await time(character));
	}

	await time('\r');
	await waitText('Enforce group sync');
	await time('\r');
	await waitText('Group mappings');
	const mappings: number[] = [];
	for (let index = 0; index < 20; index++) {
		mappings.push(await time('\u001B[B'));
	}

	await time('\r');
	await waitText('Groups for');
	const groupEditor: number[] = [];
	for (const character of 'new-group') {
		groupEditor.push(await time(character));
	}

	instance.unmount();
	void done;

	// The baseline: Ink alone redrawing a list of the same size, 28 rows of 79
	// columns whose highlighted row moves, on the same fake terminal.
	const {Box, Text, useInput} = await import('ink');
	const {useState} = React;
	function InkList() {
		const [cursor, setCursor] = useState(0);
		useInput((_input, key) => {
			setCursor(current => (current + (key.upArrow ? 27 : 1)) % 28);
		});
		return React.createElement(Box, {flexDirection: 'column'}, ...Array.from({length: 28}, (_, row) =>
			React.createElement(Text, {key: row, color: row === cursor ? 'cyan' : undefined, wrap: 'truncate-end'}, `${row === cursor ? '> ' : '  '}row ${row} `.padEnd(79, 'x'))));
	}

	stdout.text = '';
	const baseline = render(React.createElement(InkList), {stdout: stdout as never, stdin: stdin as never, stderr: stdout as never, exitOnCtrlC: false, patchConsole: false});
	await waitText('row 27');
	const inkList: number[] = [];
	for (let index = 0; index < 20; index++) {
		inkList.push(await time('\u001B[B'));
	}

	baseline.unmount();
	return {roleList: median(roleList), mappings: median(mappings), groupEditor: median(groupEditor), inkList: median(inkList)};
}

/** Requests of a whole wizard run with no step skipped: orgs, connections, connection + roles, re-check, PUT. */
/**
 * A whole wizard run, as an operator makes it against the API: organization,
 * connection, a new default role, sync kept, mappings kept, review, PUT.
 * Gives the requests it made and its peak RSS; repeated for the median.
 */
async function wholeRuns(): Promise<{requests: number; rss: number; bareRss: number}> {
	const rss: number[] = [];
	const bareRss: number[] = [];
	let requests = 0;
	for (let index = 0; index < runs; index++) {
		// A fresh fake each time, so every run makes the same change.
		const fake = await startFakeApi({state: demoState()});
		try {
			const bare = spawn(process.execPath, ['-e', '0']);
			const barePeak = watchPeakRss(bare.process.pid);
			await bare.exited;
			bareRss.push(barePeak());

			const terminal = spawn(process.execPath, [cli], {env: {QOVERY_API_URL: fake.url, QOVERY_API_TOKEN: token}});
			const peak = watchPeakRss(terminal.process.pid);
			await terminal.waitFor('Step 1 of 6');
			terminal.process.write('\r');
			await terminal.waitFor('Step 2 of 6');
			terminal.process.write('\r');
			await terminal.waitFor('Step 3 of 6');
			terminal.process.write('\u001B[A');
			await terminal.settle();
			terminal.process.write('\r');
			await terminal.waitFor('Step 4 of 6');
			terminal.process.write('\r');
			await terminal.waitFor('Step 5 of 6');
			terminal.process.write('c');
			await terminal.waitFor('Send these changes?');
			terminal.process.write('\r');
			await terminal.waitFor('Saved.');
			terminal.process.write('\r');
			await terminal.exited;
			rss.push(peak());
			requests = fake.requests.length;
		} finally {
			await fake.close();
		}
	}

	return {requests, rss: median(rss), bareRss: median(bareRss)};
}

if (!fs.existsSync(cli)) {
	throw new Error('dist/cli.js is missing: run npm run build first (npm run bench does).');
}

const started = performance.now();
const start = process.argv.includes('--skip-startup') ? {node: 1, inkFloor: 1, inkFloorRss: 0, wizard: 1, rss: 0} : await startup();
const farLatency = 300;
const far = process.argv.includes('--skip-startup') ? 0 : await startupFarApi(farLatency);
const large = await startFakeApi({state: largeState()});
let bytes: {move: number; filter: number};
let render: {roleList: number; mappings: number; groupEditor: number; inkList: number};
try {
	bytes = await bytesPerKey(large);
	render = await renderTimes(large);
} finally {
	await large.close();
}

const whole = await wholeRuns();
fs.rmSync(configDir, {recursive: true, force: true});

const rows: Array<[string, string, string, string]> = [
	['a. start to first interactive frame (demo)', `${start.wizard.toFixed(0)} ms`, `bare node -e 0: ${start.node.toFixed(0)} ms, ratio ${(start.wizard / start.node).toFixed(2)}x`, '<= 1.8x'],
	['a. the same, against a minimal Ink app', `${start.wizard.toFixed(0)} ms`, `one <Text>, same bundling: ${start.inkFloor.toFixed(0)} ms (${(start.inkFloor / start.node).toFixed(2)}x bare), ratio ${(start.wizard / start.inkFloor).toFixed(2)}x`, ''],
	['a. first frame, API answering in 300 ms', `${far.toFixed(0)} ms`, `latency + bare node: ${(farLatency + start.node).toFixed(0)} ms`, ''],
	['b. peak RSS, whole wizard run to the PUT', `${whole.rss.toFixed(1)} MiB`, `bare node -e 0: ${whole.bareRss.toFixed(1)} MiB`, '<= 80 MiB'],
	['b. peak RSS, demo to first frame', `${start.rss.toFixed(1)} MiB`, `minimal Ink app: ${start.inkFloorRss.toFixed(1)} MiB`, ''],
	['c. bytes per cursor move (20-row list)', `${bytes.move} B`, '', '<= 200 B'],
	['c. bytes per filter character', `${bytes.filter} B`, '', ''],
	['d. render per key, role list (500 roles)', `${render.roleList.toFixed(2)} ms`, `Ink alone, 28-row list: ${render.inkList.toFixed(2)} ms`, '<= 16 ms'],
	['d. render per key, mappings (200 roles x 25 groups)', `${render.mappings.toFixed(2)} ms`, `Ink alone, 28-row list: ${render.inkList.toFixed(2)} ms`, '<= 16 ms'],
	['d. render per key, group editor (25 groups)', `${render.groupEditor.toFixed(2)} ms`, '', '<= 16 ms'],
	['e. HTTP requests of a full wizard run', String(whole.requests), '', '6'],
];
const table = [
	`Medians of ${runs} runs (render: 20+ keys), node ${process.version}, ${new Date().toISOString().slice(0, 10)}:`,
	'',
	'| measure | value | baseline (same run) | target |',
	'| --- | --- | --- | --- |',
	...rows.map(row => `| ${row.join(' | ')} |`),
].join('\n');
process.stdout.write(`${table}\n\n(${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
fs.mkdirSync(path.join(root, '.bench'), {recursive: true});
fs.writeFileSync(path.join(root, ".bench", "latest.json"), `${JSON.stringify({date: new Date().toISOString(), node: process.version, runs, start, far, bytes, render, whole}, null, 2)}\n`);
