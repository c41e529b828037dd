import { useCallback, useState } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import { DataLocationPanel } from '../components/settings/DataLocationPanel';
import { EmbedderPanel } from '../components/settings/EmbedderPanel';
import { ModelsPanel } from '../components/settings/ModelsPanel';
import { PrivacyPanel } from '../components/settings/PrivacyPanel';
import { TextSizePanel } from '../components/settings/TextSizePanel';
import type { CairnData } from '../useCairnData';
import './LibrarySettings.css';

/** Settings: models, the search index, where the data is, the network requests made, text size. */
export function SettingsScreen({ api, data }: { api: CairnApi; data: CairnData }) {
  // A model download is a network request: the privacy list reloads after one.
  const [privacyGeneration, setPrivacyGeneration] = useState(0);
  const onNetworkUse = useCallback(() => setPrivacyGeneration((n) => n + 1), []);
  return (
    <div className="ls-screen">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="ls-toc">
        <ul>
          <li><a href="#text-size-heading">Text size</a></li>
          <li><a href="#models-heading">Models</a></li>
          <li><a href="#embedder-heading">Search index</a></li>
          <li><a href="#data-heading">Data location</a></li>
          <li><a href="#privacy-heading">Privacy</a></li>
        </ul>
      </nav>
      <TextSizePanel />
      <ModelsPanel api={api} onNetworkUse={onNetworkUse} />
      <EmbedderPanel api={api} status={data.status} reload={data.reload} />
      <DataLocationPanel status={data.status} />
      <PrivacyPanel api={api} generation={privacyGeneration} />
    </div>
  );
}
