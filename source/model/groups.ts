/**
 * IdP group names as an operator types or pastes them.
 *
 * Names are kept exactly as the IdP sends them (case, inner spaces, commas,
 * unicode, GUIDs) except for surrounding whitespace, which never matches
 * anything at sign-in and is trimmed.
 */

// C0 and C1 control characters, DEL included. Tabs and newlines never
// survive parsing: they separate entries.
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;

// Spaces that look like a plain space but are not one (NBSP, thin spaces...).
const unusualSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]/;

// Prompt answers that a multi-line paste may carry along by mistake.
const answerLike = /^(y|n|yes|no)$/i;

export type GroupIssue = {group: string; reason: string};

export type ParsedGroups = {
	/** Valid names, trimmed, first occurrence kept, in input order. */
	groups: string[];
	/** Entries refused, with why. */
	rejected: GroupIssue[];
	/** Entries dropped because they only looked like answers to a prompt. */
	droppedAnswers: string[];
	/** How many entries merged into an earlier identical one. */
	duplicates: number;
};

/**
 * Split an entry into group names: one per line when it has several lines
 * (so a name may contain a comma), otherwise comma-separated.
 */
export function splitGroupEntry(text: string): {entries: string[]; multiline: boolean} {
	const normalized = text.replace(/\r\n?/g, '\n');
	const lines = normalized.split('\n');
	const multiline = lines.filter(line => line.trim() !== '').length > 1;
	if (multiline) {
		return {entries: lines, multiline};
	}

	return {entries: normalized.replace(/\n/g, '').split(','), multiline};
}

export function checkGroupName(name: string): string | undefined {
	if (name.trim() === '') {
		return 'a group name cannot be empty';
	}

	if (controlCharacter.test(name)) {
		return 'a group name cannot contain control characters';
	}

	return undefined;
}

export function hasUnusualSpace(name: string): boolean {
	return unusualSpace.test(name);
}

/**
 * Parse what was typed or pasted into group names.
 * Blank entries between separators are ignored; an entry with nothing valid
 * at all is reported by the caller as "empty".
 */
export function parseGroupEntry(text: string, existing: readonly string[] = []): ParsedGroups {
	const {entries, multiline} = splitGroupEntry(text);
	const seen = new Set(existing);
	const result: ParsedGroups = {groups: [], rejected: [], droppedAnswers: [], duplicates: 0};
	for (const raw of entries) {
		const name = trimGroupName(raw);
		if (name === '') {
			continue;
		}

		if (multiline && answerLike.test(name)) {
			result.droppedAnswers.push(name);
			continue;
		}

		const problem = checkGroupName(name);
		if (problem) {
			result.rejected.push({group: name, reason: problem});
			continue;
		}

		if (seen.has(name)) {
			result.duplicates++;
			continue;
		}

		seen.add(name);
		result.groups.push(name);
	}

	return result;
}

/** Trim ordinary and unusual whitespace at both ends, keep inner spaces. */
export function trimGroupName(name: string): string {
	return name.replace(/^[\s\uFEFF\u200B]+|[\s\uFEFF\u200B]+$/g, '');
}

/** Trimmed, de-duplicated list: what a role's groups look like when sent. */
export function normalizeGroups(groups: readonly string[]): string[] {
	return [...new Set(groups.map(trimGroupName).filter(name => name !== ''))];
}
