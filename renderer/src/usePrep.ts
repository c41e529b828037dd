import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QuestionToAsk } from '../../core/answer/types';
import type { CairnApi } from '../../core/api/contract';
import type { RecordsStatus } from '../../core/records/recordsSession';
import type { PrepItem } from '../../core/records/store/prepRepository';

/** A question added from an answer, waiting to be saved to the list (the records were locked). */
export interface PendingQuestion extends QuestionToAsk {
  askedAbout?: string;
}

export interface AppointmentQuestions {
  /** The questions on the list or waiting for it, for the "Added" state of the answer's buttons. */
  addedQuestions: string[];
  /** Questions added while the records were locked: kept in memory until they are opened. */
  pending: PendingQuestion[];
  /** "Add to my appointment list": saved to the list at once when the records are open, else kept as pending. */
  add: (question: QuestionToAsk, askedAbout?: string) => void;
  /** Saves the pending questions to the list (once the records are open). */
  savePending: () => Promise<void>;
  /** Tells the hook what the list holds now, so "Added" follows removals. */
  listChanged: (items: readonly PrepItem[]) => void;
}

/** The appointment list as the whole app sees it: what the Ask screen adds, and what is not saved yet. */
export function useAppointmentQuestions(api: CairnApi): AppointmentQuestions {
  const [pending, setPending] = useState<PendingQuestion[]>([]);
  const [saved, setSaved] = useState<string[]>([]);
  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  });

  const add = useCallback(
    (question: QuestionToAsk, askedAbout?: string) => {
      const item: PendingQuestion = { question: question.question, why: question.why, ...(askedAbout ? { askedAbout } : {}) };
      // Shown as added at once; it stays pending if the records are locked (or the call fails).
      setPending((list) => (list.some((other) => other.question === item.question) ? list : [...list, item]));
      api
        .invoke('prep/add', { question: item.question, ...(item.why ? { why: item.why } : {}), ...(item.askedAbout ? { askedAbout: item.askedAbout } : {}) })
        .then((items) => {
          setSaved(items.map((saved) => saved.question));
          setPending((list) => list.filter((other) => other.question !== item.question));
        })
        .catch(() => undefined);
    },
    [api],
  );

  const savePending = useCallback(async () => {
    for (const item of pendingRef.current) {
      const items = await api.invoke('prep/add', { question: item.question, ...(item.why ? { why: item.why } : {}), ...(item.askedAbout ? { askedAbout: item.askedAbout } : {}) });
      setSaved(items.map((saved) => saved.question));
      setPending((list) => list.filter((other) => other.question !== item.question));
    }
  }, [api]);

  const listChanged = useCallback((items: readonly PrepItem[]) => setSaved(items.map((item) => item.question)), []);
  const addedQuestions = useMemo(() => [...new Set([...saved, ...pending.map((item) => item.question)])], [saved, pending]);
  return { addedQuestions, pending, add, savePending, listChanged };
}

export type PrepState =
  | { phase: 'loading' }
  | { phase: 'locked'; records: RecordsStatus | null }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; items: PrepItem[] };

/** A change to the list, and what to announce once it is done. */
type Change = () => Promise<PrepItem[]>;

/**
 * The Appointment prep screen's data: the list from the encrypted records, its changes (one at a
 * time, in order, so a note saved on blur lands before the PDF that follows is made), and the PDF.
 */
export function usePrep(api: CairnApi, appointment: Pick<AppointmentQuestions, 'savePending' | 'listChanged'>) {
  const [state, setState] = useState<PrepState>({ phase: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const { savePending, listChanged } = appointment;

  /** Runs `work` after every earlier change. */
  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const load = useCallback(async () => {
    try {
      const records = await api.invoke('records/status');
      if (!records.unlocked) {
        setState({ phase: 'locked', records });
        return;
      }
      await savePending();
      const items = await api.invoke('prep/list');
      listChanged(items);
      setState({ phase: 'ready', items });
    } catch (caught) {
      if (codeOf(caught) === 'RECORDS_LOCKED') setState({ phase: 'locked', records: null });
      else setState({ phase: 'failed', message: `Your appointment list could not be loaded: ${messageOf(caught)} Try again; if it keeps happening, restart Cairn.` });
    }
  }, [api, savePending, listChanged]);

  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  const change = useCallback(
    async (work: Change, done: string, failed: string): Promise<boolean> => {
      try {
        const items = await enqueue(work);
        listChanged(items);
        setState({ phase: 'ready', items });
        setError(null);
        setAnnouncement(done);
        return true;
      } catch (caught) {
        if (codeOf(caught) === 'RECORDS_LOCKED') {
          await load();
          return false;
        }
        setError(`${failed}: ${messageOf(caught)} Try again; if it keeps happening, restart Cairn.`);
        return false;
      }
    },
    [enqueue, listChanged, load],
  );

  const items = state.phase === 'ready' ? state.items : [];

  const add = (question: string) => change(() => api.invoke('prep/add', { question }), `Added “${question}” to your list.`, 'Your question could not be added');
  const updateQuestion = (id: number, question: string) =>
    change(() => api.invoke('prep/update', { id, question }), 'Question saved.', 'Your question could not be saved');
  const saveNote = (id: number, note: string) => change(() => api.invoke('prep/update', { id, note }), 'Note saved.', 'Your note could not be saved');
  const remove = (item: PrepItem) => change(() => api.invoke('prep/remove', { id: item.id }), `Removed “${item.question}”.`, 'The question could not be removed');
  const move = (id: number, by: -1 | 1) => {
    const ids = items.map((item) => item.id);
    const from = ids.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve(false);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    return change(() => api.invoke('prep/reorder', { ids }), `Moved to number ${to + 1} of ${ids.length}.`, 'The list could not be reordered');
  };

  /** The list as a PDF, saved through a download link; resolves to the file name, or null when it failed. */
  const savePdf = async (): Promise<string | null> => {
    try {
      const pdf = await enqueue(() => api.invoke('prep/pdf'));
      download(pdf.fileName, base64ToBytes(pdf.base64), 'application/pdf');
      setError(null);
      setAnnouncement(`Saved your list as ${pdf.fileName}.`);
      return pdf.fileName;
    } catch (caught) {
      if (codeOf(caught) === 'RECORDS_LOCKED') await load();
      else setError(`The PDF could not be made: ${messageOf(caught)} Try again; if it keeps happening, restart Cairn.`);
      return null;
    }
  };

  return { state, error, announcement, reload: load, add, updateQuestion, saveNote, remove, move, savePdf };
}

export function codeOf(caught: unknown): string | undefined {
  const code = (caught as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function messageOf(caught: unknown): string {
  const message = caught instanceof Error ? caught.message : String(caught);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a file the way a page can: an object URL on a download link, revoked after. */
function download(fileName: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Chromium reads the blob after the click returns; give it time before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
