import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from './decodeText';
import { titleFromFileName } from './fileTitle';
import { LEVEL_ATTRIBUTE, NON_TEXT_TAGS, htmlToSections, readableText, tagOf } from './htmlSections';
import { SectionBuilder, collapseWhitespace } from './sectionBuilder';
import { ImportRejected } from './types';
import type { ParseOptions, ParsedDocument } from './types';

/** How far into the file to look for `<meta charset>`. */
const CHARSET_PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w:.-]+)/i;

/**
 * Readability's article is used when it keeps at least this share of the text of the page's own
 * main region (`<main>`, `<article>` or the cleaned `<body>`); below that it has probably picked
 * one block of a page whose content is spread over several, and the main region is used instead.
 */
const MIN_READABILITY_SHARE = 0.4;

/** Page furniture removed before any content is looked for. */
const FURNITURE = [
  'nav', 'aside', '[role=navigation]', '[role=search]', '[role=complementary]',
  '[role=contentinfo]', '[role=banner]', '[role=dialog]', '[role=alertdialog]', '[hidden]',
  '[aria-hidden=true]',
].join(', ');
/** Site banners and footers, removed unless they sit inside the article (an article's own header). */
const SITE_HEADER_FOOTER = 'header, footer';
const CONTENT_CONTAINER = 'main, [role=main], article';
/** Cookie and consent pop-ups, found by their id or class. */
const CONSENT = /cookie|consent|gdpr/i;

/**
 * Parses an HTML page into a document: main content only (Readability, falling back to the page's
 * `<main>`, `<article>` or cleaned `<body>`), headings as sections, blocks and table rows as
 * paragraphs. Script never runs and its text never appears. Title from og:title, `<title>`, the
 * first `<h1>` or the file name; source URL from the canonical link or og:url; publisher from
 * og:site_name or the author meta tag.
 *
 * @throws ImportRejected when the bytes are not text or the page has no readable text.
 */
export function parseHtml(bytes: Uint8Array, options: ParseOptions): ParsedDocument {
  const { text } = decodeText(bytes, { declaredEncoding: declaredCharset(bytes) });
  const page = parseHTML(text).document;

  // Metadata first: finding the content removes parts of `page`.
  const document: ParsedDocument = {
    title: pageTitle(page) ?? titleFromFileName(options.fileName),
    format: 'html',
    sections: [],
  };
  const sourceUrl = absoluteUrl(linkHref(page, 'canonical')) ?? absoluteUrl(metaContent(page, 'og:url'));
  if (sourceUrl) document.sourceUrl = sourceUrl;
  const publisher = metaContent(page, 'og:site_name') ?? metaContent(page, 'author');
  if (publisher) document.publisher = publisher;

  const sections = new SectionBuilder();
  const content = mainContent(text, page);
  if (content.droppedH1) sections.heading(content.droppedH1, 1);
  htmlToSections(content.root, sections);
  if (!sections.hasText) throw new ImportRejected('No readable text was found in this HTML page.');
  document.sections = sections.build();
  return document;
}

/** The encoding a `<meta charset>` or `<meta http-equiv=Content-Type>` near the top declares. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_PRESCAN_BYTES));
  const label = META_CHARSET.exec(head)?.[1]?.toLowerCase();
  // As browsers do: a page readable as ASCII cannot really be UTF-16, whatever it says.
  return label?.startsWith('utf-16') ? 'utf-8' : label;
}

/** Where the page's main content is, and the page heading Readability took out of it. */
interface MainContent {
  root: Node;
  /** The page's h1 when Readability dropped it as a duplicate of the title; it leads the sections. */
  droppedH1?: string;
}

/**
 * The page's main content: Readability's article (from its own copy of the page), or the page's
 * main region when that is better. Cleans `page` of furniture.
 */
