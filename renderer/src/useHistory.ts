import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer } from '../../core/answer/types';
import type { CairnApi } from '../../core/api/contract';
import type { RecordsStatus } from '../../core/records/recordsSession';
import type { HistoryEntry } from '../../core/records/store/historyRepository';
import { codeOf, messageOf } from './usePrep';

export type HistoryState =
  | { phase: 'loading' }
  | { phase: 'locked'; records: RecordsStatus | null }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; entries: HistoryEntry[] };

/** The History screen's data: past answers from the encrypted records, searched, opened and deleted. */
export function useHistory(api: CairnApi) {
  const [state, setState] = useState<HistoryState>({ phase: 'loading' });
  const [search, setSearchText] = useState('');
  const [open, setOpen] = useState<{ entry: HistoryEntry; answer: Answer } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Only the newest search's answer is shown, whatever order the replies come in.
  const request = useRef(0);

  const load = useCallback(
    async (text: string) => {
      const mine = ++request.current;
      try {
        const records = await api.invoke('records/status');
        if (!records.unlocked) {
          if (mine === request.current) setState({ phase: 'locked', records });
          return;
        }
        const entries = await api.invoke('history/list', text.trim() ? { search: text.trim() } : {});
        if (mine === request.current) setState({ phase: 'ready', entries });
      } catch (caught) {
        if (mine !== request.current) return;
        if (codeOf(caught) === 'RECORDS_LOCKED') setState({ phase: 'locked', records: null });
        else setState({ phase: 'failed', message: `Your past answers could not be loaded: ${messageOf(caught)} Try again; if it keeps happening, restart Cairn.` });
      }
    },
    [api],
  );

  useEffect(() => {
    void Promise.resolve('').then(load);
  }, [load]);

  const setSearch = (text: string) => {
    setSearchText(text);
    void load(text);
  };

  const openEntry = async (entry: HistoryEntry): Promise<boolean> => {
    try {
      const answer = await api.invoke('history/get', { id: entry.id });
      setOpen({ entry, answer });
      setError(null);
      return true;
    } catch (caught) {
      if (codeOf(caught) === 'RECORDS_LOCKED') await load(search);
      else setError(`That answer could not be opened: ${messageOf(caught)} Search again or choose another answer.`);
      return false;
    }
  };

  const remove = async (entry: HistoryEntry): Promise<boolean> => {
    try {
      await api.invoke('history/delete', { id: entry.id });
      setError(null);
      setAnnouncement(`Deleted the answer to “${entry.question}”.`);
      await load(search);
      return true;
    } catch (caught) {
      if (codeOf(caught) === 'RECORDS_LOCKED') await load(search);
      else setError(`That answer could not be deleted: ${messageOf(caught)} Try again; if it keeps happening, restart Cairn.`);
      return false;
    }
  };

  return { state, search, setSearch, open, close: () => setOpen(null), openEntry, remove, error, announcement, reload: () => load(search) };
}
