export { listDocuments, countLibrary } from './listDocuments';
