export { hybridSearch, type SearchOptions, type SearchResponse, type SearchResult, type QueryUnderstanding } from './hybridSearch';
export { toFtsQuery, questionTerms } from './ftsQuery';
export { evaluateRetrieval, readEvalQuestions, percentile, type EvalQuestion, type RetrievalEvalResult } from './evalRetrieval';
