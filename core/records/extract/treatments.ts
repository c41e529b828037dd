import type { Treatment } from '../profile';
import { isFamilyContext, isPlannedMention } from './context';
import { findDates, type DateMention } from './dates';
import { ruleMeta, type ExtractContext } from './evidence';
import { clauseAt, type Span } from './spans';
import { TREATMENTS, type TreatmentEntry } from './treatmentLexicon';

/**
 * Treatments the patient has had or is on: surgeries, radiation, drugs, each once, with a date.
 *
 * Decision: planned, offered, discussed, declined or refused treatments are not history
 * ("will consider adjuvant nivolumab", "options reviewed: ipilimumab plus nivolumab", "not a
 * candidate for surgery") and are left out, unless the same clause says it is under way ("continue
 * letrozole", "START dabrafenib ... first doses taken today"). A profile lists what happened.
 *
 * The date is the one written beside the mention in the same sentence (see `statedDate`), or the
 * date of a structured record's own procedure or medication entry; else the segment's date; for a
 * surgery, a pathology report's collection or procedure date; else the record's date. When the
 * sentence dates the treatment only by month or year ("from 04/2024", "(2023)") or puts it in the
 * past without a date ("s/p lobectomy"), there is no date: none is better than the visit's. A
 * treatment mentioned several times keeps the earliest date written beside it (its start), then
 * the earliest other date.
 */

/** Sections that list allergies or a relative's care, where a drug named is not the patient's treatment. */
const NOT_TREATMENT_PLACE = /\b(?:allerg\w*|intolerances?|adverse reactions?|family)\b/;

/** The sentence places the treatment in the past without saying when. */
const UNDATED_PAST = /\b(?:s\/p|status post|history of|h\/o|prior|previous(?:ly)?|remote|in the past|years? ago|months? ago)\b/i;

/** Structured-record entries about a treatment: FHIR Procedure and Medication resources, C-CDA Procedures and Medications sections. */
const TREATMENT_SOURCE = /^(?:Procedures?|Medications?|MedicationStatement|MedicationRequest|MedicationAdministration|MedicationDispense|Immunization)\b/i;

/** Labels of a report's specimen or procedure date. */
const PROCEDURE_DATE_LABEL = /\b(?:date of (?:collection|procedure|surgery|operation)|collect(?:ed|ion) date|date collected|collected|procedure date|surgery date|operation date|date of service)\s*:/i;

/**
 * "no prior chemotherapy", "never received radiation", "not a candidate for lobectomy". Narrower
 * than the shared negation rules: "no evidence of recurrence after lobectomy" still says the
 * lobectomy happened, so the words between the trigger and the treatment must not name a finding.
 */
function isNegatedTreatment(span: Span, index: number): boolean {
  const [start] = clauseAt(span.text, index);
  const before = span.text.slice(start, index);
  const match = /\b(?:no|not|never|without|neither|nor)\b((?:\s+[\w/-]+){0,3})\s+$/i.exec(before);
  if (!match) return false;
  return !/\b(?:evidence|signs?|recurren\w*|disease|progression|complications?|change|issues?|problems?|longer|residual|tumou?r|cancer)\b/i.test(match[1] ?? '');
}

/** A month and year, or a year, without a day: "04/2024", "March 2025", "in 2019", "(2023)". */
const PARTIAL_DATE = /(?<![\d/])(?:0?[1-9]|1[0-2])\/(?:19|20)\d{2}(?![\d/])|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:19|20)\d{2}\b|\b(?:in|since|from|during)\s+(?:19|20)\d{2}\b|\((?:19|20)\d{2}\)/i;

/** Words between a treatment and a date that start another event: "TCHP x 6 cycles, then lumpectomy on 08/20/2024". */
const SEQUENCE = /\b(?:then|followed by|subsequently|later|prior to|before|after|until)\b/i;

/** A date range's end: the treatment started at its start ("03/11/2025 - 06/24/2025 carboplatin"). */
const RANGE_END_BEFORE = /(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})\s*(?:-|–|to|through|thru|until)\s*$/i;

/** How far apart two treatments named together as one event may be ("dabrafenib 150 mg BID + trametinib"). */
const MAX_CONJUNCT_GAP = 40;

