import {build} from 'esbuild';
import {productionOptions} from '/work/main/scripts/bundle-options.mjs';
await build({...productionOptions, minify: false, entryPoints: ['source/cli.tsx'], outdir: '/work/main/.prof/dist', splitting: true, define: {...productionOptions.define, QOVERY_SSO_VERSION: '"0.0.0"'}});
