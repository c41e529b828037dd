import { ImportRejected } from '../../library/import/types';
import type { RecordSegment, RecordText } from '../types';
import {
  anyResourceSchema,
  bundleSchema,
  compositionSchema,
  medicationSchema,
  RESOURCE_SCHEMAS,
  SUPPORTED_TYPES,
  type Composition,
  type Reference,
  type SupportedResource,
  type SupportedType,
} from './fhirR4';
import { resourceSegments, type MedicationNames } from './fhirSentences';
import { parseFhirDate } from './recordDate';

/**
 * A FHIR R4 JSON record (a portal's "download my data", a lab's export): a Bundle of resources,
 * one resource, or a bulk export's NDJSON (one resource a line). Conditions, Observations,
 * medications, Procedures and DiagnosticReports become sentences; Patient and the other
 * administrative resources are skipped, so no name or address reaches the text. A supported resource that breaks the schema rejects the whole file: reading
 * the rest would hand on a record with a silent hole in it.
 */

const MESSAGES = {
  notJson: 'This JSON file is damaged or not valid JSON.',
  noResourceType: 'This JSON file is not a FHIR R4 record (no resourceType).',
  unsupported:
    'This JSON file is not a FHIR R4 record Cairn reads (it reads a Bundle, Condition, Observation, MedicationStatement, MedicationRequest, Procedure or DiagnosticReport).',
  badBundle: 'This FHIR bundle is not valid FHIR R4 (its entries are not a list of resources).',
  nothingSupported: 'This FHIR bundle has no Condition, Observation, medication, Procedure or DiagnosticReport to read.',
  noText: 'This FHIR record has no readable text: its resources carry no names, values or notes.',
  invalid: (type: SupportedType, entry: number | undefined) =>
    `This FHIR record has ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} that is not valid FHIR R4${entry === undefined ? '' : ` (entry ${String(entry)})`}.`,
} as const;

/** One supported resource and where it sits in the file. */
interface Located {
  resource: SupportedResource;
  locator: string;
}

/** What a file holds besides the resources read: the named Medications and the Composition. */
interface Contents {
  resources: Located[];
  medicationNames: Map<string, string>;
  composition: Composition | undefined;
}

export function readFhir(text: string): RecordText {
  const contents = collect(parseJson(text));
  if (contents.resources.length === 0) throw new ImportRejected(MESSAGES.nothingSupported);
  const names = medicationLookup(contents.medicationNames);
  const read = contents.resources.map(({ resource, locator }) => ({ resource, segments: resourceSegments(resource, locator, names) }));
  const segments = read.flatMap((entry) => entry.segments);
  if (segments.length === 0) throw new ImportRejected(MESSAGES.noText);
  const date = parseFhirDate(contents.composition?.date) ?? newestDate(read);
  const title = contents.composition?.title?.trim();
  return { format: 'fhir', segments, ...(date ? { date } : {}), ...(title ? { title } : {}) };
}

/** The file's JSON; a bulk export (NDJSON, one resource a line) is read as a bundle of its lines. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    try {
      if (lines.length < 2) throw new Error('Not NDJSON either.');
      return { resourceType: 'Bundle', entry: lines.map((line): { resource: unknown } => ({ resource: JSON.parse(line) })) };
    } catch {
      throw new ImportRejected(MESSAGES.notJson);
    }
  }
}

/** The file's resources: a Bundle's entries in order, or the one resource it is. */
function collect(json: unknown): Contents {
  const root = anyResourceSchema.safeParse(json);
  if (!root.success) throw new ImportRejected(MESSAGES.noResourceType);
  const contents: Contents = { resources: [], medicationNames: new Map(), composition: undefined };
  if (root.data.resourceType === 'Bundle') {
    const bundle = bundleSchema.safeParse(json);
    if (!bundle.success) throw new ImportRejected(MESSAGES.badBundle);
    (bundle.data.entry ?? []).forEach((entry, index) => addResource(contents, entry.resource, index + 1, entry.fullUrl));
  } else if (isSupported(root.data.resourceType)) {
    addResource(contents, json, undefined, undefined);
  } else {
    throw new ImportRejected(MESSAGES.unsupported);
  }
  return contents;
}

/** Files one resource; `entry` is its 1-based place in a bundle (undefined for a lone resource). */
function addResource(contents: Contents, resource: unknown, entry: number | undefined, fullUrl: string | undefined): void {
  const typed = anyResourceSchema.safeParse(resource);
  if (!typed.success) return; // an entry without a resource (a deleted one in a history bundle)
  const type = typed.data.resourceType;
  if (type === 'Medication') {
    const medication = medicationSchema.safeParse(resource);
    const name = medication.success ? conceptName(medication.data.code) : undefined;
    if (medication.success && name) {
      if (medication.data.id) contents.medicationNames.set(`Medication/${medication.data.id}`, name);
      if (fullUrl) contents.medicationNames.set(fullUrl, name);
    }
  } else if (type === 'Composition') {
    const composition = compositionSchema.safeParse(resource);
    if (composition.success) contents.composition ??= composition.data;
  } else if (isSupported(type)) {
    const parsed = RESOURCE_SCHEMAS[type].safeParse(resource);
    if (!parsed.success) throw new ImportRejected(MESSAGES.invalid(type, entry));
    const { id } = parsed.data;
    const locator = id ? `${type}/${id}` : entry === undefined ? type : `${type} (entry ${String(entry)})`;
    contents.resources.push({ resource: parsed.data, locator });
  }
}

function isSupported(type: string): type is SupportedType {
  return (SUPPORTED_TYPES as readonly string[]).includes(type);
}

/**
 * Finds a Medication's name from a reference: "#id" inside the resource, "Medication/id" or an
 * absolute URL ending in it, or a bundle entry's fullUrl ("urn:uuid:...").
 */
function medicationLookup(names: ReadonlyMap<string, string>): MedicationNames {
  return (reference: Reference | undefined, contained: readonly unknown[] | undefined) => {
    const target = reference?.reference?.trim();
    if (!target) return undefined;
    if (target.startsWith('#')) {
      for (const resource of contained ?? []) {
        const medication = medicationSchema.safeParse(resource);
        if (medication.success && `#${medication.data.id ?? ''}` === target) return conceptName(medication.data.code);
      }
      return undefined;
    }
    return names.get(target) ?? names.get(/Medication\/[^/]+$/.exec(target)?.[0] ?? '');
  };
}

function conceptName(concept: { text?: string; coding?: { display?: string }[] } | undefined): string | undefined {
  return concept?.text?.trim() || concept?.coding?.map((coding) => coding.display?.trim()).find(Boolean) || undefined;
}

/**
 * The newest date among the segments and the issue dates of the reports that were read (a voided
 * one does not count): the record is as of then.
 */
function newestDate(read: readonly { resource: SupportedResource; segments: RecordSegment[] }[]): string | undefined {
  const dates = read.flatMap(({ resource, segments }) => {
    if (segments.length === 0) return [];
    const issued = resource.resourceType === 'DiagnosticReport' ? parseFhirDate(resource.issued) : undefined;
    return [...segments.map((segment) => segment.date), issued];
  });
  return dates.filter((date): date is string => date !== undefined).sort().at(-1);
}