/**
 * The date written nearest the mention in the sentence, following it at a tie. The date belongs to
 * another event when another kind of treatment, or a "then", stands between them ("TCHP ... then
 * lumpectomy on 08/20/2024"), or when another kind of treatment comes right before the date it
 * follows ("biopsy on 08/20/2024 with residual disease, whole-breast radiation 09/2024"). Drugs
 * named together share the date ("FOLFOX (oxaliplatin, leucovorin, 5-FU) plus panitumumab started
 * 10/13/2025"). The end of a range gives way to its start.
 */
function statedDate(text: string, mention: Hit, hits: readonly Hit[]): DateMention | undefined {
  const all = findDates(text.replace(/(\d)-(?=\d{1,2}\/\d{1,2}\/\d{2,4})/g, '$1 '));
  const candidates = all
    .map((date) => ({ date, distance: date.index >= mention.end ? date.index - mention.end : mention.index - date.end + 1 }))
    .filter((c) => c.distance >= 0)
    .sort((a, b) => a.distance - b.distance);
  for (const { date } of candidates) {
    const [from, to] = date.index >= mention.end ? [mention.end, date.index] : [date.end, mention.index];
    const between = hits.filter((h) => h !== mention && h.index >= from && h.end <= to);
    if (between.some((h) => h.entry.kind !== mention.entry.kind)) continue;
    // Treatments named together: each step from one to the next is short and has no "then" or ";".
    const chain = [mention, ...between].sort((a, b) => a.index - b.index);
    const joined = chain.every((h, i) => {
      const next = chain[i + 1];
      if (!next) return true;
      const gap = text.slice(h.end, next.index);
      return gap.length <= MAX_CONJUNCT_GAP && !SEQUENCE.test(gap) && !gap.includes(';');
    });
    if (!joined || SEQUENCE.test(text.slice(from, to))) continue;
    // A date right after another treatment is that one's: nearer to it than to this one
    // ("biopsy on 08/20/2024 with residual disease, whole-breast radiation 09/2024"), or in the
    // same part of a list split by semicolons ("leuprolide started 08/20/2025; abiraterone since 09/01/2025").
    if (date.end <= mention.index) {
      const chunkStart = text.lastIndexOf(';', date.index) + 1;
      const split = text.slice(date.end, mention.index).includes(';');
      const owner = hits.some(
        (h) => h !== mention && h.end <= date.index && (date.index - h.end < mention.index - date.end || (split && h.index >= chunkStart)),
      );
      if (owner) continue;
    }
    if (RANGE_END_BEFORE.test(text.slice(0, date.index))) {
      const start = [...all].reverse().find((d) => d.end <= date.index);
      if (start) return start;
    }
    return date;
  }
  return undefined;
}

interface Mention {
  entry: TreatmentEntry;
  span: Span;
  index: number;
  date?: string;
  /** True when the date was written beside the mention, not taken from the segment or record. */
  dateStated: boolean;
}

interface Hit {
  entry: TreatmentEntry;
  index: number;
  end: number;
}

function entriesIn(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const entry of TREATMENTS) {
    for (const match of text.matchAll(entry.pattern)) hits.push({ entry, index: match.index, end: match.index + match[0].length });
  }
  // Longest first, so "partial mastectomy" is a lumpectomy and not also a mastectomy.
  hits.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: typeof hits = [];
  for (const hit of hits) if (!kept.some((k) => hit.index < k.end && k.index < hit.end)) kept.push(hit);
  return kept.sort((a, b) => a.index - b.index);
}

function procedureDateOf(spans: Span[]): string | undefined {
  for (const span of spans) {
    const label = PROCEDURE_DATE_LABEL.exec(span.text);
    if (!label) continue;
    const date = findDates(span.text.slice(label.index + label[0].length, label.index + label[0].length + 40))[0];
    if (date) return date.iso;
  }
  return undefined;
}

/** Labels of a form's row that dates the treatment row above it: "Regimen: ..." then "C1: 2025-10-29". */
const START_ROW_LABEL = /^(?:c1|c1d1|cycle 1(?: day 1)?|start(?:ed)?(?: date)?|date (?:started|of first dose)|first dose|d1)$/;

/** The start date a labelled treatment row's next rows give, when the row itself writes none. */
function startRowDate(span: Span, following: readonly Span[]): string | undefined {
  if (!span.label) return undefined;
  for (const next of following.slice(0, 3)) {
    if (next.line === span.line) continue;
    if (!next.label) return undefined;
    if (START_ROW_LABEL.test(next.label)) return findDates(next.text)[0]?.iso;
  }
  return undefined;
}

