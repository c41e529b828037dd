export {
  loadCatalog,
  defaultCatalogFile,
  findCatalogEntry,
  catalogFiles,
  isVerifiable,
  catalogSchema,
  catalogEntrySchema,
  type Catalog,
  type CatalogEntry,
  type CatalogFile,
  type ChatCatalogEntry,
  type EmbeddingCatalogEntry,
} from './catalog';
export { downloadFile, formatBytes, type DownloadFileOptions, type DownloadProgress, type DownloadResult } from './download';
export { downloadCatalogModel, type DownloadModelOptions, type ModelDownloadProgress } from './downloadModel';
export { checkGgufModel, type CheckGgufOptions, type GgufModelInfo, type LlamaSource } from './ggufCheck';
export { importModelFile, idFromFileName, type ImportModelOptions, type ImportModelProgress } from './importModel';
export { ModelRegistry, installedModelSchema, isInside, type InstalledModel, type RemoveResult } from './registry';
export { sha256File } from './files';
