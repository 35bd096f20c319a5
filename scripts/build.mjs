// Bundles the CLI into dist/: one minified ESM entry plus lazily loaded chunks,
// so a command only pays for the libraries it uses.
import {readFile, rm, chmod} from 'node:fs/promises';
import {build} from 'esbuild';

// Ink 6.8's incremental renderer moves the cursor up one line too few when
// the previous frame ended with a newline (every frame that is shorter than
// the terminal), so each redraw lands one line lower. Fixed here at bundle
// time; the build fails if the code it fixes is no longer there.
const inkIncrementalFix = {
	name: 'ink-incremental-fix',
	setup(context) {
		context.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const broken = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(broken)) {
				throw new Error(`ink-incremental-fix: ${path} changed; check whether the fix is still needed`);
			}

			const fixed = "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
			return {contents: source.replace(broken, fixed), loader: 'js'};
		});
	},
};

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
	plugins: [inkIncrementalFix],
	// ofetch's Node entry bundles node-fetch-native (113 KB) for old Nodes;
	// Node 20 has fetch built in, which the neutral entry uses.
	alias: {ofetch: './node_modules/ofetch/dist/index.mjs'},
	logLevel: 'warning',
});
await chmod(new URL('../dist/cli.js', import.meta.url), 0o755);
