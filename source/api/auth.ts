/** How a token is presented: OIDC JWTs as `Bearer`, Qovery API tokens as `Token`. */
export type TokenScheme = 'Bearer' | 'Token';

const base64url = /^[A-Za-z0-9_-]+={0,2}$/;

/** A JWT is three dot-separated base64url parts, the first a JSON header. */
export function isJwt(token: string): boolean {
	const parts = token.split('.');
	if (parts.length !== 3 || !parts.every(part => part.length > 0 && base64url.test(part))) {
		return false;
	}

	try {
		const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
		return typeof header === 'object' && header !== null;
	} catch {
		return false;
	}
}

export function tokenScheme(token: string): TokenScheme {
	return isJwt(token) ? 'Bearer' : 'Token';
}

export function authorizationHeader(token: string): string {
	return `${tokenScheme(token)} ${token}`;
}

/** Enough of a token to recognise it, never enough to use it. */
export function maskToken(token: string): string {
	return token.length <= 8 ? '****' : `****${token.slice(-4)}`;
}

/** Token variables, first found wins; the official CLI's names are honoured. */
export const tokenVariables = ['QOVERY_API_TOKEN', 'QOVERY_CLI_ACCESS_TOKEN', 'Q_CLI_ACCESS_TOKEN'] as const;

export function tokenFromEnvironment(
	env: NodeJS.ProcessEnv,
): {token: string; source: (typeof tokenVariables)[number]} | undefined {
	for (const name of tokenVariables) {
		const value = env[name]?.trim();
		if (value) {
			return {token: value, source: name};
		}
	}

	return undefined;
}
