/**
 * The safety screen's data: red-flag symptom rules, out-of-scope request rules, and the fixed
 * texts that code (never a model) writes into every answer. Patterns match *normalised* text
 * (see `normalizeText`): lowercase, no apostrophes ("cant", "im", "dont"), single spaces.
 */
import {
  BARE_HIGH_READING,
  BREATH,
  DIARRHEA,
  FEVER,
  FINDING,
  HIGH_READING,
  LOW_COUNTS,
  MALIGNANCY,
  SUBJECT,
  TREATMENT,
  TREATMENT_CONTEXT,
  VOMIT,
} from './vocabulary';

// ---------------------------------------------------------------------------------------------
// Fixed texts

/** The urgent notice shown before everything else when a question describes a red flag. */
export const URGENT_MESSAGE =
  'What you describe can be a sign of a medical emergency. Call your oncology team\'s 24-hour line now, or your local emergency number (such as 911 in the US) if you cannot reach them. Do not wait for an answer from this app.';

/** The kinds of request Cairn does not answer, and redirects to the care team. */
export type OutOfScopeKind = 'dosing' | 'treatment-change' | 'diagnosis';

/** The redirect shown for each kind of out-of-scope request. */
export const OUT_OF_SCOPE_MESSAGES: Readonly<Record<OutOfScopeKind, string>> = {
  dosing:
    'Cairn cannot tell you how much of a medicine to take. The right dose depends on you, your other medicines and your treatment plan. Please ask your oncology team or pharmacist; if you are unsure about a dose right now, call your care team\'s line before taking more.',
  'treatment-change':
    'Starting, stopping, skipping or changing a treatment is a decision to make with your oncology team, who know your whole situation. Cairn can explain what the guidelines say about a treatment, but please talk with your care team before changing anything.',
  diagnosis:
    'Cairn cannot tell whether you have cancer or what a symptom means for you. Only your care team can, by examining you and running the right tests. Please make an appointment with your doctor; Cairn can help you prepare questions for it.',
};

/** The banner above every answer. */
export const BANNER = 'For informational purposes only';

/** The notice under the banner: where the answer came from and what it is not. */
export const AI_NOTICE =
  'This answer was generated on this computer from the guideline documents in your library. It is not medical advice. Talk with your oncologist or care team before making treatment decisions.';

/** First footer line of every answer. */
export const FOOTER_EDUCATIONAL =
  'This information is for educational purposes only. Always talk with your care team about your own medical decisions.';

/** Footer line of an answer that used no patient profile. */
export const FOOTER_GENERAL = 'This is general information.';

/** Footer invitation to add records, shown when there is no patient profile. */
export const FOOTER_ADD_RECORDS =
  'Add your records to get answers that take your stage, biomarkers and treatment history into account. They stay on this computer.';

// ---------------------------------------------------------------------------------------------
// Rules

/** A red-flag symptom: any pattern, in a sentence describing something happening now, fires it. */
export interface RedFlagRule {
  /** Stable identifier. */
  id: string;
  /** Plain words shown to the person, e.g. "Fever during chemotherapy". */
  label: string;
  /** Alternative ways of describing the symptom (normalised text). */
  patterns: readonly RegExp[];
  /** When present, the message must also mention one of these (not negated) for the rule to fire. */
  requires?: readonly RegExp[];
  /**
   * Fire even in a general question with nobody described ("is it normal to want to die?"):
   * for symptoms people seldom ask about in the abstract, where a missed flag costs most.
   */
  flagGeneral?: boolean;
}

/** A kind of request Cairn does not answer. */
export interface OutOfScopeRule {
  kind: OutOfScopeKind;
  patterns: readonly RegExp[];
}

/** Builds a whole-word pattern from alternative regular-expression sources. */
function rx(...alternatives: string[]): RegExp {
  return new RegExp(String.raw`\b(?:${alternatives.join('|')})\b`);
}

const S = String.raw;