function mainContent(html: string, page: Document): MainContent {
  const fallback = fallbackRegion(page);
  const article = readabilityArticle(html);
  if (!article) return { root: fallback };
  const articleLength = collapseWhitespace(readableText(article.root)).length;
  const fallbackLength = collapseWhitespace(readableText(fallback)).length;
  const useArticle = articleLength > 0 && articleLength >= fallbackLength * MIN_READABILITY_SHARE;
  return useArticle ? article : { root: fallback };
}

function readabilityArticle(html: string): MainContent | undefined {
  const { document } = parseHTML(html);
  removeFurniture(document);
  for (const heading of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    heading.setAttribute(LEVEL_ATTRIBUTE, tagOf(heading).slice(1));
  }
  const h1 = document.body?.querySelector('h1');
  const h1Text = h1 ? collapseWhitespace(readableText(h1)) : '';
  let root: Node | null | undefined;
  try {
    root = new Readability<Node>(document, { serializer: (node) => node }).parse()?.content;
  } catch {
    return undefined; // Readability is a heuristic; when it trips over a page the fallback still works
  }
  if (!root) return undefined;
  // Readability removes the h1 that repeats the page title; put it back so sections nest as on the page.
  const keptH1 = (root as Element).querySelector(`[${LEVEL_ATTRIBUTE}="1"]`);
  return h1Text && !keptH1 ? { root, droppedH1: h1Text } : { root };
}

function fallbackRegion(document: Document): Node {
  removeFurniture(document);
  for (const form of Array.from(document.querySelectorAll('form'))) {
    // Some sites wrap the whole page in one form; only forms without content go.
    if (!form.querySelector(`${CONTENT_CONTAINER}, h1, h2, p`)) form.remove();
  }
  const region = ['main', '[role=main]', 'article'].map((selector) => document.querySelector(selector)).find(Boolean);
  return region ?? document.body ?? document.documentElement;
}

function removeFurniture(document: Document): void {
  const body = document.body ?? document.documentElement;
  const remove = (elements: Iterable<Element>): void => {
    for (const element of Array.from(elements)) element.remove();
  };
  remove(Array.from(body.querySelectorAll('*')).filter((element) => NON_TEXT_TAGS.has(tagOf(element))));
  remove(body.querySelectorAll(FURNITURE));
  remove(Array.from(body.querySelectorAll(SITE_HEADER_FOOTER)).filter((element) => !element.parentElement?.closest(CONTENT_CONTAINER)));
  remove(
    Array.from(body.querySelectorAll('*')).filter(
      (element) =>
        /display\s*:\s*none/i.test(element.getAttribute('style') ?? '') ||
        (CONSENT.test(`${element.id} ${element.getAttribute('class') ?? ''}`) &&
          !element.querySelector(`${CONTENT_CONTAINER}, h1`)),
    ),
  );
}

function pageTitle(page: Document): string | undefined {
  const h1 = page.querySelector('h1');
  const candidates = [metaContent(page, 'og:title'), page.querySelector('title')?.textContent, h1 ? readableText(h1) : undefined];
  return candidates.map((candidate) => collapseWhitespace(candidate ?? '')).find((title) => title !== '');
}

/** A `<meta property=…>` or `<meta name=…>` value, trimmed; undefined when absent or empty. */
function metaContent(page: Document, key: string): string | undefined {
  for (const meta of Array.from(page.querySelectorAll('meta'))) {
    const name = meta.getAttribute('property') ?? meta.getAttribute('name');
    if (name?.trim().toLowerCase() !== key) continue;
    const content = collapseWhitespace(meta.getAttribute('content') ?? '');
    if (content) return content;
  }
  return undefined;
}

function linkHref(page: Document, rel: string): string | undefined {
  for (const link of Array.from(page.querySelectorAll('link[href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(rel)) return link.getAttribute('href') ?? undefined;
  }
  return undefined;
}

/** The URL when it is an absolute http(s) address; undefined otherwise. */
function absoluteUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
