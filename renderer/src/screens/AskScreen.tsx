import { useEffect, useRef, useState } from 'react';
import type { QuestionToAsk } from '../../../core/answer/types';
import type { CairnApi } from '../../../core/api/contract';
import type { DocumentSummary } from '../../../core/types';
import { AnswerView } from '../components/AnswerView';
import { AskForm } from '../components/AskForm';
import { AskProgress } from '../components/AskProgress';
import { SuggestedQuestionPicker } from '../components/SuggestedQuestionPicker';
import { suggestedQuestions } from '../suggestedQuestions';
import { useAsk } from '../useAsk';
import type { Loadable } from '../useCairnData';

export interface AskScreenProps {
  api: CairnApi;
  documents: Loadable<DocumentSummary[]>;
  /** Questions already on the person's appointment list. */
  addedQuestions: readonly string[];
  /** "Add to my appointment list", with the question the answer was about. */
  onAddQuestion: (question: QuestionToAsk, askedAbout?: string) => void;
}

/** Ask a question; the answer streams in, then shows in the reading order of the reference answers. */
export function AskScreen({ api, documents, addedQuestions, onAddQuestion }: AskScreenProps) {
  const { state, ask, cancel } = useAsk(api);
  const [question, setQuestion] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const submit = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) {
      setInputError('Type a question first, or choose one of the suggested questions.');
      input.current?.focus();
      return;
    }
    setInputError(null);
    ask(trimmed);
  };

  const edit = (text: string) => {
    setQuestion(text);
    if (inputError && text.trim()) setInputError(null);
  };
  const pick = (suggested: string) => {
    setQuestion(suggested);
    submit(suggested);
  };

  // After Cancel, the Cancel button is gone: give the focus back to the question box.
  useEffect(() => {
    if (state.phase === 'cancelled') input.current?.focus();
  }, [state.phase]);

  return (
    <>
      <h1>Ask</h1>
      <p>Ask about a cancer and its treatment. Cairn answers from the guideline documents in your library, on this computer.</p>
      <AskForm value={question} onChange={edit} onSubmit={submit} error={inputError} inputRef={input} />
      <LibraryHint documents={documents} onPick={pick} />
      <AskProgress state={state} onCancel={cancel} />
      {state.phase === 'failed' && <AskError message={state.message} onRetry={() => ask(state.question)} />}
      {state.phase === 'done' && (
        <AnswerView
          api={api}
          answer={state.answer}
          addedQuestions={addedQuestions}
          onAddQuestion={(item) => onAddQuestion(item, state.answer.question)}
        />
      )}
    </>
  );
}

/** Suggested questions for the library's cancer types, or how to add guidelines when there are none. */
function LibraryHint({ documents, onPick }: { documents: Loadable<DocumentSummary[]>; onPick: (question: string) => void }) {
  if (documents.state === 'loading') return null;
  if (documents.state === 'error') {
    return (
      <p className="empty">
        Suggested questions are not available because Cairn could not read the library: {documents.message} You can still type a
        question; if the library stays unreadable, close Cairn and open it again.
      </p>
    );
  }
  if (documents.value.length === 0) {
    return (
      <p className="empty" data-testid="ask-library-empty">
        Your library has no guideline documents yet, so Cairn has nothing to answer from. Add guideline files (NCCN Guidelines for
        Patients PDFs, cancer.gov pages saved as HTML, Markdown or text) with the command line:{' '}
        <code>cairn library import &lt;file or folder&gt;</code>, then come back and ask.
      </p>
    );
  }
  return <SuggestedQuestionPicker groups={suggestedQuestions(documents.value)} onPick={onPick} />;
}

function AskError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="error-box" data-testid="ask-error">
      <p>
        <strong>Cairn could not answer this question.</strong> {message}
      </p>
      <p>
        Try again. If it keeps failing, close Cairn and open it again; your library and records stay on this computer.{' '}
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
