import type { Migration } from '../../../store/migrations';
import { createRecords } from './0010-create-records';

/** Every records-store migration, oldest first. */
export const RECORDS_MIGRATIONS: readonly Migration[] = [createRecords];
