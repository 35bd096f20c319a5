/** Host names as URL normalises them (lower case, IPv6 in brackets): this machine itself. */
export function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost'
		|| hostname === '[::1]'
		|| hostname === '::1'
		|| /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
