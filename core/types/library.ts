/** A guideline document as `library list` and the Library screen show it. */
export interface DocumentSummary {
  id: number;
  title: string;
  publisher: string | null;
  edition: string | null;
  cancerTypes: string[];
  format: string;
  builtIn: boolean;
  sourcePath: string | null;
  sourceUrl: string | null;
  importedAt: string;
  chunkCount: number;
}

export interface LibraryCounts {
  documents: number;
  builtInDocuments: number;
  chunks: number;
  embeddedChunks: number;
}
