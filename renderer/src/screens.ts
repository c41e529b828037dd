/** The app's screens, in navigation order. */
export const SCREENS = [
  { id: 'ask', label: 'Ask' },
  { id: 'library', label: 'Library' },
  { id: 'records', label: 'My records' },
  { id: 'prep', label: 'Appointment prep' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];
