import { decodeText } from '../../library/import/decodeText';
import { ImportRejected } from '../../library/import/types';
import type { RecordSegment, RecordText } from '../types';
import { narrativePieces } from './ccdaNarrative';
import { recordLines } from './readText';
import { parseHl7Date } from './recordDate';
import { parseSafeXml, type XmlElement } from './safeXml';

/**
 * A C-CDA document (the XML a US patient portal's "download my records" gives): the narrative of
 * every section, located by the section's title, and the document's own title and date. The
 * header (recordTarget: the patient's name, address, identifiers) is never read.
 */

const MESSAGES = {
  notCcda: 'This XML file is not a C-CDA document (its root element is not ClinicalDocument).',
  noText: 'This C-CDA document has no readable text in its sections.',
  attachment: 'This C-CDA document wraps its content as an attached file rather than text, which Cairn does not read; import the original file instead.',
} as const;

export function readCcda(text: string): RecordText {
  const root = parseSafeXml(text);
  if (root.name !== 'ClinicalDocument') throw new ImportRejected(MESSAGES.notCcda);
  const body = child(root, 'component');
  const structured = body && child(body, 'structuredBody');
  const unstructured = body && child(body, 'nonXMLBody');
  const segments = structured ? structuredSegments(structured) : unstructured ? unstructuredSegments(unstructured) : [];
  if (segments.length === 0) throw new ImportRejected(MESSAGES.noText);
  const date = parseHl7Date(child(root, 'effectiveTime')?.attributes.value);
  const titleElement = child(root, 'title');
  const title = titleElement && oneLine(textOf(titleElement));
  return { format: 'ccda', segments, ...(date ? { date } : {}), ...(title ? { title } : {}) };
}

/** Every section's narrative, nested sections after their parent's, in document order. */
function structuredSegments(structuredBody: XmlElement): RecordSegment[] {
  return children(structuredBody, 'component').flatMap((component) => children(component, 'section').flatMap(sectionSegments));
}

function sectionSegments(section: XmlElement): RecordSegment[] {
  const locator = sectionTitle(section);
  const narrative = child(section, 'text');
  const own = narrative ? narrativePieces(narrative).map((piece): RecordSegment => ({ ...piece, locator })) : [];
  const nested = children(section, 'component').flatMap((component) => children(component, 'section').flatMap(sectionSegments));
  return [...own, ...nested];
}

/** The section's title, else its code's display name ("Results"), else "Section". */
function sectionTitle(section: XmlElement): string {
  const title = child(section, 'title');
  const stated = title && oneLine(textOf(title));
  return stated || child(section, 'code')?.attributes.displayName?.trim() || 'Section';
}

/** A nonXMLBody: plain text, as is or in base64; any other attachment (a PDF, an image) is refused. */
function unstructuredSegments(nonXmlBody: XmlElement): RecordSegment[] {
  const text = child(nonXmlBody, 'text');
  if (!text) return [];
  const mediaType = text.attributes.mediaType?.trim().toLowerCase() ?? 'text/plain';
  if (!mediaType.startsWith('text/plain')) throw new ImportRejected(MESSAGES.attachment);
  const content = textOf(text);
  const plain = text.attributes.representation === 'B64' ? decodeBase64Text(content) : content;
  return recordLines(plain).map((line) => ({ text: line, locator: 'Document' }));
}

function decodeBase64Text(base64: string): string {
  try {
    return decodeText(Buffer.from(base64.replace(/\s+/g, ''), 'base64')).text;
  } catch {
    return ''; // empty or binary: nothing to read, which readCcda reports
  }
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((node): node is XmlElement => typeof node !== 'string' && node.name === name);
}

function textOf(element: XmlElement): string {
  return element.children.map((node) => (typeof node === 'string' ? node : textOf(node))).join('');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
