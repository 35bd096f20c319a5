/** Exit codes, as documented in README.md. */
export const exitCodes = {
	ok: 0,
	failure: 1,
	usage: 2,
	changesPending: 3,
	cancelled: 130,
} as const;