/** Red-flag symptoms, in the order their labels are listed. */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'fever-chemo',
    label: 'Fever during or after chemotherapy',
    patterns: [rx(FEVER)],
    requires: [rx(TREATMENT_CONTEXT)],
  },
  {
    id: 'fever-low-counts',
    label: 'Fever with low white blood cell counts',
    patterns: [rx(FEVER), rx(S`neutropenic fever|febrile neutropenia`)],
    requires: [rx(LOW_COUNTS)],
  },
  {
    id: 'high-temperature',
    label: 'High temperature (38 °C / 100.4 °F or more)',
    patterns: [
      rx(S`(?:temp|temperature|fever|thermometer|febrile)\w*(?: \w+){0,3}? (?:${HIGH_READING})`),
      rx(S`(?:${HIGH_READING}) ?(?:c|f|celsius|fahrenheit|degrees?)?(?: \w+)? (?:fever|temp\w*)`),
      rx(BARE_HIGH_READING),
    ],
  },
  {
    id: 'breathing',
    label: 'Trouble breathing',
    patterns: [
      rx(S`short(?:ness)? (?:of|o) (?:${BREATH})|out of (?:${BREATH})|breathless\w*`),
      rx(S`(?:cant|unable to|not able to|couldnt|can barely|barely|can hardly|hardly|struggling to|struggle to|struggles to|struggled to|hard to|harder to|difficult to|difficulty|trouble|problems?|hard time|fighting to) (?:catch (?:my|his|her|their|a) |get (?:my|his|her|a) )?(?:${BREATH})`),
      rx(S`(?:cant|unable to|not able to|couldnt|can barely|can hardly|hard to|struggling to) (?:get|catch|take) (?:a (?:full|deep|proper|good|whole) |enough |any |my |his |her )?(?:air|${BREATH})`),
      rx(S`gasping|air hunger|suffocat\w+|labou?red breathing|winded|wheez\w*|(?:feel|feels|feeling) like (?:(?:im|hes|shes|i am) )?(?:drowning|choking|suffocating)`),
      rx(S`(?:breathing|${BREATH}) (?:\w+ ){0,2}(?:hard|difficult|labou?red|fast|rapid|shallow|noisy|a struggle|worse)`),
      rx(S`(?:lips|face|fingertips|skin) (?:\w+ ){0,2}(?:blue|grey|gray)`),
    ],
  },
  {
    id: 'chest-pain',
    label: 'Chest pain or pressure',
    patterns: [
      rx(S`chest (?:pains?|pressure|tightness|discomfort|heaviness|aches?|hurts|is hurting|(?:is|feels|felt) (?:tight|heavy|sore|like))`),
      rx(S`(?:pains?|pressure|tightness|heaviness|ache|squeezing|crushing \w+) (?:in|on|across|around) (?:my |his |her |the )?chest`),
      rx(S`tight chest|crushing (?:pressure|pain|feeling)|heart attack`),
      rx(S`pain (?:\w+ ){0,2}(?:down|into|to|up) (?:my |his |her )?(?:left )?(?:arm|jaw)`),
    ],
  },
  {
    id: 'bleeding',
    label: 'Heavy or uncontrolled bleeding, or blood in vomit, cough or stool',
    patterns: [
      rx(S`(?:cough\w*|spit\w*|spat|hack\w*|${VOMIT}|sick|poop\w*|pooing|pee\w*|wee\w*|pass\w*|urinat\w*|shit\w*|crap\w*) (?:up |out )?(?:some |a lot of |lots of |bright red |dark |red )?blood|coffee grounds?`),
      rx(S`blood (?:\w+ ){0,3}(?:when|while|as|after) (?:i|he|she|they) (?:cough|pee|poo|poop|vomit|throw up|wee|go)|blood (?:is |keeps )?(?:coming|comes|came|pouring|gushing|spurting|dripping) (?:out|from)`),
      rx(S`blood (?:in|on|with) (?:my |his |her |the )?(?:stools?|poop|poo|bowel movements?|urine|pee|vomit|sick|toilet|sputum|phlegm|spit|mucus|diaper|stoma|bag|catheter|drain|tube)`),
      rx(S`(?:full of|filled with|covered in|soaked (?:in|with)|pool of) blood`),
      rx(S`bloody (?:stools?|poop|poo|${DIARRHEA}|vomit|urine|pee|cough|phlegm|sputum|mucus)`),
      rx(S`(?:black|tarry|maroon) (?:stools?|poop|poo|bowel movements?)`),
      rx(S`(?:stools?|poop|poo|bowel movements?) (?:\w+ ){0,2}(?:black|tarry|bloody|maroon)`),
      rx(S`(?:pee|peeing|urine) (?:is )?(?:blood|bloody)`),
      rx(S`bleed\w* (?:\w+ ){0,2}(?:heavily|a lot|badly|nonstop|non stop|everywhere|profusely|through)`),
      rx(S`(?:heavy|heavily|uncontrolled|uncontrollable|severe|lots of|a lot of|so much|profuse) (?:bleeding|blood)`),
      rx(S`(?:bleed\w*|blood|nosebleed|nose bleed)(?: \w+){0,8} (?:wont|doesnt|isnt|hasnt|not|never|cant) (?:stop\w*|slow\w*)`),
      rx(S`(?:cant|unable to|couldnt) (?:stop|slow) (?:the |my |his |her )?(?:bleeding|blood|nosebleed)|(?:wont|doesnt|isnt|hasnt|never|cant get \w+ to) stop\w* bleed\w*`),
      rx(S`soak\w* (?:through )?(?:\w+ ){0,2}(?:pads?|bandages?|dressings?|towels?|gauze)|ha?emorrhag\w+`),
    ],
  },
  {
    id: 'confusion',
    label: 'Sudden confusion',
    patterns: [
      rx(S`(?:suddenly|sudden|very|really|so|acting|seems?|seemed|got|gotten|getting|became|become|becoming|is|was|im|hes|shes|been|more|increasingly|totally|completely) confused(?! (?:about|by|with|as to|on|over|why|what|how|if|whether|between|regarding|when|which)\b)`),
      rx(S`(?:new|sudden|severe|acute|increasing|a lot of) confusion|disoriented|delirious|delirium|talking nonsense|hallucinat\w+|unresponsive|not responding`),
      rx(S`(?:doesnt|dont|didnt|cant) (?:know|recogni[sz]e) (?:where (?:she|he|i|they) (?:is|am|are)|who (?:i|she|he|we|anyone) (?:is|am|are)|me|us|anyone)`),
      rx(S`(?:he|she|hes|shes|they|(?:my|his|her) \w+) (?:is |are )?(?:not|isnt|doesnt|dont|arent|wasnt|stopped) mak(?:e|es|ing) (?:any )?sense`),
      rx(S`(?:wont|cant|can barely|hard to|difficult to) (?:wake (?:up|her|him)|be woken|rouse)`),
    ],
  },
  {
    id: 'weakness-numbness',
    label: 'Sudden weakness or numbness, especially on one side',
    patterns: [
      rx(S`(?:sudden|suddenly|all of a sudden|out of nowhere)(?: \w+){0,5} (?:weak\w*|numb\w*|paraly\w+|limp|droop\w*|cant (?:move|lift|feel))`),
      rx(S`(?:weak\w*|numb\w*|limp|droop\w*|paraly\w+)(?: \w+){0,5} (?:suddenly|all of a sudden|out of nowhere)`),
      rx(S`(?:one|left|right) side (?:of (?:my|his|her|the) (?:body|face) )?(?:\w+ ){0,2}(?:weak\w*|numb\w*|limp|droop\w*|paraly\w+|heavy)`),
      rx(S`(?:weak\w*|numb\w*|limp|droop\w*|paraly\w+) (?:\w+ ){0,3}(?:one|left|right) side`),
      rx(S`(?:face|mouth|smile|eyelid) (?:\w+ ){0,2}droop\w*|droop\w* (?:face|mouth|smile)|having a stroke`),
      rx(S`(?:face|arm|leg) (?:\w+ ){0,2}(?:went|go|goes|going|gone|is|feels?|felt) (?:\w+ )?(?:numb|limp|dead|weak)`),
      rx(S`(?:cant|unable to|not able to|couldnt) (?:move|lift|raise|feel) (?:my|his|her) (?:left |right )?(?:arm|face|hand|side)`),
    ],
  },
  {
    id: 'speech',
    label: 'Trouble speaking',
    patterns: [
      rx(S`slurr\w+|speech (?:\w+ ){0,2}(?:garbled|jumbled|strange|weird|off|funny)`),
      rx(S`(?:cant|unable to|not able to|couldnt|can barely|trouble|difficulty|hard time|struggling to|struggles to|problems?) (?:speak|speaking|talk|talking|get (?:my|his|her|the) words out|find(?:ing)? (?:my|his|her|the) words|form(?:ing)? words)(?! (?:to|with|about|it|through)\b)`),
      rx(S`(?:words|speech) (?:\w+ ){0,4}(?:jumbled|garbled|mixed up|slurred)`),
    ],
  },
  {
    id: 'seizure',
    label: 'Seizure',
    patterns: [rx(S`seizures?|seizing|convuls\w+|(?:having|had|has) a fit`)],
  },
  {
    id: 'fainting',
    label: 'Fainting or passing out',
    patterns: [
      rx(S`faint(?:ed|ing|s)?|pass(?:ed|es|ing)? out|black(?:ed|ing)? out|(?:lost|loss of|losing) consciousness|collaps\w+|unconscious`),
    ],
  },
  {
    id: 'severe-headache',
    label: 'Severe headache with vomiting or changes in vision',
    patterns: [rx(S`head ?aches?|migraines?|head (?:\w+ )?(?:pounding|splitting|throbbing|hurts?|killing)`)],
    requires: [
      rx(S`worst|sudden\w*|thunderclap|stiff neck|neck is stiff|confus\w+|${VOMIT}`),
      rx(S`(?:blurr?y|blurred|double|loss of|lost|losing|changes? in|dim|dark|blind) (?:vision|sight)|vision (?:\w+ ){0,2}(?:blurr?y|blurred|double|dark|dim|changed?|weird|off|gone|black)`),
      rx(S`(?:cant|unable to|couldnt) see|(?:seeing|see) (?:double|spots|flashing)`),
    ],
  },
  {
    id: 'self-harm',
    label: 'Thoughts of self-harm or suicide',
    flagGeneral: true,
    patterns: [
      rx(S`(?:kill|killing|hurt|hurting|harm|harming|cut|cutting) (?:my|him|her|them)sel(?:f|ves)|self harm\w*|suicid\w+`),
      rx(S`(?:end|ending|take|taking) (?:my|his|her) (?:own )?life(?! (?:back|away)\b)|(?:end|ending) (?:it|it all|things|everything)`),
      rx(S`(?:want|wanna|wanted|wanting|wish|wishing|ready|plan\w*) (?:to |i (?:was|were|could) |i )?(?:die|be dead|dead|not wake up|disappear|not be here|not exist|not be alive|be gone|sleep forever)`),
      rx(S`better off dead|better off without me`),
      rx(S`(?:dont|doesnt|no longer|never) (?:\w+ )?want to (?:live|be alive|be here|go on|wake up|exist|keep going|keep living|carry on)`),
      rx(S`(?:no|dont see (?:the|any|a)|see no|whats the|what is the|lost all|cant see (?:the|any)) (?:reason|point|will) (?:to|in|of|for) (?:live|living|going on|being alive|carrying on|life|staying alive)`),
      rx(S`(?:cant|dont want to) go on(?: like this| anymore| any more|(?=\s*(?:[.,;!?]|$)))`),
      rx(S`(?:no one|nobody|noone) (?:would|will|is going to|\w+) (?:miss|care)`),
      rx(S`(?:sav\w+|hoard\w*|stockpil\w+) (?:up )?(?:my |his |her )?(?:pills|meds|medication|tablets)|overdos\w+`),
      rx(S`(?:take|taking|swallow\w*) (?:all|every one) (?:of )?(?:my|his|her|the) (?:\w+ )?(?:pills|meds|medications?|tablets|at once|together|in one go)|(?:a|the) whole (?:bottle|pack|packet|box) of`),
      rx(S`want (?:it|this|everything|it all|all this|all of this|my life) (?:all )?to (?:be over|end)`),
    ],
  },
  {
    id: 'severe-pain',
    label: 'Severe or uncontrolled pain',
    patterns: [
      rx(S`(?:severe|unbearable|excruciating|uncontrolled|uncontrollable|intense|extreme|agoni[sz]ing|terrible|horrible|horrendous|crippling|intolerable|debilitating|awful|unmanageable|worst|so much|really bad|very bad|so bad) (?:\w+ ){0,2}pain`),
      rx(S`pain (?:\w+ ){0,4}(?:severe|unbearable|excruciating|uncontrolled|out of control|so bad|really bad|very bad|terrible|horrible|intolerable|extreme|unmanageable|worse and worse|too much)`),
      rx(S`pain (?:\w+ ){0,3}(?:[89]|10|eight|nine|ten) ?(?:out of|\/) ?(?:10|ten)|(?:[89]|10|eight|nine|ten) ?(?:out of|\/) ?(?:10|ten) pain`),
      rx(S`(?:pain ?(?:meds|medications?|medicines?|pills|killers?|relief|patch)|painkillers?|morphine|oxycodone|oxy|opioids?|fentanyl|hydromorphone|dilaudid)(?: \w+){0,3} (?:arent|isnt|not|dont|doesnt|didnt|no longer|stopped|wont) (?:\w+ )?(?:help\w*|work\w*|touch\w*|do\w* anything)`),
      rx(S`(?:cant|unable to) (?:stand|bear|take|handle) (?:the |this |my )?pain|in agony|(?:scream\w*|cry\w*|writh\w*|doubled over) (?:in|from|with) pain|(?:hurts?|hurting) so (?:bad|much)`),
      rx(S`(?:pain|back|head|stomach|belly|tummy|chest|leg|hip|bones?) (?:\w+ )?(?:is |are )?killing (?:me|him|her)`),
    ],
  },
  {
    id: 'dehydration',
    label: "Can't keep fluids down, or severe vomiting or diarrhea",
    patterns: [
      rx(S`(?:cant|unable to|not able to|couldnt|can barely|struggling to) (?:keep|hold) (?:\w+ ){0,3}down`),
      rx(S`(?:${VOMIT}|${DIARRHEA})(?: \w+){0,4} (?:all day|all night|all morning|nonstop|non stop|constantly|every (?:hour|\d+ minutes|few minutes)|for (?:\d+|two|three|four|five|several|a few|many) (?:hours|days)|since (?:yesterday|last night|this morning|\w+day)|\d+ times|(?:five|six|seven|eight|nine|ten|many|several|so many|countless) times|wont stop|hasnt stopped|wont go away)`),
      rx(S`(?:\d+|five|six|seven|eight|nine|ten|many|several|so many|lots of) (?:times|episodes|bouts|trips)(?: \w+){0,4} (?:${VOMIT}|${DIARRHEA})`),
      rx(S`(?:keep|keeps|kept|cant stop|wont stop|nonstop|non stop|constant|constantly|severe|violent|uncontrolled|uncontrollable|watery|explosive|projectile) (?:${VOMIT}|${DIARRHEA})`),
      rx(S`dehydrat\w+`),
    ],
  },
  {
    id: 'leg-clot',
    label: 'Swelling or pain in one leg',
    patterns: [
      rx(S`(?:leg|calf|thigh)(?: \w+){0,5} (?:swollen|swelling|swelled|puffy|bigger|larger|fatter|thicker|twice the size|red|warm|hot|tender|painful|hurts|aches)`),
      rx(S`(?:swollen|swelling|puffy|red|hot|painful) (?:\w+ ){0,2}(?:left |right )?(?:leg|calf|thigh)`),
      rx(S`(?:left|right|one) arm (?:\w+ ){0,4}(?:swollen|swelling|puffy|bigger)`),
      rx(S`clot in (?:my|his|her|the) (?:leg|calf|thigh|arm|lung)s?|dvt|deep vein thrombosis|pulmonary embol\w+`),
    ],
  },
  {
    id: 'legs-bladder',
    label: 'New weakness or numbness in the legs, or not able to pass urine',
    patterns: [
      rx(S`(?:cant|unable to|not able to|couldnt|can no longer|can barely) (?:feel|move|lift|stand on|walk on|use|control) (?:my|his|her|both|the) (?:\w+ )?legs?`),
      rx(S`(?:cant|unable to|not able to|couldnt|can no longer) (?:walk|stand|stand up|get up)(?! (?:far|long|for long|very far|much|as)\b)`),
      rx(S`legs (?:\w+ ){0,2}(?:numb|weak|limp|dead|gave way|giving way|give way|collapsed|buckl\w+|wont work|not working|paraly\w+)|(?:numb|weak|limp|paraly\w+) (?:\w+ ){0,2}legs`),
      rx(S`(?:cant|unable to|not able to|couldnt) (?:pee|urinate|wee|pass urine|pass water|empty (?:my|his|her) bladder)|(?:havent|hasnt) (?:peed|urinated|passed urine|been able to (?:pee|urinate))`),
    ],
  },
  {
    id: 'cord-compression',
    label: 'Loss of bladder or bowel control with back pain',
    patterns: [
      rx(S`(?:lost|losing|loss of|lose|no|cant) control (?:of|over) (?:my |his |her |the )?(?:bladder|bowels?|pee|urine|poop|toilet)`),
      rx(S`(?:wet|wetting|peed|pooped|soiled|messed) (?:my|him|her|them)sel(?:f|ves)|(?:wet|wetting|peed) (?:the|my|his|her) (?:bed|pants)|incontinen\w+`),
      rx(S`numb\w* (?:\w+ ){0,2}(?:groin|bottom|buttocks?|inner thighs?|private|genitals?)|saddle (?:numbness|an(?:a)?esthesia)`),
    ],
    requires: [rx(S`back ?(?:pain|ache|hurts?|is)|(?:my|his|her|lower|upper|the) back|spin(?:e|al)`)],
  },
  {
    id: 'allergy-airway',
    label: 'Swelling of the throat, tongue or lips',
    patterns: [
      rx(S`(?:throat|tongue|lips?|mouth|airway)(?: \w+){0,4} (?:swell\w*|swollen|tight\w*|closing\w*|clos\w+ up|puff\w*)`),
      rx(S`(?:swell\w*|swollen|puffy) (?:\w+ )?(?:throat|tongue|lips?)|anaphyla\w+`),
    ],
  },
  {
    id: 'allergy-infusion',
    label: 'Signs of a severe allergic reaction during an infusion',
    patterns: [rx(S`hives|welts|(?:rash|itch\w*) all over|allergic reaction|(?:face|eyes) (?:\w+ ){0,2}(?:swell\w*|swollen|puff\w*)`)],
    requires: [rx(S`infusions?|drip|iv|${BREATH}|throat|wheez\w*|dizz\w*|faint\w*|swell\w*|swollen`)],
  },
];

