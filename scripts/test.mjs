// Runs every test file under test/ with node's test runner and tsx.
// Node 20's runner does not look for .ts files itself, hence this list.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';

function find(directory) {
	return readdirSync(directory, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) {
			return find(full);
		}

		return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

const filters = process.argv.slice(2);
const files = find('test').filter(file => filters.length === 0 || filters.some(filter => file.includes(filter))).sort();
if (files.length === 0) {
	console.error('No test files matched.');
	process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {stdio: 'inherit'});
process.exit(result.status ?? 1);
