import { useId } from 'react';
import type { Source } from '../../../core/answer/types';
import type { OpenSource } from './Citations';
import { publishedBy, sourcePlace } from './sourceLabels';

/** The passages the answer cites, numbered as in the text; each opens the full passage. */
export function SourceList({ sources, onOpenSource }: { sources: readonly Source[]; onOpenSource: OpenSource }) {
  const id = useId();
  return (
    <section className="answer-part sources" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Sources</h3>
      <ol>
        {sources.map((source) => {
          const published = publishedBy(source);
          return (
            <li key={source.id} value={source.id}>
              <button type="button" className="link-button" onClick={() => onOpenSource(source)}>
                {sourcePlace(source)}
              </button>
              {published && <span className="source-publisher"> ({published})</span>}
              {source.basedOn.length > 0 && <p className="source-based-on">A summary of: {source.basedOn.join('; ')}</p>}
              <blockquote className="source-excerpt">{source.excerpt}</blockquote>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
