import type { Migration } from '../../../store/migrations';
import { createRecords } from './0010-create-records';
import { prepAndHistory } from './0020-prep-and-history';

/** Every records-store migration, oldest first. */
export const RECORDS_MIGRATIONS: readonly Migration[] = [createRecords, prepAndHistory];
