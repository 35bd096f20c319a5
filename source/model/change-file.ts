/**
 * The change file read by `plan` and `apply` (and written by `export`):
 * YAML or JSON text to checked fields, with a line number for every problem.
 * Pure: no file system, no API. Roles stay as written here; they are turned
 * into the API's keys against an organization's roles in `file-edits.ts`.
 *
 * Format (every key optional; a key left out keeps the server's value):
 *
 *   connection_name: acme-okta        # if given, must be the target connection
 *   organization: {id: ..., name: ...} # informational (written by export), ignored
 *   default_role: viewer              # basic role, custom role name, or UUID
 *   enforce_group_sync: true          # true or false
 *   group_mappings:                   # the WHOLE mapping: roles left out lose their groups
 *     admin: [Platform-Admins]
 *     Release Manager:
 *       - Releasers
 */
import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml';
import {checkGroupName, trimGroupName} from './groups.js';

export type FileFormat = 'yaml' | 'json';

/** A value with the line (1-based) it was written on, when known. */
export type Located<T> = {value: T; line?: number};

/** One role of `group_mappings` as written: the role reference and its checked groups. */
export type MappingEntry = {
	/** As written (a name, a basic role key or a UUID); resolved later. */
	role: string;
	line?: number;
	/** Trimmed, duplicates merged, in file order. */
	groups: string[];
};

export type ChangeFields = {
	connectionName?: Located<string>;
	organization?: Located<unknown>;
	defaultRole?: Located<string>;
	enforceGroupSync?: Located<boolean>;
	groupMappings?: {line?: number; entries: MappingEntry[]};
};

/** A problem (or a note) about the file: where, which field, and why. */
export type FileProblem = {
	line?: number;
	/** `group_mappings.devops[1]`; empty for problems with the file as a whole. */
	field: string;
	message: string;
};

export type ParsedChangeFile = {
	format: FileFormat;
	fields: ChangeFields;
	/** Any problem means the file must not be applied. */
	problems: FileProblem[];
	/** Fixed on the fly (names trimmed, duplicates merged): shown, not fatal. */
	notes: FileProblem[];
};

export const changeFileKeys = ['connection_name', 'organization', 'default_role', 'enforce_group_sync', 'group_mappings'] as const;

/** The format a file name announces, if any. */
export function formatOfName(name: string): FileFormat | undefined {
	if (/\.json$/i.test(name)) {
		return 'json';
	}

	return /\.ya?ml$/i.test(name) ? 'yaml' : undefined;
}

/**
 * Parse and check a change file. `format` comes from the file's extension
 * when it has one (see formatOfName); otherwise text that parses as JSON is
 * JSON and anything else is YAML.
 */
export function parseChangeFile(text: string, format?: FileFormat): ParsedChangeFile {
	const source = text.replace(/^\uFEFF/, '');
	const detected: FileFormat = format ?? (looksLikeJson(source) ? 'json' : 'yaml');
	const result: ParsedChangeFile = {format: detected, fields: {}, problems: [], notes: []};

	if (source.trim() === '') {
		result.problems.push({field: '', message: 'the file is empty; write at least one setting, or {} to change nothing'});
		return result;
	}

	const lines = new LineCounter();
	const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);

	if (detected === 'json') {
		const jsonProblem = checkJson(source);
		if (jsonProblem) {
			result.problems.push(jsonProblem);
			return result;
		}
	}

	const document = parseDocument(source, {lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true});
	const yamlIssues = [...document.errors, ...document.warnings];
	if (yamlIssues.length > 0) {
		for (const issue of yamlIssues) {
			result.problems.push({line: lineOf(issue.pos[0]), field: '', message: yamlMessage(issue.code, issue.message)});
		}

		return result;
	}

	const reader = new FieldReader(document, source, lineOf, result);
	reader.readTop(document.contents);
	return result;
}

/** `mapping.yaml:7: group_mappings.devops[1]: a group name cannot be empty` */
export function formatProblem(file: string, problem: FileProblem): string {
	const where = problem.line === undefined ? file : `${file}:${problem.line}`;
	return problem.field === '' ? `${where}: ${problem.message}` : `${where}: ${problem.field}: ${problem.message}`;
}

