/**
 * Keystroke-level moves through the wizard, shared by the end-to-end tests.
 *
 * Every wait is on the screen, and the next key is sent the moment the
 * screen shows what was waited for: a step must take keys as soon as it is
 * drawn (field-cases.test.ts, C02 2b, checks exactly that).
 */
import type {PtySession} from './pty.js';

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	home: '\u001B[H',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlD: '\u0004',
} as const;

/** Wait for a screen (a step, a list, a field) to be drawn. */
export async function onScreen(session: PtySession, pattern: string | RegExp, timeoutMs?: number): Promise<void> {
	await session.waitFor(pattern, timeoutMs);
}

/** The line the list's pointer is on, without the pointer. */
export function highlighted(session: PtySession): string | undefined {
	const line = session.screen.lines().find(row => row.startsWith('❯ '));
	return line?.slice(2);
}

/** "Step 3 of 6: Default role", "Result"...: the line under the breadcrumb. */
export function stepTitle(session: PtySession): string | undefined {
	const lines = session.screen.lines();
	const crumb = lines.findIndex(line => line.startsWith('qovery-sso'));
	return crumb === -1 ? undefined : lines[crumb + 1];
}

export const screens = {
	organization: /Step 1 of 6: Organization[\s\S]*❯ Acme Corp[\s\S]*Ctrl\+C quit/,
	connection: /Step 2 of 6: Connection[\s\S]*❯ acme-okta[\s\S]*Ctrl\+C quit/,
	defaultRole: /Step 3 of 6: Default role[\s\S]*Contractor[\s\S]*Ctrl\+C quit/,
	groupSync: /Step 4 of 6: Enforced group sync[\s\S]*Off[\s\S]*Ctrl\+C quit/,
	mappingList: /Step 5 of 6: Group mappings[\s\S]*Continue to review/,
	pickRole: /Which role should IdP groups map to\?[\s\S]*Contractor[\s\S]*Ctrl\+C quit/,
	groupEditor: (label: string) => new RegExp(`Groups for ${escapeRegExp(label)}[\\s\\S]*Add:[\\s\\S]*Ctrl\\+C quit`),
	review: /Step 6 of 6: Review[\s\S]*Send these changes\?/,
	noChanges: /Step 6 of 6: Review[\s\S]*No changes/,
	result: /Saved\. The server now holds for/,
};

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** From the first screen to "Step 3 of 6", choosing Acme Corp and acme-okta. */
export async function toDefaultRole(session: PtySession): Promise<void> {
	await onScreen(session, screens.organization);
	session.write(keys.enter);
	await onScreen(session, screens.connection);
	session.write(keys.enter);
	await onScreen(session, screens.defaultRole);
}

/** Default role and group sync left as loaded: on to the mapping list. */
export async function toMappingList(session: PtySession): Promise<void> {
	await toDefaultRole(session);
	session.write(keys.enter);
	await onScreen(session, screens.groupSync);
	session.write(keys.enter);
	await onScreen(session, screens.mappingList);
}

/** From the mapping list, open the group editor of the highlighted row. */
export async function openHighlightedMapping(session: PtySession, label: string): Promise<void> {
	session.write(keys.enter);
	await onScreen(session, screens.groupEditor(label));
}

/** Lines of the output that say the run was cancelled. */
export function cancelLines(session: PtySession): string[] {
	return session.plain().split(/\r?\n/).filter(line => line.includes('Cancelled, nothing was changed.'));
}

/** Whether the terminal modes were put back: cursor shown and bracketed paste off after their last change. */
export function terminalRestored(raw: string): {cursorShown: boolean; pasteOff: boolean} {
	const lastHide = raw.lastIndexOf('\u001B[?25l');
	const lastShow = raw.lastIndexOf('\u001B[?25h');
	const lastPasteOn = raw.lastIndexOf('\u001B[?2004h');
	const lastPasteOff = raw.lastIndexOf('\u001B[?2004l');
	return {cursorShown: lastShow > lastHide, pasteOff: lastPasteOn === -1 || lastPasteOff > lastPasteOn};
}
