import type { CitedText as CitedTextData, Source } from '../../../core/answer/types';
import { sourcePlace } from './sourceLabels';

export type OpenSource = (source: Source) => void;

/** A sentence or paragraph of the answer followed by its citation markers. */
export function CitedText({ item, sources, onOpenSource }: { item: CitedTextData; sources: readonly Source[]; onOpenSource: OpenSource }) {
  return (
    <>
      {item.text}
      <CitationMarkers citations={item.citations} sources={sources} onOpenSource={onOpenSource} />
    </>
  );
}

/** [1] [2]: each a button that opens the cited passage. */
export function CitationMarkers({ citations, sources, onOpenSource }: { citations: readonly number[]; sources: readonly Source[]; onOpenSource: OpenSource }) {
  if (citations.length === 0) return null;
  return (
    <span className="citations">
      {citations.map((n, index) => {
        const source = sources.find((candidate) => candidate.id === n);
        // Every citation resolves to a source in a checked answer; show the number if one does not.
        if (!source) return <span key={`${n}-${index}`} className="citation-missing">[{n}]</span>;
        return (
          <button key={`${n}-${index}`} type="button" className="citation" aria-label={`Source ${n}`} title={sourcePlace(source)} onClick={() => onOpenSource(source)}>
            [{n}]
          </button>
        );
      })}
    </span>
  );
}
