import { useEffect, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../../core/types';
import { count } from './fileNames';

export const OTHER_TYPE = 'Other';

/** Documents by cancer type, types in alphabetical order and "Other" (no type) last; a document with several types is under each. */
export function groupByCancerType(documents: readonly DocumentSummary[]): Array<{ type: string; documents: DocumentSummary[] }> {
  const groups = new Map<string, DocumentSummary[]>();
  for (const doc of documents) {
    const types = doc.cancerTypes.length > 0 ? [...new Set(doc.cancerTypes)] : [OTHER_TYPE];
    for (const type of types) groups.set(type, [...(groups.get(type) ?? []), doc]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER_TYPE ? 1 : b === OTHER_TYPE ? -1 : a.localeCompare(b)))
    .map(([type, docs]) => ({ type, documents: docs.sort((x, y) => x.title.localeCompare(y.title)) }));
}

interface Props {
  documents: DocumentSummary[];
  onRemove: (doc: DocumentSummary) => Promise<void>;
}

/** The library as lists under each cancer type, each document with a Remove button that asks first. */
export function DocumentGroups({ documents, onRemove }: Props) {
  // The group and id being confirmed: a document with several types has several Remove buttons.
  const [confirming, setConfirming] = useState<{ type: string; id: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = groupByCancerType(documents);

  return (
    <div className="ls-groups" data-testid="library-groups">
      <p className="visually-hidden">Documents in your library, by cancer type.</p>
      {groups.map((group) => {
        const headingId = `library-type-${slug(group.type)}`;
        return (
          <section key={group.type} className="ls-group" aria-labelledby={headingId} data-testid="library-group">
            <h2 id={headingId}>
              {group.type} <span className="ls-count">({count(group.documents.length, 'document')})</span>
            </h2>
            <ul className="ls-docs">
              {group.documents.map((doc) => (
                <li key={doc.id} className="ls-doc" data-testid="library-document">
                  <div className="ls-doc-main">
                    <span className="ls-doc-title">{doc.title}</span>
                    {doc.builtIn && <span className="badge"> built in</span>}
                    <span className="ls-doc-meta">
                      {[doc.publisher, doc.edition, count(doc.chunkCount, 'passage')].filter(Boolean).join(' · ')}
                    </span>
                  </div>
                  {confirming?.id === doc.id && confirming.type === group.type ? (
                    <ConfirmRemove
                      doc={doc}
                      busy={busy}
                      onCancel={() => setConfirming(null)}
                      onConfirm={async () => {
                        setBusy(true);
                        try {
                          await onRemove(doc);
                        } finally {
                          setBusy(false);
                          setConfirming(null);
                        }
                      }}
                    />
                  ) : (
                    <button type="button" className="secondary" aria-label={`Remove ${doc.title}`} onClick={() => setConfirming({ type: group.type, id: doc.id })}>
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function ConfirmRemove({ doc, busy, onConfirm, onCancel }: { doc: DocumentSummary; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div role="group" aria-label={`Remove ${doc.title}?`} className="ls-confirm">
      <p>
        Remove <strong>{doc.title}</strong> from your library? Cairn will stop using its passages in answers.
        {doc.builtIn && ' It is part of the starter pack and may come back when Cairn updates the pack.'} You can import it again later.
      </p>
      <button ref={confirm} type="button" className="primary" disabled={busy} onClick={onConfirm}>
        Yes, remove it
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
        Keep it
      </button>
    </div>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
