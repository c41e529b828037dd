import { cancerTypeAncestors } from '../../lexicon';
import type { MetastaticField } from '../profile';
import { clauseText, isFamilyContext, SPECULATIVE } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import { negationOf } from './negation';
import { findSites, type SiteMention } from './sites';
import { clauseAt, type Span } from './spans';
import type { StageFinding } from './stage';
import { findLoneM1, findTnm } from './tnm';

/**
 * Whether the cancer has spread to distant sites, and where.
 *
 * "Metastatic" here means distant (M1) disease. Cancer in the regional lymph nodes ("metastatic
 * melanoma in 1 of 2 sentinel nodes", "2/14 lymph nodes") is stage III, not metastatic, so a
 * statement that only concerns lymph nodes is set aside either way; "0/14 lymph nodes" is not a
 * negative either. Lymph nodes join the sites only beside a distant site ("liver and
 * retroperitoneal lymph node metastases").
 *
 * Any current statement of distant metastasis makes the value true, even when another sentence
 * says "no evidence of metastatic disease" (usually an older scan, or another organ). False needs
 * a statement about distant disease as a whole ("no evidence of distant metastatic disease",
 * "M0"): "no brain metastases" only takes the brain off the list.
 */

const METASTASIS = /\b(?:metasta(?:tic|sis|ses|sized|sizing|size[sd]?)|mets|micrometasta\w*|spread to|spread into|secondary (?:malignant )?(?:neoplasms?|malignan(?:cy|cies)|tumou?rs?|deposits?))\b/gi;

/** Words that make a statement about the lymph node a pathologist has in hand, not distant spread. */
const NODAL_CONTEXT = /\b(?:sentinel|axilla\w*|regional|subcapsular|extranodal|ENE|deposits?|micrometasta\w*|isolated tumou?r cells|\d{1,2}\s*(?:of|\/)\s*\d{1,2}(?![\d/])|(?:one|two|three|none) of (?:one|two|three|\d+))\b/i;
const DISTANT = /\bdistant|widespread|disseminated|systemic|multi-?organ|metastatic (?:disease|cancer|carcinoma|melanoma|\w+ (?:cancer|carcinoma))\b/i;

/** Statements that name metastasis without asserting it: staging fields not assessed, workup, risk. */
const NOT_ASSERTED =
  /\b(?:not applicable|cannot be (?:determined|assessed)|not assessed|work[-\s]?up|survey|surveillance|evaluat\w* for|assess(?:ing|ment)? for|look(?:ing)? for|screen\w*|risk|reduce|prevent\w*|if\b|would\b|stag(?:ing)? (?:scans?|studies|imaging)|future|in (?:case|the event) of|should (?:the |it |she |he )?(?:disease |cancer )?(?:recur|progress|spread|metastasi[sz]e|become)|eligib\w*|criteri(?:a|on)|trials?)\b/i;

/** The sites in brackets after an M1 category: "M1c (liver, adrenal)". */
function sitesAfterM1(text: string, end: number): string[] {
  const bracket = /^\s*\(([^()]{1,80})\)/.exec(text.slice(end));
  return bracket?.[1] ? [...new Set(findSites(bracket[1]).map((s) => s.site))] : [];
}

/** Words after an organ that make it the primary site. */
const PRIMARY_AFTER = /^\s*(?:[\w-]+\s+)?(?:primary|origin|cancer|carcinoma|adenocarcinoma)\b/i;

/** A statement placed in the past as the first staging ("initially stage IIIB (pT3a pN1a M0)"). */
const EARLIER = /\b(?:initial(?:ly)?|original(?:ly)?|at (?:the time of )?diagnosis|previous(?:ly)?|prior|formerly)\b/i;

/** "no evidence of disease", "no distant disease" and "NED" are whole-body negatives too. */
const NO_DISEASE = /\b(?:no (?:evidence of )?(?:recurrent |residual |active |distant )?disease(?!\s+(?:progression|recurrence|related|specific|burden))|no distant (?:spread|metastas[ie]s)|NED)\b/i;

