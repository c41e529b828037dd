import { collapseWhitespace } from './sectionBuilder';
import type { SectionBuilder } from './sectionBuilder';

/**
 * Turns a DOM subtree into headings and paragraphs, in document order. Shared by the HTML parser
 * and by Markdown's raw HTML blocks.
 */

/** The attribute that carries a heading's original level through Readability (which makes h1 an h2). */
export const LEVEL_ATTRIBUTE = 'data-cairn-level';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose content is never reading text: code, styling, embedded objects, form controls. */
export const NON_TEXT_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'svg', 'math', 'canvas', 'audio', 'video', 'map', 'button', 'select', 'input', 'textarea',
  'option', 'datalist', 'head', 'title', 'meta', 'link', 'base',
]);

/** Elements that start and end a paragraph of their own. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'ul',
]);

const HEADING = /^h([1-6])$/;

/** An element's tag name, lower case ('div'). */
export function tagOf(element: Element): string {
  return element.tagName.toLowerCase();
}

/** The text of a subtree, skipping script, style and other non-text elements. */
export function readableText(node: Node): string {
  if (node.nodeType === TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== ELEMENT_NODE) return '';
  const element = node as Element;
  if (NON_TEXT_TAGS.has(tagOf(element))) return '';
  let text = '';
  for (const child of Array.from(element.childNodes)) text += readableText(child);
  return tagOf(element) === 'br' ? ' ' : text;
}

/** Walks `root`'s children into `out`: h1-h6 become sections, blocks and table rows paragraphs. */
export function htmlToSections(root: Node, out: SectionBuilder): void {
  new HtmlWalker(out).walkChildren(root);
}

class HtmlWalker {
  /** Inline text waiting for the end of its block. */
  private inline = '';

  constructor(private readonly out: SectionBuilder) {}

  walkChildren(node: Node): void {
    for (const child of Array.from(node.childNodes)) this.visit(child);
    this.flush();
  }

  private visit(node: Node): void {
    if (node.nodeType === TEXT_NODE) {
      this.inline += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return; // comments, processing instructions
    const element = node as Element;
    const tag = tagOf(element);
    if (NON_TEXT_TAGS.has(tag)) return;

    const heading = HEADING.exec(tag);
    if (heading) {
      this.flush();
      this.out.heading(readableText(element), headingLevel(element, Number(heading[1])));
    } else if (tag === 'tr') {
      this.flush();
      const cells = Array.from(element.children).filter((cell) => ['td', 'th'].includes(tagOf(cell)));
      const texts = cells.map((cell) => collapseWhitespace(readableText(cell)));
      this.out.paragraph(texts.filter((text) => text !== '').join(' | '));
    } else if (tag === 'br') {
      this.inline += ' ';
    } else if (BLOCK_TAGS.has(tag)) {
      this.flush();
      for (const child of Array.from(element.childNodes)) this.visit(child);
      this.flush();
    } else {
      for (const child of Array.from(element.childNodes)) this.visit(child);
    }
  }

  private flush(): void {
    this.out.paragraph(this.inline);
    this.inline = '';
  }
}

function headingLevel(element: Element, tagLevel: number): number {
  const original = Number(element.getAttribute(LEVEL_ATTRIBUTE));
  return Number.isInteger(original) && original >= 1 && original <= 6 ? original : tagLevel;
}
