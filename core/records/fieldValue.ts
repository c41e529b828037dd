import { z } from 'zod';
import { CairnError } from '../errors';
import { detectCancerTypes } from '../lexicon/cancerTypes';
import { groupValue } from './extract/stage';
import {
  BIOMARKER_STATUSES,
  TREATMENT_KINDS,
  biomarkerSchema,
  cancerTypeFieldSchema,
  keyDateSchema,
  metastaticFieldSchema,
  performanceStatusSchema,
  stageFieldSchema,
  treatmentSchema,
} from './profile';

/**
 * The person's correction of one field, from JSON (the app) or a short form typed at the command
 * line: `stage IIIB`, `cancerType melanoma`, `biomarkers.BRAF "positive V600E"`,
 * `performanceStatus "ECOG 1"`, `metastatic "yes: liver, bone"`, `treatments.drug.nivolumab 2026-03-01`,
 * `keyDates.diagnosis 2025-11-02`. Returns the field's value, validated by its schema.
 */
export function parseFieldValue(field: string, value: unknown): unknown {
  const [family, ...rest] = field.split('.');
  const fail = (why: string): never => {
    throw new CairnError('INVALID_INPUT', `Cannot set ${field}: ${why}.`);
  };
  const parsed = typeof value === 'string' ? parseJsonObject(value) : value;
  const check = <T>(schema: z.ZodType<T>, candidate: unknown): T => {
    const result = schema.safeParse(candidate);
    return result.success ? result.data : fail(z.prettifyError(result.error).split('\n').join(' '));
  };
  const text = typeof parsed === 'string' ? parsed.trim() : undefined;
  const person = { source: 'person' as const, confirmed: true, confidence: 1 };

  switch (family) {
    case 'cancerType':
      if (rest.length) break;
      return check(cancerTypeFieldSchema, text !== undefined ? { value: detectCancerTypes(text)[0] ?? text, ...person } : { ...asObject(parsed), ...person });
    case 'stage':
      if (rest.length) break;
      return check(stageFieldSchema, text !== undefined ? { value: normalizeStage(text) ?? fail('write the stage group, such as IIIB or IV'), ...person } : { ...asObject(parsed), ...person });
    case 'metastatic':
      if (rest.length) break;
      return check(metastaticFieldSchema, text !== undefined ? { ...parseMetastatic(text), ...person } : { ...asObject(parsed), ...person });
    case 'performanceStatus':
      if (rest.length) break;
      return check(performanceStatusSchema, text !== undefined ? { ...(parsePerformance(text) ?? fail('write "ECOG 0" to "ECOG 4" or "Karnofsky 0" to "Karnofsky 100"')), ...person } : { ...asObject(parsed), ...person });
    case 'biomarkers': {
      if (rest.length !== 1 || !rest[0]) break;
      const name = rest[0].toUpperCase();
      if (text === undefined) return check(biomarkerSchema, { ...asObject(parsed), name, ...person });
      const [status = '', ...detail] = text.split(/\s+/);
      if (!(BIOMARKER_STATUSES as readonly string[]).includes(status.toLowerCase())) fail(`start with ${BIOMARKER_STATUSES.join(', ')}`);
      return check(biomarkerSchema, { name, status: status.toLowerCase(), ...(detail.length ? { detail: detail.join(' ') } : {}), ...person });
    }
    case 'treatments': {
      const [kind, ...nameParts] = rest;
      if (!kind || !(TREATMENT_KINDS as readonly string[]).includes(kind) || nameParts.length === 0) fail(`use treatments.<${TREATMENT_KINDS.join('|')}>.<name>`);
      const name = nameParts.join('.');
      if (text === undefined) return check(treatmentSchema, { ...asObject(parsed), kind, name, ...person });
      return check(treatmentSchema, { kind, name, ...(text ? { date: text } : {}), ...person });
    }
    case 'keyDates': {
      if (rest.length !== 1 || !rest[0]) break;
      return check(keyDateSchema, text !== undefined ? { label: rest[0], date: text, ...person } : { ...asObject(parsed), label: rest[0], ...person });
    }
  }
  return fail('there is no such field (cancerType, stage, metastatic, performanceStatus, biomarkers.<NAME>, treatments.<kind>.<name>, keyDates.<label>)');
}

function parseJsonObject(value: string): unknown {
  if (!value.trimStart().startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** "IIIB", "stage 3b", "4", "Stage IV" -> the AJCC group in Roman numerals with its letter. */
export function normalizeStage(text: string): string | undefined {
  const match = /^(?:stage\s+)?(0|[1-4]|iv|iii|ii|i)([abc]?)\d?$/i.exec(text.trim());
  if (!match) return undefined;
  return groupValue(match[1]!, match[2]);
}

function parseMetastatic(text: string): { value: boolean; sites?: string[] } {
  if (/^(no|none|false|not metastatic)$/i.test(text)) return { value: false };
  const sites = text
    .replace(/^(yes|true|metastatic)\s*:?\s*/i, '')
    .split(/\s*,\s*|\s+and\s+/)
    .map((site) => site.trim().toLowerCase())
    .filter(Boolean);
  return { value: true, ...(sites.length ? { sites } : {}) };
}

function parsePerformance(text: string): { scale: 'ECOG' | 'Karnofsky'; value: number } | undefined {
  const ecog = /^ecog\s*(?:ps)?\s*([0-4])$/i.exec(text);
  if (ecog) return { scale: 'ECOG', value: Number(ecog[1]) };
  const karnofsky = /^(?:karnofsky|kps)\s*(\d{1,3})\s*%?$/i.exec(text);
  if (karnofsky && Number(karnofsky[1]) <= 100) return { scale: 'Karnofsky', value: Number(karnofsky[1]) };
  return undefined;
}
