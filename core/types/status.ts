import type { LibraryCounts } from './library';

/** What `cairn status` prints and the app's status view shows. */
export interface AppStatus {
  version: string;
  dataDir: string;
  databaseFile: string;
  schemaVersion: number;
  library: LibraryCounts;
  /** The embedder that built the vector index, or null before anything was indexed. */
  vectorIndex: { embedderId: string; dims: number } | null;
}