/** `group_mappings.devops[1]`, `group_mappings["Release Manager"][0]` */
export function fieldPath(...parts: Array<string | number>): string {
	let path = '';
	for (const part of parts) {
		if (typeof part === 'number') {
			path += `[${part}]`;
		} else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) {
			path += path === '' ? part : `.${part}`;
		} else {
			path += `[${JSON.stringify(part)}]`;
		}
	}

	return path;
}

function looksLikeJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** Strict JSON first, so a .json file is JSON and not just YAML that looks like it. */
function checkJson(text: string): FileProblem | undefined {
	try {
		JSON.parse(text);
		return undefined;
	} catch (error) {
		const message = (error as Error).message;
		const position = /at position (\d+)/.exec(message);
		const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
		const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
		return {line, field: '', message: `not valid JSON: ${reason}`};
	}
}

function yamlMessage(code: string, message: string): string {
	if (code === 'DUPLICATE_KEY') {
		return 'a key is written twice (each key may appear once)';
	}

	if (code === 'MULTIPLE_DOCS') {
		return 'the file holds several YAML documents (---); keep one';
	}

	return `not valid YAML: ${message.split('\n')[0]}`;
}

type Plain = string | number | boolean | bigint | null | undefined | Plain[] | {[key: string]: Plain};

/** What a value is, for "expected X, got Y" messages. */
function describe(node: unknown, source: string): string {
	if (node === null || node === undefined) {
		return 'nothing';
	}

	if (isSeq(node)) {
		return 'a list';
	}

	if (isMap(node)) {
		return 'a mapping';
	}

	if (isScalar(node)) {
		const {value} = node;
		if (value === null) {
			return 'nothing (null)';
		}

		if (typeof value === 'string') {
			return `the text ${JSON.stringify(value)}`;
		}

		if (typeof value === 'number' || typeof value === 'bigint') {
			return `the number ${sourceOf(node, source)}`;
		}

		if (typeof value === 'boolean') {
			return String(value);
		}
	}

	return 'something else';
}

function sourceOf(node: YamlNode, source: string): string {
	return node.range ? source.slice(node.range[0], node.range[1]).trim() : String((node as {value?: unknown}).value);
}

class FieldReader {
	constructor(
		readonly document: Document,
		readonly source: string,
		readonly lineOf: (offset: number | undefined) => number | undefined,
		readonly result: ParsedChangeFile,
	) {}

	line(node: unknown): number | undefined {
		return this.lineOf((node as YamlNode | null)?.range?.[0]);
	}

	problem(node: unknown, field: string, message: string): void {
		this.result.problems.push({line: this.line(node), field, message});
	}

	note(node: unknown, field: string, message: string): void {
		this.result.notes.push({line: this.line(node), field, message});
	}

	/** Aliases (`*name`) read as what they point at. */
	resolve(node: unknown): unknown {
		return isAlias(node) ? node.resolve(this.document) : node;
	}

	readTop(contents: unknown): void {
		const top = this.resolve(contents);
		if (!isMap(top)) {
			this.problem(top, '', `expected a mapping of settings (${changeFileKeys.join(', ')}), got ${describe(top, this.source)}`);
			return;
		}

		const {fields} = this.result;
		for (const pair of top.items) {
			const keyNode = this.resolve(pair.key);
			const value = this.resolve(pair.value);
			const key = isScalar(keyNode) ? keyNode.value : undefined;
			switch (key) {
				case 'connection_name': {
					const text = this.text(value, 'connection_name', 'the name of the connection');
					if (text !== undefined) {
						fields.connectionName = {value: text, line: this.line(value ?? keyNode)};
					}

					break;
				}

				case 'organization': {
					fields.organization = {value: isScalar(value) || isMap(value) || isSeq(value) ? (value.toJSON() as Plain) : undefined, line: this.line(keyNode)};
					break;
				}

				case 'default_role': {
					const text = this.text(value, 'default_role', 'a role name, basic role or role UUID');
					if (text !== undefined) {
						fields.defaultRole = {value: text, line: this.line(value ?? keyNode)};
					}

					break;
				}

				case 'enforce_group_sync': {
					if (isScalar(value) && typeof value.value === 'boolean') {
						fields.enforceGroupSync = {value: value.value, line: this.line(value)};
					} else {
						const hint = isScalar(value) && typeof value.value === 'string' && /^(yes|no|on|off|y|n)$/i.test(value.value)
							? ' (write true or false)'
							: '';
						this.problem(value ?? keyNode, 'enforce_group_sync', `expected true or false, got ${describe(value, this.source)}${hint}`);
					}

					break;
				}

				case 'group_mappings': {
					this.readMappings(keyNode, value);
					break;
				}

				default: {
					const shown = key === undefined || key === null ? 'an empty key' : `unknown key ${JSON.stringify(String(key))}`;
					this.problem(keyNode ?? value, key === undefined || key === null ? '' : fieldPath(String(key)), `${shown}; the keys are ${changeFileKeys.join(', ')}`);
				}
			}
		}
	}

