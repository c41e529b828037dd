/**
 * Linguistic cues the screen uses to tell a symptom happening now from a negated, general or
 * hypothetical mention. All work on normalised text (see `normalizeText`).
 */
import { FAMILY_NAME, HIGH_READING } from './vocabulary';

/**
 * Words that deny what follows within a few words: "no fever", "I don't have chest pain",
 * "without bleeding". Idioms that deny nothing ("no one", "not sure") and "not" before another
 * verb ("not eating") are excluded.
 */
export const NEGATION_CUE = new RegExp(
  String.raw`\b(?:no(?! (?:longer|one|idea|clue|matter|way|doubt|reason|point|end|more than|less than)\b)|not(?! (?:sure|certain|only|just|even|really|quite|much|able|so sure|getting|improving|helping|working|stopping|going|better)\b)(?! (?!having|experiencing|feeling|showing)\w+ing\b)|never|without|denies|denied|none|free of|ruled out|negative for|(?:dont|doesnt|didnt) (?:have|get|feel|think (?:i|he|she) (?:have|has)|see any|notice)|(?:havent|hasnt|hadnt) (?:had|got|noticed|felt|seen)|(?:isnt|arent|wasnt|werent) (?:having|any))\b`,
  'g',
);

/** How many words may stand between a negation cue and the symptom it denies. */
export const NEGATION_WINDOW = 3;

/** The window for a denied list ("no chest pain or shortness of breath"): "or" / "nor" join it. */
export const NEGATED_LIST_WINDOW = 7;

/** Joins a denied list. */
export const LIST_JOINER = /\b(?:or|nor)\b/;

/** Where a clause ends: a negation never reaches across these ("no fever, but I can't breathe"). */
export const CLAUSE_BOUNDARY = /[,;:()]|\b(?:but|however|although|though|yet|except|and|then|because|while|whereas|plus)\b/g;

/** Someone is being described: first person, or a person the writer is caring for. */
export const PERSONAL = new RegExp(
  String.raw`\b(?:i|im|ive|id|ill|me|my|mine|myself|we|our|us|ours|he|hes|him|his|himself|she|shes|her|hers|herself|${FAMILY_NAME})\b`,
);

/** Something is happening now: time words, "keeps", a measured high temperature. */
export const CURRENT = new RegExp(
  String.raw`\b(?:right now|currently|at the moment|since|today|tonight|this (?:morning|afternoon|evening|week)|yesterday|last night|ago|for (?:the (?:past|last) )?(?:\d+|a|an|one|two|three|few|several|couple of) (?:minutes?|hours?|days?)|keeps?|kept|still|anymore|any more|like this|all (?:day|night)|${HIGH_READING})\b`,
);

/**
 * An episode placed months or years back ("I had a fever last month"): history, not an emergency,
 * unless the sentence also says it is happening now or again (`ONGOING`).
 */
export const LONG_AGO = /\b(?:last (?:month|year|spring|summer|fall|autumn|winter)|(?:a|one|\d+|two|three|few|several|couple of) (?:months?|years?) ago|months ago|years ago|used to|back in|in the past|in (?:19|20)\d\d|when (?:i|he|she|they|we) (?:was|were) (?:a child|a kid|a baby|little|young|a teenager|\d+)|as a (?:child|kid|baby|teenager)|in (?:my|his|her) (?:childhood|teens|twenties))\b/;

/** Past-tense verbs that tell an episode rather than a state: "had a fever", "went through". */
export const PAST_TELLING = /\b(?:had|got|was|were|ran|went through|experienced|suffered|developed)\b/g;

/** Words that bring a past episode into the present: "it's back", "again", "now". */
export const ONGOING = /\b(?:now|again|back|still|today|tonight|right now|currently|since|keeps?|this (?:morning|afternoon|evening|week))\b/;

/** A sentence that asks something (it started as a question or ended with "?"). */
export const QUESTION = /^(?:what|whats|why|how|hows|when|where|which|who|whose|is|isnt|are|arent|was|were|can|could|do|does|did|should|would|will|may|might|tell me|explain|define|describe|list)\b|\?\s*$/;

/** A sentence that asks for information in general ("what is", "how common", "side effect of"). */
export const DEFINITIONAL = /\b(?:what (?:is|are|does|do|causes?)|meaning of|definition|symptoms? of|signs? of|side effects?|how common|risk of|in general|typically|usually)\b/;

/**
 * A hypothetical that comes before the symptom: "what should I do if I get a fever",
 * "who do I call if I ever have trouble breathing", "in case of bleeding".
 */
export const HYPOTHETICAL = new RegExp(
  String.raw`\b(?:if (?:i|you|he|she|they|we|someone|somebody|a person|people|patients?|(?:my|your|his|her) \w+) (?:ever |suddenly |start to |begin to )?(?:get|gets|develop|develops|start|starts|notice|notices|experience|experiences|feel|feels|were to|ever|begin|begins)|what if|what happens if|what would happen if|in case(?: of)?)\b`,
  'g',
);
