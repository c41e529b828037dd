import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { ImportRejected } from '../../library/import/types';

/**
 * XML parsing for records that cannot be tricked: a DOCTYPE is refused before the parser sees the
 * file, so no entity is ever declared, let alone expanded (billion laughs) or fetched (external
 * entities naming local files or URLs). C-CDA never needs a DTD. Only the five XML built-in
 * entities and numeric character references are decoded, by a decoder that knows nothing else.
 */

export const XML_MESSAGES = {
  doctype: 'This XML declares entities (a DOCTYPE), which Cairn does not expand; it is not a C-CDA export as patient portals make it.',
  malformed: 'This XML file is damaged or not well-formed.',
} as const;

/** An element with its attributes (namespace prefixes removed) and children in document order. */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Nesting deeper than this is no document anyone wrote (C-CDA tables sit ~15 deep). */
const MAX_DEPTH = 200;

/**
 * The document's root element.
 *
 * @throws ImportRejected for a DOCTYPE or entity declaration anywhere in the text, and for XML
 *   that is not well-formed.
 */
export function parseSafeXml(text: string): XmlElement {
  // Anywhere, even inside a comment: a file that carries one is not a portal's export.
  if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) throw new ImportRejected(XML_MESSAGES.doctype);
  if (XMLValidator.validate(text) !== true) throw new ImportRejected(XML_MESSAGES.malformed);
  let ordered: unknown;
  try {
    ordered = new XMLParser(PARSER_OPTIONS).parse(text);
  } catch {
    throw new ImportRejected(XML_MESSAGES.malformed);
  }
  const root = toNodes(ordered).find((node): node is XmlElement => typeof node !== 'string');
  if (!root) throw new ImportRejected(XML_MESSAGES.malformed);
  return root;
}

/** Decodes &lt; &gt; &amp; &quot; &apos; and &#NN; / &#xNN; in one pass; leaves anything else as written. */
export function decodeXmlReferences(text: string): string {
  return text.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g, (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name) return BUILT_IN[name] ?? whole;
    const codePoint = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : '\uFFFD';
  });
}

const BUILT_IN: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The parser's entity decoder: the built-ins only. Entities a DOCTYPE declared would arrive through
 * addInputEntities; none can (DOCTYPEs are refused first), and if one ever did, parsing fails.
 */
const BUILT_IN_ENTITIES_ONLY: EntityDecoderOptions = {
  setExternalEntities: (entities) => refuseEntities(entities),
  addInputEntities: (entities) => refuseEntities(entities),
  reset: () => undefined,
  decode: decodeXmlReferences,
  setXmlVersion: () => undefined,
};

function refuseEntities(entities: Record<string, string>): void {
  if (Object.keys(entities).length > 0) throw new Error('Entity declarations are not accepted.');
}

const PARSER_OPTIONS = {
  preserveOrder: true, // narrative text interleaves with markup, and its order is its meaning
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false, // "<content>BRAF</content> V600E" keeps its space
  processEntities: true,
  htmlEntities: false,
  entityDecoder: BUILT_IN_ENTITIES_ONLY,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
};

/** fast-xml-parser's ordered output ([{ tag: [children], ':@': {attributes} }, { '#text': '...' }]) as a tree. */
function toNodes(ordered: unknown): XmlNode[] {
  if (!Array.isArray(ordered)) return [];
  return ordered.flatMap((entry: unknown): XmlNode[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const record = entry as Record<string, unknown>;
    if ('#text' in record) return [String(record['#text'])];
    const name = Object.keys(record).find((key) => key !== ':@');
    if (!name) return [];
    return [{ name, attributes: attributesOf(record[':@']), children: toNodes(record[name]) }];
  });
}

function attributesOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, attribute]) => [key, String(attribute)]));
}
