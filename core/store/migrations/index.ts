import { createLibrary } from './0010-create-library';
import { indexTitles } from './0020-index-titles';
import { termStatistics } from './0030-term-statistics';
import { sectionSources } from './0040-section-sources';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, oldest first. Add new ones at the end with a higher version. */
export const MIGRATIONS: readonly Migration[] = [createLibrary, indexTitles, termStatistics, sectionSources];
