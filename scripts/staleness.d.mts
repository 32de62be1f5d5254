/** A file and its modification time. */
export interface FileTime {
  readonly path: string;
  readonly mtimeMs: number;
}

/** A workspace package: what its build reads, what it writes, which workspace packages it uses. */
export interface PackageFiles {
  readonly name: string;
  readonly inputs: readonly FileTime[];
  readonly outputs: readonly FileTime[];
  readonly dependsOn: readonly string[];
}

/** A package to build, and why. */
export interface StaleBuild {
  readonly name: string;
  readonly reason: string;
}

/** The out-of-date packages `targets` need, in build order, each with its reason. */
export declare const staleBuilds: (packages: readonly PackageFiles[], targets: readonly string[]) => StaleBuild[];
