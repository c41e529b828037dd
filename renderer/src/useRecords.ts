import { useCallback, useEffect, useRef, useState } from 'react';
import type { CairnApi } from '../../core/api/contract';
import type { CombinedProfile } from '../../core/records/combineProfiles';
import type { PatientProfile } from '../../core/records/profile';
import type { RecordsStatus } from '../../core/records/recordsSession';
import type { RecordSummary } from '../../core/records/store/recordsRepository';
import type { Loadable } from './useCairnData';

/** One file the person picked or dropped, as it is read. */
export interface UploadItem {
  key: number;
  name: string;
  state: 'waiting' | 'reading' | 'done' | 'error';
  /** What was found (done) or what went wrong and what to do (error). */
  message?: string;
}

export type EditAction = 'confirm' | 'set' | 'remove' | 'revert';

export interface RecordsData {
  status: Loadable<RecordsStatus>;
  records: Loadable<RecordSummary[]>;
  profile: Loadable<CombinedProfile>;
  uploads: UploadItem[];
  /** A message after the last thing that changed everything (deleting all), for a live region. */
  notice: string | null;
  /** Opens the records; resolves to an error message in plain words, or null. */
  unlock(passphrase?: string): Promise<string | null>;
  /** Reads the files one after another. */
  upload(files: readonly File[]): Promise<void>;
  /** Changes one field; resolves to core's error message, or null. */
  edit(field: string, action: EditAction, value?: string): Promise<string | null>;
  remove(id: number): Promise<string | null>;
  deleteAll(): Promise<string | null>;
}

/** The person's records as the My records screen shows them, loaded from core. */
export function useRecords(api: CairnApi): RecordsData {
  const [status, setStatus] = useState<Loadable<RecordsStatus>>({ state: 'loading' });
  const [records, setRecords] = useState<Loadable<RecordSummary[]>>({ state: 'loading' });
  const [profile, setProfile] = useState<Loadable<CombinedProfile>>({ state: 'loading' });
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const nextKey = useRef(1);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const loadContents = useCallback(async () => {
    const [list, combined] = await Promise.allSettled([api.invoke('records/list'), api.invoke('records/profile')]);
    if (!live.current) return;
    setRecords(list.status === 'fulfilled' ? { state: 'ready', value: list.value } : { state: 'error', message: messageOf(list.reason) });
    setProfile(combined.status === 'fulfilled' ? { state: 'ready', value: combined.value } : { state: 'error', message: messageOf(combined.reason) });
  }, [api]);

  useEffect(() => {
    api.invoke('records/status').then(
      (value) => {
        if (!live.current) return;
        setStatus({ state: 'ready', value });
        if (value.unlocked) void loadContents();
      },
      (error: unknown) => live.current && setStatus({ state: 'error', message: messageOf(error) }),
    );
  }, [api, loadContents]);

  const unlock = useCallback(
    async (passphrase?: string) => {
      try {
        const value = await api.invoke('records/unlock', passphrase === undefined ? {} : { passphrase });
        if (!live.current) return null;
        setNotice(null);
        setStatus({ state: 'ready', value });
        if (value.unlocked) await loadContents();
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
    [api, loadContents],
  );

  const upload = useCallback(
    async (files: readonly File[]) => {
      const items = files.map((file) => ({ key: nextKey.current++, name: file.name, state: 'waiting' as const }));
      setUploads((list) => [...list.filter((item) => item.state !== 'done' && item.state !== 'error'), ...items]);
      const update = (key: number, change: Partial<UploadItem>) =>
        live.current && setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
      for (const [index, file] of files.entries()) {
        const key = items[index]!.key;
        update(key, { state: 'reading' });
        try {
          const path = await api.pathForFile(file);
          const result = await api.invoke('records/import', { path });
          update(key, { state: 'done', message: result.alreadyImported ? 'Already added before; nothing new was added.' : foundSummary(result.profile) });
        } catch (error) {
          update(key, { state: 'error', message: messageOf(error) });
        }
      }
      if (live.current) await loadContents();
    },
    [api, loadContents],
  );

  const edit = useCallback(
    async (field: string, action: EditAction, value?: string) => {
      try {
        const combined = await api.invoke('records/edit', { field, action, ...(value !== undefined ? { value } : {}) });
        if (live.current) setProfile({ state: 'ready', value: combined });
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
    [api],
  );

  const remove = useCallback(
    async (id: number) => {
      try {
        await api.invoke('records/remove', { id });
        await loadContents();
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
    [api, loadContents],
  );

  const deleteAll = useCallback(async () => {
    try {
      await api.invoke('records/deleteAll', { confirm: true });
    } catch (error) {
      return messageOf(error);
    }
    if (!live.current) return null;
    setUploads([]);
    setRecords({ state: 'loading' });
    setProfile({ state: 'loading' });
    setNotice('All your data was deleted from this computer.');
    try {
      const value = await api.invoke('records/status');
      if (live.current) setStatus({ state: 'ready', value });
    } catch (error) {
      if (live.current) setStatus({ state: 'error', message: messageOf(error) });
    }
    return null;
  }, [api]);

  return { status, records, profile, uploads, notice, unlock, upload, edit, remove, deleteAll };
}

/** "Found: cancer type, stage, 3 biomarkers", from what one record says. */
export function foundSummary(profile: PatientProfile): string {
  const parts: string[] = [];
  if (profile.cancerType) parts.push('cancer type');
  if (profile.stage) parts.push('stage');
  if (profile.metastatic) parts.push('spread');
  const count = (n: number | undefined, one: string, many: string) => n && parts.push(n === 1 ? `1 ${one}` : `${n} ${many}`);
  count(profile.biomarkers?.length, 'biomarker', 'biomarkers');
  if (profile.performanceStatus) parts.push('performance status');
  count(profile.treatments?.length, 'treatment', 'treatments');
  count(profile.keyDates?.length, 'date', 'dates');
  return parts.length ? `Found: ${parts.join(', ')}.` : 'Read it, but found none of the details Cairn looks for (cancer type, stage, biomarkers, treatments).';
}

export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong talking to Cairn. Try again.';
}
