import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Answer, AnswerSection, QuestionToAsk, Source } from '../../../core/answer/types';
import type { CairnApi } from '../../../core/api/contract';
import { CitedText, type OpenSource } from './Citations';
import { QuestionsToAsk } from './QuestionsToAsk';
import { RelatedResources } from './RelatedResources';
import { SourceDialog } from './SourceDialog';
import { SourceList } from './SourceList';

export interface AnswerViewProps {
  api: CairnApi;
  answer: Answer;
  /** Questions already on the person's appointment list. */
  addedQuestions: readonly string[];
  onAddQuestion: (question: QuestionToAsk) => void;
}

/**
 * An answer in the reading order of the reference answers: the urgent notice first when there is
 * one, the banner and notice, the title and direct answer, the sections, the questions to ask,
 * the context, the key takeaway, the sources, the footers and the related resources.
 */
export function AnswerView({ api, answer, addedQuestions, onAddQuestion }: AnswerViewProps) {
  const id = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const [openSource, setOpenSource] = useState<Source | null>(null);
  const cite = { sources: answer.sources, onOpenSource: (source: Source) => setOpenSource(source) };

  // A new answer takes the focus, so keyboard and screen reader users start reading at its title.
  useEffect(() => title.current?.focus(), [answer]);

  return (
    <article className="answer" aria-labelledby={`${id}-title`} data-testid="answer">
      {answer.urgent && <UrgentNotice urgent={answer.urgent} />}
      <p className="answer-meta">{answerMeta(answer)}</p>
      <div className="answer-notice" data-testid="answer-notice">
        <p className="answer-banner">{answer.banner}</p>
        <p>{answer.aiNotice}</p>
      </div>
      <h2 id={`${id}-title`} ref={title} tabIndex={-1} className="answer-title">
        {answer.title}
      </h2>
      {answer.personalization && answer.personalization.used.length > 0 && (
        <p className="personalization-chip" data-testid="personalization">
          Personalized to: {answer.personalization.used.join(', ')}
        </p>
      )}
      {answer.summary && (
        <p className="answer-summary">
          {hasSections(answer) && <strong>Short answer: </strong>}
          <CitedText item={answer.summary} {...cite} />
        </p>
      )}
      {answer.sections.map((section, index) => (
        <AnswerSectionView key={`${index}-${section.heading}`} section={section} {...cite} />
      ))}
      {answer.questionsToAsk.length > 0 && (
        <QuestionsToAsk questions={answer.questionsToAsk} addedQuestions={addedQuestions} onAddQuestion={onAddQuestion} />
      )}
      {answer.importantContext.length > 0 && <ImportantContext items={answer.importantContext} personalized={answer.personalization !== null} />}
      {answer.keyTakeaway && (
        <AnswerPart heading="Key takeaway" className="key-takeaway">
          <p>
            <CitedText item={answer.keyTakeaway} {...cite} />
          </p>
        </AnswerPart>
      )}
      {answer.sources.length > 0 && <SourceList {...cite} />}
      <div className="answer-footer" data-testid="answer-footer">
        {answer.footer.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {answer.relatedResources.length > 0 && <RelatedResources resources={answer.relatedResources} />}
      {openSource && <SourceDialog api={api} source={openSource} onClose={() => setOpenSource(null)} />}
    </article>
  );
}

/** "Melanoma · 2026-11-22 · Cairn on this computer (extractive mode)". */
export function answerMeta(answer: Answer): string {
  const who = answer.model ? `local model ${answer.model}` : answer.mode === 'extractive' || (answer.mode === 'urgent' && answer.sources.length > 0) ? 'extractive mode' : null;
  return [answer.cancerType ?? 'General', answer.createdAt.slice(0, 10), `Cairn on this computer${who ? ` (${who})` : ''}`].join(' · ');
}

function hasSections(answer: Answer): boolean {
  return answer.sections.length > 0;
}

function UrgentNotice({ urgent }: { urgent: NonNullable<Answer['urgent']> }) {
  return (
    <div role="alert" className="urgent-notice" data-testid="urgent-notice">
      <p>
        <strong>{urgent.message}</strong>
      </p>
      {urgent.matched.length > 0 && <p className="urgent-matched">What you described: {urgent.matched.join('; ')}</p>}
    </div>
  );
}

/** A headed part of the answer (a plain section: the headings are the way through the answer, not landmarks). */
function AnswerPart({ heading, className, children }: { heading: string; className?: string; children: ReactNode }) {
  return (
    <section className={`answer-part${className ? ` ${className}` : ''}`}>
      <h3>{heading}</h3>
      {children}
    </section>
  );
}

function AnswerSectionView({ section, sources, onOpenSource }: { section: AnswerSection; sources: readonly Source[]; onOpenSource: OpenSource }) {
  return (
    <AnswerPart heading={section.heading}>
      {section.paragraphs.map((paragraph, index) => (
        <p key={index}>
          <CitedText item={paragraph} sources={sources} onOpenSource={onOpenSource} />
        </p>
      ))}
      {section.bullets.length > 0 && (
        <ul>
          {section.bullets.map((bullet, index) => (
            <li key={index}>
              <CitedText item={bullet} sources={sources} onOpenSource={onOpenSource} />
            </li>
          ))}
        </ul>
      )}
    </AnswerPart>
  );
}

function ImportantContext({ items, personalized }: { items: readonly string[]; personalized: boolean }) {
  return (
    <AnswerPart heading="Important context" className="important-context">
      <p>{personalized ? 'What your records say, and what your team will weigh:' : 'Your team will weigh:'}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </AnswerPart>
  );
}
