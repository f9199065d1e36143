/**
 * Exit codes of every command: 0 success, 1 failure at run time, 2 bad usage or configuration,
 * 3 done in part (an import that rejected some activities and wrote the rest).
 */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_PARTIAL = 3;
