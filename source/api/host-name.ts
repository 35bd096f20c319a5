// Host names as URL gives them: lower case, IPv4 dotted, IPv6 in brackets.

/** This machine itself. */
export function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost'
		|| hostname === '[::1]'
		|| hostname === '::1'
		|| /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** An IPv6 address without its URL brackets, as sockets and TLS take it. */
export function bareHostname(hostname: string): string {
	return hostname.replace(/^\[(.*)\]$/, '$1');
}