interface Statement {
  span: Span;
  index: number;
  sites: string[];
  /** How sure the statement is: explicit distant sites > "metastatic melanoma" > stage IV or M1 alone. */
  weight: number;
}

function isBlood(cancerType: string | undefined): boolean {
  return !!cancerType && [cancerType, ...cancerTypeAncestors(cancerType)].includes('Blood cancer');
}

/** Between two sites of one list: "liver, lungs and bones", "bone and retroperitoneal lymph node". */
const LIST_JOIN = /^[\s,]*(?:(?:and|or|&)\s+)?(?:the\s+)?(?:(?!with\b|without\b|no\b|not\b|but\b)[a-z-]+\s+){0,2}$/i;
/** The words that open a "metastatic to ..." list. */
const TO_SITES = /^\s*(?:[\w-]+\s+){0,3}?(?:to|in|into|involving|within)\s+(?:the\s+|both\s+|bilateral\s+|multiple\s+)?/i;
const OF_SITES = /^\s*(?:of|in)\s+(?:the\s+)?/i;

/**
 * The sites a metastasis statement names: the list after "metastatic to" / "metastases in", and the
 * list right before "metastases" ("bone and retroperitoneal lymph node metastases"). Other organs in
 * the clause are not its sites: "3 pericolic nodes and at least 7 liver metastases" is liver only,
 * and "adenocarcinoma of the lung metastatic to brain" is brain only.
 */