/** Requests Cairn redirects to the care team instead of answering. */
export const OUT_OF_SCOPE_RULES: readonly OutOfScopeRule[] = [
  {
    kind: 'dosing',
    patterns: [
      rx(S`how (?:many|much) (?:\w+ ){0,2}(?:mgs?|milligrams?|mcg|micrograms?|mls?|units?|grams?|iu|doses?|pills?|tablets?|tabs|capsules?|caps|drops|puffs|patches)`),
      rx(S`how (?:many|much)(?: \w+){0,6} (?:should|can|could|do|may|must|shall) (?:${SUBJECT}) (?:take|have|use|give|be on|get)`),
      rx(S`(?:what|which|the right|correct|right|safe|max\w*|normal|usual) (?:doses?|dosage|dosing|amount)`),
      rx(S`\d+ ?(?:mg|mcg|ml|milligrams?|micrograms?|units|iu|g)(?: \w+){0,4} (?:too much|too little|enough|ok|okay|safe|right|fine|a lot|too high|too low)`),
      rx(S`(?:can|should|could|may|is it (?:ok|okay|safe) (?:to|if)) (?:${SUBJECT})? ?(?:take|have|use|give \w+(?: \w+)?) (?:two|2|three|3|four|4|another|an extra|extra|more|double|a double|half|less|a second|an additional|twice)`),
      rx(S`(?:take|have|use|give)(?: \w+){0,3} \d+ ?(?:mg|mcg|ml|milligrams?|micrograms?|units|iu|g|pills|tablets|capsules)`),
      rx(S`(?:take|have|use|give)(?: \w+){0,6} (?:every \d+ hours|\d+ times a day|more often|less often|more than|earlier than|closer together)`),
      rx(S`double (?:up )?(?:on )?(?:my|his|her|the|a)? ?(?:dose|dosage|pills?|meds)|double dose`),
      rx(S`(?:increase|decrease|raise|lower|reduce|up|cut|halve|adjust|change|skip) (?:my|his|her|the) (?:\w+ )?(?:dose|dosage|dosing)`),
      rx(S`miss(?:ed|ing)? (?:a|my|his|her|one|the) (?:\w+ )?(?:dose|pill|tablet)`),
    ],
  },
  {
    kind: 'treatment-change',
    patterns: [
      rx(S`(?:should|can|could|may|must|shall|ought to|is it (?:ok|okay|safe|fine|alright|bad|wise|dangerous|a good idea|a bad idea) (?:for (?:${SUBJECT}|me|him|her) )?(?:to|if)|would it be (?:ok|okay|safe|wise|bad) (?:to|if)) (?:(?:${SUBJECT}) )?(?:really |just |still )?(?:stop|quit|skip|discontinue|pause|halt|refuse|decline|delay|postpone|cancel|come off|go off|get off|give up|drop|opt out of|forgo|forego|take a break|have a break|ditch|abandon|start|begin|restart|resume|go on|get on|switch|change|continue|finish|keep taking|keep going with|keep (?:on )?(?:doing|getting|having)|carry on with|stay on|go ahead with|go through with|cut back on|(?:dont|not) (?:take|have|do|get|go to|go for|finish))(?: \w+){0,4}? (?:${TREATMENT})`),
      rx(S`(?:want|wanna|going|planning|plan|thinking|tempted|considering|decided|deciding)(?: about| of)?(?: to)? (?:stop|stopping|quit|quitting|skip|skipping|discontinue|discontinuing|refuse|refusing|decline|declining|delay|delaying|give up|giving up|come off|coming off|go off|going off|take a break|taking a break)(?: \w+){0,4}? (?:${TREATMENT})`),
      rx(S`(?:do|does) (?:${SUBJECT}) (?:really )?(?:need|have) to (?:finish|complete|continue|keep (?:taking|going|doing)|stay on)(?: \w+){0,4}? (?:${TREATMENT})`),
    ],
  },
  {
    kind: 'diagnosis',
    patterns: [
      rx(S`(?:do|does|could|might|can|may|would) (?:${SUBJECT}) (?:\w+ )?(?:have|has|got|get) (?:a |an )?(?:\w+ ){0,2}(?:${MALIGNANCY})`),
      rx(S`(?:do you think|are you sure|does (?:this|that|it) mean|is it possible|how likely is it|what are the chances|chances are) (?:that )?(?:${SUBJECT}) (?:have|has|got|might have|could have|may have) (?:a |an )?(?:\w+ ){0,2}(?:${MALIGNANCY})`),
      rx(S`does (?:this|that|it) (?:sound|look) like (?:a |an )?(?:\w+ )?(?:${MALIGNANCY})`),
      // "the" only for a finding on someone's body: "is the spot on my lung cancer?"
      rx(S`(?:is|are|could|might|can|would) the (?:\w+ ){0,2}(?:${FINDING}) (?:on|in|near|under|behind|by) (?:my|his|her|their) (?:\w+ ){0,3}(?:${MALIGNANCY})`),
      // Not "the": "what are the symptoms of leukemia" asks about a disease, not about a finding.
      rx(S`(?:is|are|could|might|can|would|does|do) (?:this|that|it|these|those|my|his|her) (?:\w+ ){0,4}(?:${FINDING})(?: \w+){0,5} (?:be |mean |a sign of |sign of |signs of |look like |looks like |indicate |suggest )?(?:a |an )?(?:\w+ )?(?:${MALIGNANCY})`),
      rx(S`(?:is|could|might|can) (?:it|this|that|they|these) (?:be )?(?:a |an )?(?:sign of )?(?:\w+ )?(?:${MALIGNANCY})(?=\s*(?:[?.!,]|$| or | and | right\b| isnt\b))`),
      rx(S`(?:am i|is (?:he|she|my \w+)) (?:dying|going to die|terminal)|will (?:i|he|she|my \w+) die|how long (?:do|does) (?:i|he|she|my \w+) have(?: left| to live)?`),
      rx(S`(?:has|did|is) (?:my|his|her|the) (?:\w+ )?(?:cancer|tumou?r|lymphoma|melanoma|leuk\w+|myeloma) (?:come back|came back|returned|spread|recurred|back|growing|progressed)`),
      rx(S`what (?:do you think|could|might) (?:this|that|my|the) (?:\w+ ){0,2}(?:${FINDING})(?: \w+){0,4} (?:is|be)|what is (?:this|that) (?:\w+ )?(?:lump|bump|mole|spot|mass|growth|rash|sore|mark)`),
      rx(S`what do (?:i|you think i) have|(?:whats|what is) wrong with (?:me|him|her)|diagnose (?:me|him|her|my)`),
    ],
  },
];
