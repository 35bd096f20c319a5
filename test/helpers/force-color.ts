// Imported first by component tests, before anything loads Ink (and so
// chalk): under the test runner stdout is a pipe and chalk would emit no
// colour at all, leaving colour checks nothing to find.
process.env.FORCE_COLOR ??= '1';
