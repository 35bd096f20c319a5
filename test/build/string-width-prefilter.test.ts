/**
 * The bundle builds string-width's RGI emoji expression only for text that
 * holds an Emoji code point (scripts/bundle-options.mjs). Here the patched
 * copy, built the way dist/ is, must give the same width as the original,
 * and the premise of the filter must hold for every code point.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {build} from 'esbuild';
import original from 'string-width';
import {stringWidthEmojiPrefilter} from '../../scripts/bundle-options.mjs';

type Width = (text: string) => number;

const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');
/** The filter the bundle applies (scripts/bundle-options.mjs). */
const mayBeEmoji = /[\p{Emoji_Presentation}\uFE0F]/u;

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qovery-sso-string-width-'));
let patched: Width;

/** Every sample, with the width it must have; a difference names the code points. */
function differences(samples: Iterable<string>): string[] {
	const found: string[] = [];
	for (const sample of samples) {
		if (patched(sample) !== original(sample)) {
			found.push([...sample].map(character => `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`).join(' '));
		}
	}

	return found;
}

function* codePoints(): Generator<string> {
	for (let codePoint = 0; codePoint <= 0x10_FF_FF; codePoint++) {
		yield String.fromCodePoint(codePoint);
	}
}

describe('string-width with the emoji prefilter', {timeout: 120_000}, () => {
	before(async () => {
		const outfile = path.join(directory, 'string-width.mjs');
		await build({
			stdin: {contents: "export {default} from 'string-width';", resolveDir: process.cwd(), loader: 'js'},
			bundle: true,
			format: 'esm',
			platform: 'node',
			target: 'node20',
			outfile,
			plugins: [stringWidthEmojiPrefilter],
			logLevel: 'silent',
		});
		const source = fs.readFileSync(outfile, 'utf8');
		assert.match(source, /emojiCodePointRegex = \/\[\\p\{Emoji_Presentation\}/, 'the bundle carries the same prefilter');
		patched = ((await import(pathToFileURL(outfile).href)) as {default: Width}).default;
	});
	after(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	test('the copy under test is the patched one, and the original does count emoji as wide (the checks below can fail)', () => {
		assert.notEqual(patched, original);
		assert.equal(original('👍'), 2);
		assert.equal(original('❯'), 1);
	});

	test('the premise: no code point, alone or with a presentation selector, is an RGI emoji without emoji presentation or VS16', () => {
		const counterexamples: string[] = [];
		let emoji = 0;
		for (const character of codePoints()) {
			for (const text of [character, `${character}\uFE0F`, `${character}\uFE0E`]) {
				if (rgiEmoji.test(text)) {
					emoji++;
					if (!mayBeEmoji.test(text)) {
						counterexamples.push(text);
					}
				}
			}
		}

		assert.ok(emoji > 1000, `only ${emoji} emoji found`);
		assert.deepEqual(counterexamples, []);
	});

	test('the same width as the original: the symbol and emoji blocks whole, and every 61st code point elsewhere', () => {
		function* samples(): Generator<string> {
			for (const character of codePoints()) {
				const codePoint = character.codePointAt(0)!;
				const symbolBlock = (codePoint >= 0x20_00 && codePoint <= 0x2B_FF) || (codePoint >= 0x1_F0_00 && codePoint <= 0x1_FA_FF);
				if (symbolBlock || codePoint % 61 === 0) {
					yield character;
					yield `${character}\uFE0F`;
					yield `${character}\uFE0E`;
				}
			}
		}

		assert.deepEqual(differences(samples()), []);
	});

	test('keycaps, flags, skin tones, tag sequences and ZWJ sequences', () => {
		const samples: string[] = [];
		for (const base of '0123456789#*') {
			samples.push(`${base}\uFE0F\u20E3`, `${base}\u20E3`);
		}

		for (let first = 0x1_F1_E6; first <= 0x1_F1_FF; first++) {
			for (let second = 0x1_F1_E6; second <= 0x1_F1_FF; second++) {
				samples.push(String.fromCodePoint(first, second));
			}
		}

		const modifiable = /\p{Emoji_Modifier_Base}/u;
		for (const character of codePoints()) {
			if (modifiable.test(character)) {
				for (let tone = 0x1_F3_FB; tone <= 0x1_F3_FF; tone++) {
					samples.push(character + String.fromCodePoint(tone));
				}
			}
		}

		samples.push(
			'\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', // England
			'\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}', // family
			'\u{1F3F3}\uFE0F\u200D\u{1F308}', // rainbow flag
			'\u{1F9D1}\u{1F3FD}\u200D\u{1F4BB}', // technologist, medium skin tone
			'\u2764\uFE0F\u200D\u{1F525}', // heart on fire
			'\u{1F441}\uFE0F\u200D\u{1F5E8}\uFE0F', // eye in speech bubble: text-style parts
			'\u{1F3F3}\uFE0F\u200D\u26A7\uFE0F', // transgender flag
			'\u{1F43B}\u200D\u2744\uFE0F', // polar bear
			'\u26D3\uFE0F\u200D\u{1F4A5}', // broken chain
			'\u{1F441}\u200D\u{1F5E8}', // the same eye, unqualified: not RGI
			'Acme ❯ Admin → DevOps • ⚠ ✔ 👍 groupe-équipe 管理者 Step 1 of 6',
		);
		assert.deepEqual(differences(samples), []);
		const unfiltered = samples.filter(sample => rgiEmoji.test(sample) && !mayBeEmoji.test(sample));
		assert.deepEqual(unfiltered, [], 'every RGI sequence here passes the filter');
		const sequences = samples.filter(sample => rgiEmoji.test(sample)).length;
		assert.ok(sequences > 800, `only ${sequences} RGI sequences among the samples`);
	});
});
