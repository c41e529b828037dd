/**
 * Word lists shared by the safety rules, as regular-expression source fragments over
 * *normalised* text (see `normalizeText`): lowercase, apostrophes dropped ("can't" -> "cant",
 * "I'm" -> "im"), "cannot" / "do not" style negations contracted, hyphens turned into spaces.
 * Each fragment is an alternation meant to sit inside `(?:...)`.
 */

/**
 * Family words people use as names, without "my" ("Mom is confused", "Dad collapsed"). Other
 * relatives ("my husband") come with a possessive, which marks them already.
 */
export const FAMILY_NAME = String.raw`mom|mum|mommy|mummy|mama|dad|daddy|papa|grandma|grandpa|nana|granny|gran|nan`;

/** Who a question can be about: "i", "she", "my husband", "his wife". */
export const SUBJECT = String.raw`i|we|he|she|they|(?:my|his|her|our|their) \w+`;

/** A measured temperature of 38.0 C / 100.4 F or more. */
export const HIGH_READING = String.raw`(?:3[89]|4[0-2])(?:[.,]\d+)?|100[.,][4-9]\d*|10[1-6](?:[.,]\d+)?`;

/**
 * A reading that can only be a temperature: a decimal 38.0-42.9 / 100.4-106.9, or a whole number
 * with a unit ("39 degrees"), and not a lab value or a weight ("PSA is 38.5").
 */
export const BARE_HIGH_READING = String.raw`(?<!\b(?:psa|cea|ca ?\d+(?: \d+)?|ldh|afp|hcg|ha?emoglobin|hgb|hb|platelets?|plt|weight|bmi|kg|marker|level|score|count|anc|wbc|age|aged)\b(?: \w+){0,2} )(?:(?:3[89]|4[0-2])[.,]\d+|100[.,][4-9]\d*|10[1-6][.,]\d+|(?:${HIGH_READING}) ?(?:degrees?|deg|c|f|celsius|fahrenheit))`;

/** Fever words, including a high reading next to "temp". */
export const FEVER = String.raw`fevers?|feverish|febrile|burning up|chills|chilled|shiver\w*|the shakes|(?:feel|feels|feeling|felt) (?:\w+ ){0,2}hot(?! flash\w*)|(?:freezing|so cold|really cold|very cold|ice cold)(?: \w+){0,2} shak\w+|shak\w+ (?:\w+ ){0,2}(?:cold|freezing)|shaking all over|cant stop shaking|${BARE_HIGH_READING}|shaking chills|rigou?rs|(?:high|raised|elevated|rising) (?:temp|temperature)s?|(?:running|spiking|spiked|got|have|has|had) a (?:high |slight )?(?:temp|temperature)|(?:temp|temperature)s? (?:\w+ ){0,2}(?:up|high|raised|rising|elevated|${HIGH_READING})`;

/** Cancer treatment that makes a fever dangerous: chemotherapy and its relatives. */
export const TREATMENT_CONTEXT = String.raw`chemo\w*|infusions?|cycles?|immunotherapy|targeted therapy|treatments?|radiation|radiotherapy|transplant|stem cell|port|picc|folfox|folfiri|folfirinox|capox|xelox|r ?chop|abvd|\w+platin|\w+taxel|\w+rubicin|\w+citabine|\w+umab|\w+ximab|\w+tinib|cyclophosphamide|etoposide|irinotecan|fluorouracil|5 ?fu|xeloda|taxol|taxotere|adriamycin|keytruda|opdivo|yervoy|vincristine|pemetrexed|temozolomide|methotrexate|ifosfamide|bleomycin|leukemia|lymphoma|myeloma`;

/** Low white blood cell counts (neutropenia). */
export const LOW_COUNTS = String.raw`neutropeni\w*|neutrop[ae]nic|low (?:white|wbc|neutrophils?|anc|blood counts?|counts?|immune)|(?:white (?:blood )?(?:cell )?|wbc |neutrophil |blood )?counts? (?:\w+ ){0,2}(?:low|down|dropped|tanked|crashed)|(?:white (?:blood )?(?:cell )?count|wbc|anc|neutrophils?) (?:\w+ ){0,2}(?:low|down)|(?:anc|neutrophils?|neuts) (?:\w+ ){0,2}(?:[1-9]\d{0,2}|0?[.,]\d+)(?![.,]?\d)|(?:wbc|white (?:blood )?(?:cell )?count) (?:\w+ ){0,2}[0-3](?:[.,]\d+)?(?![.,]?\d)`;

/** Breath and breathing, with common misspellings. */
export const BREATH = String.raw`brea?th\w*|breth\w*`;

/** Being sick (vomiting). */
export const VOMIT = String.raw`vomit\w*|throw\w* up|threw up|puk\w*|being sick|barf\w*|retching|heaving`;

/** Diarrhoea, spelled the many ways people spell it. */
export const DIARRHEA = String.raw`d[iy]a?h?r+h?o?e?a\w*|the runs`;

/** Malignancy words, for "is this lump cancer?" style questions. */
export const MALIGNANCY = String.raw`cancer\w*|tumou?rs?|malignan\w*|leuk(?:a)?emia|lymphoma|melanoma|myeloma|sarcoma|carcinoma|glioma|glioblastoma|metasta\w+|mets|serious|benign`;

/** Things a person finds on themselves and asks about. */
export const FINDING = String.raw`lumps?|moles?|spots?|bumps?|mass|masses|growths?|nodules?|lesions?|swelling|rash|cough|sores?|ulcers?|freckles?|marks?|discharge|bruis\w+|pain|ache|symptoms?|nodes?|glands?|cysts?|polyps?|results?|scan|mammogram|biopsy|psa|blood (?:test|work)`;

/** Cancer treatments a person might start, stop, skip or change. */
export const TREATMENT = String.raw`chemo\w*|steroids?|dexamethasone|dex|\w+(?:sone|solone)|antibiotics?|blood thinners?|anticoagulants?|painkillers?|pain (?:meds|medications?|medicines?|pills)|opioids?|morphine|oxycodone|treatments?|therapy|therapies|immunotherapy|radiation|radiotherapy|surgery|operation|infusions?|cycles?|sessions?|meds|medications?|medicines?|drugs?|pills|tablets|hormone (?:therapy|treatment|blockers?|shots?)|targeted therapy|trial|transplant|injections?|shots?|\w+(?:umab|ximab|zumab|inib|tinib|ciclib|parib|lisib|platin|taxel|rubicin|citabine|rolimus|lidomide|tecan|trexate|mustine)|tamoxifen|letrozole|anastrozole|exemestane|fulvestrant|\w+zole|keytruda|opdivo|yervoy|herceptin|perjeta|kadcyla|enhertu|tagrisso|ibrance|kisqali|verzenio|xeloda|lupron|zoladex|eligard|zytiga|xtandi|avastin|revlimid|imbruvica|gleevec|tafinlar|mekinist|lynparza|folfox|folfiri|folfirinox|capox|xelox|r ?chop|abvd`;
