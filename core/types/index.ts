// Types only: the renderer imports from here, so nothing in this folder may have runtime code.
export type * from './library';
export type * from './status';
