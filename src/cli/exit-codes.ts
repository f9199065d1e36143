/** Exit codes of every command: 0 success, 1 failure at run time, 2 bad usage or configuration. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
