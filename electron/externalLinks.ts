import type { BrowserWindow, Dialog, Shell } from 'electron';

/** Links a person may open outside the app: web pages and e-mail, nothing else (no file:, no custom schemes). */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Opens a link in the system browser, only after the person confirms: a link inside a guideline
 * document or a related resource never loads in Cairn's window, and never opens by surprise.
 * @returns whether the link was opened.
 */
export async function confirmAndOpenExternal(url: string, electron: { dialog: Pick<Dialog, 'showMessageBox'>; shell: Pick<Shell, 'openExternal'>; window?: BrowserWindow | null }): Promise<boolean> {
  if (!isExternalLink(url)) return false;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: `${url}\n\nThe page opens in your browser, outside Cairn. Cairn itself sends nothing over the network.`,
  };
  const { response } = electron.window ? await electron.dialog.showMessageBox(electron.window, options) : await electron.dialog.showMessageBox(options);
  if (response !== 0) return false;
  await electron.shell.openExternal(url);
  return true;
}
