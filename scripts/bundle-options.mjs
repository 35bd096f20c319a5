// What every bundle of the CLI shares: the fixes applied to dependencies at
// bundle time, and the production options. scripts/build.mjs builds dist/
// with them; the benchmark builds its minimal Ink baseline with them too, so
// both start from the same footing.
import {readFile} from 'node:fs/promises';
import {dirname} from 'node:path';

// Ink 6.8's incremental renderer moves the cursor up one line too few when
// the previous frame ended with a newline (every frame that is shorter than
// the terminal), so each redraw lands one line lower. Fixed here at bundle
// time; the build fails if the code it fixes is no longer there.
export const inkIncrementalFix = {
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

// Yoga's loader fetches its own WebAssembly from a data: URL when a global
// fetch exists, which loads Node's whole fetch stack and decodes the 96 KB
// URL slowly (about 30 ms and 6 MiB at every start). The synchronous base64
// path it falls back to does the same job; the bundle always takes it.
export const yogaLoaderFix = {
	name: 'yoga-loader-fix',
	setup(context) {
		context.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const fetching = 'w||"function"!=typeof fetch?Promise.resolve()';
			if (source.split(fetching).length !== 2) {
				throw new Error(`yoga-loader-fix: ${path} changed; check whether the fix is still needed`);
			}

			return {contents: source.replace(fetching, 'w||!0?Promise.resolve()'), loader: 'js'};
		});
	},
};

// ofetch's entry reads globalThis.Headers when it loads, to build its default
// instance, and that read alone loads undici. The client makes its own
// instance (source/api/client.ts), so the bundle takes only createFetch and
// FetchError from ofetch; importing anything else fails the build.
export const ofetchLeanEntry = {
	name: 'ofetch-lean-entry',
	setup(context) {
		context.onLoad({filter: /ofetch[\\/]dist[\\/]index\.mjs$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const createFetch = /import \{ (\w+) as createFetch \} from '(\.\/shared\/[\w.-]+\.mjs)';/.exec(source);
			const fetchError = /export \{ (\w+) as FetchError\b[^}]*\} from '(\.\/shared\/[\w.-]+\.mjs)';/.exec(source);
			if (!createFetch || !fetchError || createFetch[2] !== fetchError[2]) {
				throw new Error(`ofetch-lean-entry: ${path} changed; check how it builds its default instance`);
			}

			return {contents: `export {${createFetch[1]} as createFetch, ${fetchError[1]} as FetchError} from '${createFetch[2]}';`, loader: 'js', resolveDir: dirname(path)};
		});
	},
};

// string-width builds /^\p{RGI_Emoji}$/v when it loads and compiles it on the
// first non-ASCII text: about 40 ms of every start, for emoji the wizard
// never shows. An RGI emoji is fully qualified (UTS #51): it holds a code
// point of emoji presentation or a VS16 (U+FE0F). Text with neither cannot
// match, so the big expression is built only for text that might. Same
// answers; test/build/string-width-prefilter.test.ts checks the premise for
// every code point and the widths against the original.
export const stringWidthEmojiPrefilter = {
	name: 'string-width-emoji-prefilter',
	setup(context) {
		context.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const declaration = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
			// The declaration and its one use: nothing else may read the expression.
			if (!source.includes(declaration) || source.split('rgiEmojiRegex').length !== 3 || !source.includes('rgiEmojiRegex.test(segment)')) {
				// A copy that predates the expression (string-width 7) is left as it is.
				if (!source.includes('p{RGI_Emoji}$/v')) {
					return undefined;
				}

				throw new Error(`string-width-emoji-prefilter: ${path} changed; check how it detects emoji`);
			}

			const lazy = [
				'const emojiCodePointRegex = /[\\p{Emoji_Presentation}\\uFE0F]/u;',
				'let rgiEmojiRegexBuilt;',
				"const rgiEmojiRegex = {test: segment => emojiCodePointRegex.test(segment) && (rgiEmojiRegexBuilt ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment)};",
			].join('\n');
			return {contents: source.replace(declaration, () => lazy), loader: 'js'};
		});
	},
};

export const bundleFixes = [inkIncrementalFix, yogaLoaderFix, ofetchLeanEntry, stringWidthEmojiPrefilter];

/** esbuild options for a production bundle on Node 20. */
export const productionOptions = {
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	sourcemap: false,
	jsx: 'automatic',
	// Ink loads its devtools only in development; never bundled.
	external: ['react-devtools-core'],
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		// Some dependencies are CommonJS and require Node built-ins at run time.
		js: "import {createRequire as __qsCreateRequire} from 'node:module';const require=__qsCreateRequire(import.meta.url);",
	},
	plugins: bundleFixes,
	// ofetch's Node entry bundles node-fetch-native (113 KB) for old Nodes;
	// Node 20 has fetch built in, which the neutral entry uses.
	alias: {ofetch: './node_modules/ofetch/dist/index.mjs'},
	logLevel: 'warning',
};
