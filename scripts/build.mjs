// Bundles the CLI into dist/: one minified ESM entry plus lazily loaded chunks,
// so a command only pays for the libraries it uses.
import {readFile, rm, chmod} from 'node:fs/promises';
import {build} from 'esbuild';

const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'linked',
	sourcemap: false,
	jsx: 'automatic',
	// Ink loads its devtools only in development; never bundled.
	external: ['react-devtools-core'],
	define: {
		'process.env.NODE_ENV': '"production"',
		QOVERY_SSO_VERSION: JSON.stringify(manifest.version),
	},
	banner: {
		// Some dependencies are CommonJS and require Node built-ins at run time.
		js: "import {createRequire as __qsCreateRequire} from 'node:module';const require=__qsCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
await chmod(new URL('../dist/cli.js', import.meta.url), 0o755);
