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

/** One passage of the library as a citation opens it: the text with where it sits. */
export interface PassageView {
  chunkId: number;
  documentId: number;
  title: string;
  publisher: string | null;
  edition: string | null;
  /** The heading path ("Treatment › Surgery"), '' for text before the first heading. */
  section: string;
  page: number | null;
  text: string;
  format: string;
  builtIn: boolean;
  sourceUrl: string | null;
}
