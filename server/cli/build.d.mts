/** Types of server/cli/build.mjs (plain JavaScript: it runs before anything is compiled). */
export interface BuildOptions {
  force?: boolean;
  root?: string;
}
export function newestMtime(target: string): number;
export function clientBuildIsStale(root?: string): boolean;
export function ensureClientBuild(opts?: BuildOptions): void;
export function serverBuildIsStale(root?: string): boolean;
export function ensureServerBuild(opts?: BuildOptions): void;
export function precompressAssets(dir: string): number;