function sitesAround(span: Span, index: number, end: number, word: string): SiteMention[] {
  const text = span.text;
  const [clauseStart, clauseEnd] = clauseAt(text, index);
  const sites = findSites(text.slice(clauseStart, clauseEnd)).map((s) => ({ ...s, index: s.index + clauseStart, end: s.end + clauseStart }));
  const isPrimary = (site: SiteMention) => PRIMARY_AFTER.test(text.slice(site.end, site.end + 40));
  const chosen: SiteMention[] = [];

  const opener = (/^secondary/i.test(word) ? OF_SITES : TO_SITES).exec(text.slice(end, clauseEnd));
  if (opener) {
    let cursor = end + opener[0].length;
    for (const site of sites.filter((s) => s.index >= cursor)) {
      if (!LIST_JOIN.test(text.slice(cursor, site.index)) || /\d/.test(text.slice(cursor, site.index))) break;
      if (!isPrimary(site)) chosen.push(site);
      cursor = site.end;
    }
  }
  let cursor = index;
  for (const site of sites.filter((s) => s.end <= index).reverse()) {
    const gap = text.slice(site.end, cursor);
    if (!LIST_JOIN.test(gap) || /\d/.test(gap)) break;
    // "adenocarcinoma of the lung metastatic to brain": the organ after "of" is the primary.
    if (/\b(?:of|from|arising in)\s+(?:the\s+)?(?:(?:left|right|upper|lower|middle)\s+){0,2}$/i.test(text.slice(Math.max(0, site.index - 30), site.index)) || isPrimary(site)) break;
    chosen.push(site);
    cursor = site.index;
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** True when the statement concerns lymph nodes only: named nodes, a node count, or a lymph node specimen heading. */
function nodalOnly(sites: SiteMention[], clause: string, span: Span): boolean {
  const distant = sites.filter((s) => s.site !== 'lymph node');
  if (distant.length > 0) return false;
  return sites.length > 0 || NODAL_CONTEXT.test(clause) || /\blymph node|\bsentinel|\bnodes?\b/i.test(span.subheading ?? '');
}

export function extractMetastatic(spans: Span[], context: ExtractContext, stage?: StageFinding, cancerType?: string): MetastaticField | undefined {
  const positive: Statement[] = [];
  const negative: Statement[] = [];

  for (const span of spans) {
    if (isFamilyContext(span, 0)) continue;
    for (const match of span.text.matchAll(METASTASIS)) {
      const clause = clauseText(span, match.index);
      if (NOT_ASSERTED.test(clause) || (SPECULATIVE.test(clause) && !/\bconsistent with\b/i.test(clause))) continue;
      const affirmed = sitesAround(span, match.index, match.index + match[0].length, match[0]);
      const negation = negationOf(span.text, match.index, match.index + match[0].length);
      if (negation) {
        if (/\bno (?:new|further|additional)\b/i.test(clause)) continue;
        const named = affirmed;
        // "no intracranial metastases" is about the brain, not about distant disease as a whole.
        if (named.length > 0 && !named.every((s) => s.site === 'lymph node') && !DISTANT.test(clause)) continue;
        if (nodalOnly(named, clause, span)) continue;
        negative.push({ span, index: match.index, sites: [], weight: 0.85 });
        continue;
      }
      if (nodalOnly(affirmed, clause, span) && !/\bdistant\b/i.test(clause)) continue;
      // "B. LIVER, SEGMENT IV LESION, FINE NEEDLE ASPIRATION:" / "- METASTATIC ADENOCARCINOMA": the specimen names the site.
      const sites = affirmed.length > 0 ? affirmed.map((s) => s.site) : findSites(span.subheading ?? '').slice(0, 1).map((s) => s.site);
      positive.push({ span, index: match.index, sites, weight: sites.some((s) => s !== 'lymph node') ? 0.9 : 0.85 });
    }

    // TNM: M1 is distant metastasis, M0 says there is none.
    for (const tnm of findTnm(span.text)) {
      const clause = clauseText(span, tnm.index);
      if (EARLIER.test(span.text.slice(Math.max(0, tnm.index - 60), tnm.index))) continue;
      if (tnm.m === 1) {
        const sites = tnm.end !== undefined ? sitesAfterM1(span.text, tnm.end) : [];
        positive.push({ span, index: tnm.index, sites, weight: sites.length > 0 ? 0.85 : 0.75 });
      }
      else if (tnm.m === 0 && !NOT_ASSERTED.test(clause)) negative.push({ span, index: tnm.index, sites: [], weight: 0.7 });
    }
    for (const m1 of findLoneM1(span.text)) {
      if (!findTnm(span.text).some((t) => t.index <= m1.index && m1.index < (t.end ?? t.index + t.text.length))) {
        const sites = sitesAfterM1(span.text, m1.index + m1.text.length);
        positive.push({ span, index: m1.index, sites, weight: sites.length > 0 ? 0.85 : 0.75 });
      }
    }
    const ned = NO_DISEASE.exec(span.text);
    if (ned) negative.push({ span, index: ned.index, sites: [], weight: 0.7 });
  }

  if (stage?.field.value.startsWith('IV') && !isBlood(cancerType)) positive.push({ span: stage.span, index: 0, sites: [], weight: 0.75 });

  if (positive.length > 0) {
    // A site some sentence affirms stays even if another negates it (an older scan); one only negated never enters.
    const listed = [...new Set(positive.flatMap((p) => p.sites))];
    const ranked = [...positive].sort((a, b) => b.sites.length - a.sites.length || b.weight - a.weight || a.span.order - b.span.order);
    const best = Math.max(...positive.map((p) => p.weight));
    return {
      value: true,
      ...(listed.length > 0 ? { sites: listed } : {}),
      ...ruleMeta(context, ranked.map((p) => ({ span: p.span, focus: p.index })), best),
    };
  }
  if (negative.length > 0) {
    const ranked = [...negative].sort((a, b) => b.weight - a.weight || b.span.order - a.span.order);
    return { value: false, ...ruleMeta(context, ranked.map((n) => ({ span: n.span, focus: n.index })), ranked[0]?.weight ?? 0.7) };
  }
  return undefined;
}
