/** The safety screen: red-flag symptoms, out-of-scope requests, and the fixed texts code writes. */
export { screenQuestion, type OutOfScopeNotice, type SafetyScreen, type UrgentNotice } from './screen';
export {
  AI_NOTICE,
  BANNER,
  FOOTER_ADD_RECORDS,
  FOOTER_EDUCATIONAL,
  FOOTER_GENERAL,
  OUT_OF_SCOPE_MESSAGES,
  OUT_OF_SCOPE_RULES,
  RED_FLAG_RULES,
  URGENT_MESSAGE,
  type OutOfScopeKind,
  type OutOfScopeRule,
  type RedFlagRule,
} from './rules';
export { normalizeText, splitSentences } from './normalize';
