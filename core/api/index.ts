export * from './contract';
export * from './result';
export { IPC_CHANNEL } from './channel';
export { createApiClient, type Transport } from './client';
export { dispatch } from './dispatch';
export { createHandlers } from './handlers';
