import { useState } from 'react';
import type { CairnApi } from '../../core/api/contract';
import { StatusPanel } from './components/StatusPanel';
import { LibraryScreen } from './screens/LibraryScreen';
import { NotYet } from './screens/NotYet';
import { SCREENS, type ScreenId } from './screens';
import { useCairnData, type CairnData } from './useCairnData';

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
      <main className="app-main" id="main">
        <Screen id={screen} data={data} />
      </main>
      <aside className="app-status" aria-label="Status">
        <StatusPanel status={data.status} />
      </aside>
    </div>
  );
}

function Screen({ id, data }: { id: ScreenId; data: CairnData }) {
  switch (id) {
    case 'ask':
      return (
        <NotYet
          title="Ask"
          what="Answers from your guideline library are coming in the next versions of Cairn. Nothing you type leaves this computer."
        />
      );
    case 'library':
      return <LibraryScreen documents={data.documents} />;
    case 'records':
      return (
        <NotYet
          title="My records"
          what="Adding your medical records to personalize answers is not built yet. When it is, your records will stay on this computer."
        />
      );
    case 'prep':
      return <NotYet title="Appointment prep" what="Collecting questions for your oncology team is not built yet." />;
    case 'history':
      return <NotYet title="History" what="Past answers will be listed here once asking questions is available." />;
    case 'settings':
      return (
        <>
          <h1>Settings</h1>
          <p>
            Models, the search index and text size are not available yet. Here is where Cairn keeps
            its data.
          </p>
          <StatusPanel status={data.status} />
        </>
      );
  }
}
