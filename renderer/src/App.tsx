import { useEffect, useRef, useState } from 'react';
import type { QuestionToAsk } from '../../core/answer/types';
import type { CairnApi } from '../../core/api/contract';
import { StatusPanel } from './components/StatusPanel';
import { AskScreen } from './screens/AskScreen';
import { HistoryScreen } from './screens/HistoryScreen';
import { LibraryScreen } from './screens/LibraryScreen';
import { PrepScreen } from './screens/PrepScreen';
import { RecordsScreen } from './screens/RecordsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { SCREENS, type ScreenId } from './screens';
import { useCairnData, type CairnData } from './useCairnData';
import { applySavedTextSize } from './textSize';
import { markWelcomeSeen, welcomeSeen } from './firstRun';
import { useAppointmentQuestions, type AppointmentQuestions } from './usePrep';

// The reader's text size (Settings), before the first paint.
applySavedTextSize();

export function App({ api }: { api: CairnApi | null }) {
  if (!api) {
    return (
      <main className="fatal">
        <h1>Cairn</h1>
        <p role="alert">
          Cairn's engine is not connected to this window. Close the window and start Cairn again.
        </p>
      </main>
    );
  }
  return <ConnectedApp api={api} />;
}

function ConnectedApp({ api }: { api: CairnApi }) {
  const [screen, setScreen] = useState<ScreenId>('ask');
  const data = useCairnData(api);
  // The appointment list lives in the encrypted records (`prep/add`); questions added while they
  // are locked wait in memory until they are opened.
  const appointment = useAppointmentQuestions(api);
  // First run: the welcome sits above the Ask screen until "Start using Cairn" (then never again).
  const [welcome, setWelcome] = useState(() => !welcomeSeen());
  const mainRef = useRef<HTMLElement>(null);
  const started = useRef(false);
  useEffect(() => {
    // After "Start using Cairn", the focus goes to the question box rather than being lost.
    if (!welcome && started.current) mainRef.current?.querySelector<HTMLElement>('textarea, input:not([type="hidden"])')?.focus();
  }, [welcome]);
  const startUsing = () => {
    markWelcomeSeen();
    started.current = true;
    setWelcome(false);
    setScreen('ask');
  };

  return (
    <div className="frame">
      <header className="app-header">
        <span className="brand" aria-hidden="true">◭</span>
        <span className="app-name">Cairn</span>
        <span className="tagline">Cancer guideline answers, private and on this computer</span>
      </header>
      <nav className="app-nav" aria-label="Main">
        <ul>
          {SCREENS.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                aria-current={screen === item.id ? 'page' : undefined}
                onClick={() => setScreen(item.id)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main" id="main" ref={mainRef}>
        {welcome && screen === 'ask' && <WelcomeScreen api={api} status={data.status} onStart={startUsing} />}
        <Screen id={screen} data={data} api={api} appointment={appointment} onAddQuestion={appointment.add} />
      </main>
      <aside className="app-status" aria-label="Status">
        <StatusPanel status={data.status} />
      </aside>
    </div>
  );
}

interface ScreenProps {
  id: ScreenId;
  data: CairnData;
  api: CairnApi;
  appointment: AppointmentQuestions;
  onAddQuestion: (question: QuestionToAsk, askedAbout?: string) => void;
}

function Screen({ id, data, api, appointment, onAddQuestion }: ScreenProps) {
  switch (id) {
    case 'ask':
      return (
        <AskScreen
          api={api}
          documents={data.documents}
          addedQuestions={appointment.addedQuestions}
          onAddQuestion={onAddQuestion}
        />
      );
    case 'library':
      return <LibraryScreen api={api} documents={data.documents} reload={data.reload} />;
    case 'records':
      return <RecordsScreen api={api} />;
    case 'prep':
      return <PrepScreen api={api} appointment={appointment} />;
    case 'history':
      return <HistoryScreen api={api} addedQuestions={appointment.addedQuestions} onAddQuestion={onAddQuestion} />;
    case 'settings':
      return <SettingsScreen api={api} data={data} />;
  }
}