function mentionsIn(span: Span, context: ExtractContext, procedureDate: string | undefined, following: readonly Span[] = []): Mention[] {
  if ([span.heading ?? '', span.label ?? ''].some((place) => NOT_TREATMENT_PLACE.test(place))) return [];
  const mentions: Mention[] = [];
  const hits = entriesIn(span.text);
  for (const { entry, index, end } of hits) {
    if (isFamilyContext(span, index) || isPlannedMention(span, index)) continue;
    if (isNegatedTreatment(span, index)) continue;
    // A structured record's procedure or medication entry carries the treatment's own date.
    const ownDate = span.date && TREATMENT_SOURCE.test(span.locator ?? '') ? span.date : undefined;
    const stated = statedDate(span.text, { entry, index, end }, hits)?.iso ?? ownDate ?? startRowDate(span, following);
    // A month and year only ("from 04/2024") dates the treatment without a day: better no date than the visit's.
    const undated = UNDATED_PAST.test(span.text) || PARTIAL_DATE.test(span.text);
    const fallback = undated ? undefined : (span.date ?? (entry.kind === 'surgery' ? procedureDate : undefined) ?? context.recordDate);
    const date = stated ?? fallback;
    mentions.push({ entry, span, index, ...(date ? { date } : {}), dateStated: !!stated });
  }
  return mentions;
}

/** Earliest stated date first, then earliest other date. */
function bestDate(mentions: Mention[]): string | undefined {
  const stated = mentions.filter((m) => m.dateStated && m.date).map((m) => m.date as string).sort();
  if (stated[0]) return stated[0];
  return mentions.map((m) => m.date).filter((d): d is string => !!d).sort()[0];
}

export function extractTreatments(spans: Span[], context: ExtractContext): Treatment[] {
  const procedureDate = procedureDateOf(spans);
  const mentions = spans.flatMap((span, i) => mentionsIn(span, context, procedureDate, spans.slice(i + 1)));
  // A generic word ("excision", "radiation therapy") adds nothing beside a named treatment of the same kind.
  const specificKinds = new Set(mentions.filter((m) => !m.entry.generic).map((m) => m.entry.kind));
  const kept = mentions.filter((m) => !(m.entry.generic && specificKinds.has(m.entry.kind)));

  const byName = new Map<string, Mention[]>();
  for (const mention of kept) {
    const key = `${mention.entry.kind}|${mention.entry.name}`;
    byName.set(key, [...(byName.get(key) ?? []), mention]);
  }
  // A procedure such as TACE or ablation done again on another date is another session: one entry per
  // date written beside it. A drug given in phases stays one entry.
  for (const [key, group] of [...byName.entries()]) {
    if (group[0]?.entry.kind !== 'other') continue;
    const dates = [...new Set(group.filter((m) => m.dateStated && m.date).map((m) => m.date as string))].sort();
    if (dates.length < 2) continue;
    byName.delete(key);
    for (const date of dates) {
      const session = group.filter((m) => m.dateStated && m.date === date);
      // Mentions with no date of their own go with the first session.
      byName.set(`${key}|${date}`, date === dates[0] ? [...session, ...group.filter((m) => !m.dateStated)] : session);
    }
  }
  const treatments = [...byName.values()].map((group): Treatment => {
    const first = group[0] as Mention;
    const date = bestDate(group);
    const dated = group.filter((m) => m.date === date);
    const ordered = [...dated, ...group.filter((m) => !dated.includes(m))];
    return {
      kind: first.entry.kind,
      name: first.entry.name,
      ...(date ? { date } : {}),
      ...ruleMeta(context, ordered.map((m) => ({ span: m.span, focus: m.index })), group.some((m) => m.dateStated) ? 0.9 : 0.8),
    };
  });
  return treatments.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/** The lexicon's name for a treatment written any way it knows ("partial mastectomy" → "lumpectomy", "SBRT" → "stereotactic body radiation therapy"). */
export function canonicalTreatmentName(name: string): string | undefined {
  const hits = entriesIn(name);
  const specific = hits.find((hit) => !hit.entry.generic) ?? hits[0];
  return specific?.entry.name;
}
