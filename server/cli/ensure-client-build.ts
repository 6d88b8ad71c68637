/**
 * The client build for tests and benchmarks, which import it from TypeScript: the one
 * implementation is server/cli/build.mjs (plain JavaScript, as `npm start` runs it first).
 */
export { clientBuildIsStale, ensureClientBuild, newestMtime } from './build.mjs';
