import { useId, useState } from 'react';
import { GENERAL_QUESTIONS, type SuggestedQuestions } from '../suggestedQuestions';

/** Questions to ask with one click, for a cancer type chosen from those the library covers. */
export function SuggestedQuestionPicker({ groups, onPick }: { groups: readonly SuggestedQuestions[]; onPick: (question: string) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState(groups[0]?.cancerType ?? '');
  const group = groups.find((candidate) => candidate.cancerType === chosen) ?? groups[0];
  const questions = group ? group.questions : GENERAL_QUESTIONS;
  return (
    <section className="suggested" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Suggested questions</h2>
      {groups.length > 1 && (
        <p className="suggested-type">
          <label htmlFor={`${id}-type`}>Cancer type</label>{' '}
          <select id={`${id}-type`} value={group?.cancerType} onChange={(event) => setChosen(event.target.value)}>
            {groups.map((candidate) => (
              <option key={candidate.cancerType} value={candidate.cancerType}>
                {candidate.cancerType}
              </option>
            ))}
          </select>
        </p>
      )}
      {groups.length === 1 && <p className="suggested-type">About {group?.cancerType}:</p>}
      <ul className="suggested-list">
        {questions.map((question) => (
          <li key={question}>
            <button type="button" className="suggestion" onClick={() => onPick(question)}>
              {question}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
