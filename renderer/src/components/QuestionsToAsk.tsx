import { useId, useState } from 'react';
import type { QuestionToAsk } from '../../../core/answer/types';

/** "Questions to ask your oncology team", each with why it matters and a button to keep it. */
export function QuestionsToAsk({
  questions,
  addedQuestions,
  onAddQuestion,
}: {
  questions: readonly QuestionToAsk[];
  addedQuestions: readonly string[];
  onAddQuestion: (question: QuestionToAsk) => void;
}) {
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  return (
    <section className="answer-part questions-to-ask" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Questions to ask your oncology team</h3>
      <ol>
        {questions.map((item, index) => {
          const added = addedQuestions.includes(item.question);
          const textId = `${id}-q${index}`;
          return (
            <li key={item.question}>
              <span id={textId} className="question-text">{item.question}</span>{' '}
              <span className="question-why">({item.why})</span>
              <button
                type="button"
                className="add-question"
                aria-describedby={textId}
                aria-disabled={added}
                onClick={() => {
                  if (added) return;
                  onAddQuestion(item);
                  setAnnouncement(`Added “${item.question}” to your appointment list.`);
                }}
              >
                {added ? 'Added' : 'Add to my appointment list'}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">{announcement}</p>
    </section>
  );
}
