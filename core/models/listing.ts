import { isVerifiable, type Catalog } from './catalog';
import type { InstalledModel } from './registry';

/** The catalog's recommended models and what is installed, as `models list` and the Settings screen show them. */
export interface CatalogRow {
  id: string;
  name: string;
  kind: 'chat' | 'embedding';
  default: boolean;
  approxSizeMB: number;
  ramGB: number;
  contextLength: number;
  license: string;
  /** False while the catalog has no sha256 for some file (download needs --allow-unverified). */
  verified: boolean;
  installed: boolean;
  active: boolean;
}

export interface ModelsListing {
  catalog: CatalogRow[];
  installed: Array<InstalledModel & { active: boolean; inCatalog: boolean }>;
  activeModel: string | null;
}

export function describeModels(catalog: Catalog, installed: InstalledModel[], activeModel: string | null): ModelsListing {
  const installedIds = new Set(installed.map((model) => model.id));
  const catalogIds = new Set(catalog.models.map((entry) => entry.id));
  return {
    catalog: catalog.models.map((entry) => ({
      id: entry.id,
      name: entry.name,
      kind: entry.kind,
      default: entry.kind === 'chat' && entry.default === true,
      approxSizeMB: entry.approxSizeMB,
      ramGB: entry.ramGB,
      contextLength: entry.contextLength,
      license: entry.license,
      verified: isVerifiable(entry),
      installed: installedIds.has(entry.id),
      active: entry.id === activeModel,
    })),
    installed: installed.map((model) => ({ ...model, active: model.id === activeModel, inCatalog: catalogIds.has(model.id) })),
    activeModel,
  };
}

