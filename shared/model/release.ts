/** A built, identifiable version of the service: what the build action produces and targets deploy. */
export interface Release {
  version: string;
  /** `sha256:<hex>` of the packaged artifact, when there is one. */
  digest?: string;
  commit?: string;
  /** Path of the packaged artifact (a .tar.gz or a single file). */
  artifact?: string;
  createdAt?: string;
}

/** The release manifest written by the build action (JSON on disk). */
export interface ReleaseManifest extends Required<Pick<Release, 'version' | 'digest' | 'createdAt'>> {
  schema: 'shipgate/release@1';
  commit: string;
  artifact: string;
  files: string[];
  sizeBytes: number;
}

/** What one run of the build action produced: the release, where its manifest is, and what it took. */
export interface BuildOutcome {
  release: Release;
  manifestPath: string;
  durationMs: number;
  files: string[];
  sizeBytes: number;
}
