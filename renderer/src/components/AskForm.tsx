import { useId, type RefObject } from 'react';

export const MAX_QUESTION_CHARS = 2000;

/** The question box: Enter asks, Shift+Enter starts a new line. */
export function AskForm({
  value,
  onChange,
  onSubmit,
  error,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (question: string) => void;
  /** Why the question cannot be asked as typed, shown under the box. */
  error: string | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  return (
    <form
      className="ask-form"
      aria-label="Ask a question"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(value);
      }}
    >
      <label htmlFor={`${id}-question`}>Your question</label>
      <p id={`${id}-hint`} className="hint">
        Press Enter to ask, Shift+Enter for a new line. Nothing you type leaves this computer.
      </p>
      <div className="ask-row">
        <textarea
          id={`${id}-question`}
          ref={inputRef}
          rows={2}
          maxLength={MAX_QUESTION_CHARS}
          value={value}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="primary">
          Ask Cairn
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
