import type {BuildOptions, Plugin} from 'esbuild';

export const inkIncrementalFix: Plugin;
export const yogaLoaderFix: Plugin;
export const ofetchLeanEntry: Plugin;
export const stringWidthEmojiPrefilter: Plugin;
export const bundleFixes: Plugin[];
export const productionOptions: BuildOptions;
