/**
 * Field lengths of the versions forms. The same numbers as VERSION_NAME_MAX and FREEZE_NOTE_MAX in
 * shared/api.ts, copied because shared/api.ts pulls in zod, which would double the dashboard's
 * bundle; a unit test (tests/unit/client/versions.test.tsx) keeps them equal.
 */
export const VERSION_NAME_MAX_LENGTH = 200;
export const FREEZE_NOTE_MAX_LENGTH = 2000;
