import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getApi } from './api';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Cairn: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App api={getApi()} />
  </StrictMode>,
);
