// Bundles the CLI into dist/: one minified ESM entry plus lazily loaded chunks,
// so a command only pays for the libraries it uses.
import {readFile, rm, chmod} from 'node:fs/promises';
import {build} from 'esbuild';
import {productionOptions} from './bundle-options.mjs';

const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	...productionOptions,
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	splitting: true,
	legalComments: 'linked',
	define: {
		...productionOptions.define,
		QOVERY_SSO_VERSION: JSON.stringify(manifest.version),
	},
});
await chmod(new URL('../dist/cli.js', import.meta.url), 0o755);
