/**
 * Run the fake Qovery API by itself, for trying the wizard by hand:
 *
 *   npx tsx scripts/fake-api.ts [--port N] [--latency MS] [--large] [--fail-put STATUS] [--hang-put]
 *
 * Prints the URL alone on stdout (so scripts can capture it), logs requests
 * on stderr, and runs until SIGINT or SIGTERM. Binds 127.0.0.1 only.
 */
import {STATUS_CODES} from 'node:http';
import {parseArgs} from 'node:util';
import {demoState, demoToken, largeState} from '../source/fake/demo-data.js';
import {startFakeApi} from '../source/fake/server.js';

function fail(message: string): never {
	process.stderr.write(`fake-api: ${message}\n`);
	process.exit(2);
}

function integer(value: string | undefined, flag: string, min: number, max: number): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		fail(`${flag} wants a whole number from ${min} to ${max}, not "${value}"`);
	}

	return number;
}

let parsed;
try {
	parsed = parseArgs({
		options: {
			port: {type: 'string'},
			latency: {type: 'string'},
			large: {type: 'boolean', default: false},
			'fail-put': {type: 'string'},
			'hang-put': {type: 'boolean', default: false},
		},
		strict: true,
	});
} catch (error) {
	fail((error as Error).message);
}

const {values} = parsed;
const port = integer(values.port, '--port', 0, 65_535);
const latencyMs = integer(values.latency, '--latency', 0, 600_000);
const failPut = integer(values['fail-put'], '--fail-put', 400, 599);
if (failPut !== undefined && values['hang-put']) {
	fail('--fail-put and --hang-put cannot be used together');
}

const api = await startFakeApi({
	state: values.large ? largeState() : demoState(),
	port,
	latencyMs,
	log: line => process.stderr.write(`${line}\n`),
});

if (failPut !== undefined) {
	api.inject({
		method: 'PUT',
		times: Infinity,
		fault: {
			kind: 'status',
			status: failPut,
			body: {status: failPut, error: STATUS_CODES[failPut] ?? 'Error', message: `PUT refused on purpose by --fail-put ${failPut}`},
		},
	});
}

if (values['hang-put']) {
	api.inject({method: 'PUT', times: Infinity, fault: {kind: 'hang'}});
}

process.stdout.write(`${api.url}\n`);
process.stderr.write(`fake-api: any well-formed token is accepted, e.g. QOVERY_API_TOKEN=${demoToken}\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) {
		return;
	}

	stopping = true;
	process.stderr.write(`fake-api: ${signal}, closing\n`);
	await api.close();
	process.exit(0);
}

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