	text(value: unknown, field: string, what: string): string | undefined {
		if (isScalar(value) && typeof value.value === 'string') {
			if (value.value.trim() === '') {
				this.problem(value, field, `expected ${what}, got an empty text`);
				return undefined;
			}

			return value.value;
		}

		this.problem(value, field, `expected ${what} (text), got ${describe(value, this.source)}`);
		return undefined;
	}

	readMappings(keyNode: unknown, value: unknown): void {
		if (!isMap(value)) {
			this.problem(value ?? keyNode, 'group_mappings', `expected a mapping of role to a list of group names, got ${describe(value, this.source)} (write {} for no mappings at all)`);
			return;
		}

		const entries: MappingEntry[] = [];
		for (const pair of value.items) {
			const roleNode = this.resolve(pair.key);
			const roleValue = isScalar(roleNode) ? roleNode.value : undefined;
			if (roleValue === undefined || roleValue === null || (typeof roleValue === 'string' && roleValue.trim() === '')) {
				this.problem(roleNode ?? pair.value, 'group_mappings', 'a role name is empty');
				continue;
			}

			if (typeof roleValue !== 'string') {
				this.problem(roleNode, fieldPath('group_mappings', String(roleValue)), `a role is written as ${describe(roleNode, this.source)}; write a role name or UUID as text`);
				continue;
			}

			const groups = this.readGroups(roleValue, roleNode, this.resolve(pair.value));
			if (groups) {
				entries.push({role: roleValue, line: this.line(roleNode), groups});
			}
		}

		this.result.fields.groupMappings = {line: this.line(keyNode), entries};
	}

	readGroups(role: string, roleNode: unknown, list: unknown): string[] | undefined {
		const field = fieldPath('group_mappings', role);
		if (!isSeq(list)) {
			const hint = isScalar(list) && typeof list.value === 'string' ? ` (write it as a list: [${JSON.stringify(list.value)}])` : ' (write [] for none)';
			this.problem(list ?? roleNode, field, `expected a list of group names, got ${describe(list, this.source)}${hint}`);
			return undefined;
		}

		const groups: string[] = [];
		let valid = true;
		list.items.forEach((raw, index) => {
			const item = this.resolve(raw);
			const itemField = fieldPath('group_mappings', role, index);
			const at = item ?? list;
			if (item === null || item === undefined || (isScalar(item) && item.value === null)) {
				this.problem(at, itemField, 'a group name cannot be empty');
				valid = false;
				return;
			}

			if (!isScalar(item) || typeof item.value !== 'string') {
				const quoted = isScalar(item) ? ` (quote it if it is a name: "${sourceOf(item, this.source)}")` : '';
				this.problem(at, itemField, `a group name must be text, got ${describe(item, this.source)}${quoted}`);
				valid = false;
				return;
			}

			const name = trimGroupName(item.value);
			const problem = checkGroupName(name);
			if (problem) {
				this.problem(at, itemField, problem);
				valid = false;
				return;
			}

			if (name !== item.value) {
				this.note(at, itemField, `${JSON.stringify(item.value)} starts or ends with spaces; trimmed to ${JSON.stringify(name)}`);
			}

			const first = groups.indexOf(name);
			if (first >= 0) {
				this.note(at, itemField, `${JSON.stringify(name)} is already listed for this role; the two are merged into one`);
				return;
			}

			groups.push(name);
		});

		return valid ? groups : undefined;
	}
}
