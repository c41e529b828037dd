import { Lexer } from 'marked';
import type { MarkedToken, Token, Tokens } from 'marked';
import { parseHTML } from 'linkedom';
import { decodeText } from './decodeText';
import { titleFromFileName } from './fileTitle';
import { readFrontMatter, splitFrontMatter } from './frontMatter';
import type { FrontMatterFields } from './frontMatter';
import { htmlToSections } from './htmlSections';
import { SectionBuilder, collapseWhitespace } from './sectionBuilder';
import { ImportRejected } from './types';
import type { ParseOptions, ParsedDocument } from './types';

/**
 * Parses a Markdown file: YAML front matter becomes metadata (see readFrontMatter), headings
 * (ATX and setext) become sections, and paragraphs, list items (one paragraph each), block quotes,
 * table rows (cells joined with " | "), code blocks and raw HTML blocks become plain-text
 * paragraphs. Markdown syntax is stripped: links keep their text, images and HTML comments
 * (such as `<!-- sources: … -->` after a heading) are dropped. Title: front matter title, else the
 * first level-1 heading, else the file name.
 *
 * @throws ImportRejected for text that is not text, invalid front matter, or no readable text.
 */
export function parseMarkdown(bytes: Uint8Array, options: ParseOptions): ParsedDocument {
  const { text } = decodeText(bytes);
  const { yaml, body } = splitFrontMatter(text);
  const metadata: FrontMatterFields = yaml === undefined ? {} : readFrontMatter(yaml);

  const sections = new SectionBuilder();
  new MarkdownWalker(sections).blocks(Lexer.lex(body, { gfm: true }), false);
  if (!sections.hasText) throw new ImportRejected('No readable text was found in this Markdown file.');

  return {
    ...metadata,
    title: metadata.title ?? sections.firstHeading(1) ?? titleFromFileName(options.fileName),
    format: 'markdown',
    sections: sections.build(),
  };
}

/** Block tokens into sections and paragraphs. */
class MarkdownWalker {
  constructor(private readonly out: SectionBuilder) {}

  /** @param nested inside a list or quote, where a heading is just another paragraph. */
  blocks(tokens: Token[], nested: boolean): void {
    for (const token of tokens) this.block(token as MarkedToken, nested);
  }

  private block(token: MarkedToken, nested: boolean): void {
    switch (token.type) {
      case 'heading':
        if (nested) this.out.paragraph(inlineText(token.tokens));
        else this.out.heading(inlineText(token.tokens), token.depth);
        break;
      case 'paragraph':
        this.out.paragraph(inlineText(token.tokens));
        break;
      case 'text':
        this.out.paragraph(inlineText(token.tokens ?? [token]));
        break;
      case 'list':
        for (const item of token.items) this.listItem(item);
        break;
      case 'blockquote':
        this.blocks(token.tokens, true);
        break;
      case 'table':
        this.tableRow(token.header);
        for (const row of token.rows) this.tableRow(row);
        break;
      case 'code':
        this.out.paragraph(token.text);
        break;
      case 'html':
        htmlToSections(htmlBody(token.text), this.out);
        break;
      default:
        break; // space, hr, def: no text
    }
  }

  /** One paragraph for the item's own text; nested lists and other blocks follow as their own. */
  private listItem(item: Tokens.ListItem): void {
    let text = '';
    for (const child of item.tokens as MarkedToken[]) {
      if (child.type === 'text' || child.type === 'paragraph') {
        text += ` ${inlineText(child.tokens ?? [child])}`;
      } else if (child.type !== 'checkbox') {
        this.out.paragraph(text);
        text = '';
        this.block(child, true);
      }
    }
    this.out.paragraph(text);
  }

  private tableRow(cells: Tokens.TableCell[]): void {
    const texts = cells.map((cell) => collapseWhitespace(inlineText(cell.tokens)));
    this.out.paragraph(texts.filter((text) => text !== '').join(' | '));
  }
}

const SCRIPT_TAG = /^<\/?(?:script|style)\b/i;

/** Inline tokens as plain text: emphasis and links keep their text; images and HTML tags go. */
function inlineText(tokens: Token[]): string {
  let text = '';
  let inScript = false; // inline <script> or <style>: its text is not reading text
  for (const token of tokens as MarkedToken[]) {
    if (token.type === 'html' && SCRIPT_TAG.test(token.text)) {
      inScript = !token.text.startsWith('</');
      continue;
    }
    if (inScript) continue;
    switch (token.type) {
      case 'text':
        text += token.tokens ? inlineText(token.tokens) : decodeEntities(token.text);
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'link':
        text += inlineText(token.tokens);
        break;
      case 'codespan':
      case 'escape':
        text += token.text;
        break;
      case 'br':
        text += ' ';
        break;
      case 'html':
        if (/^<br\b/i.test(token.text)) text += ' ';
        break;
      default:
        break; // images, checkboxes
    }
  }
  return text;
}

/** The `<body>` of a small document holding an HTML fragment. */
function htmlBody(html: string): Node {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return document.body;
}

let entityDecoder: Element | undefined;

/** Markdown text keeps HTML entities (`&amp;`, `&eacute;`); the HTML parser resolves them. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  entityDecoder ??= parseHTML('<!DOCTYPE html><html><body></body></html>').document.createElement('div');
  entityDecoder.innerHTML = text.replace(/</g, '&lt;'); // text only: no tag can form
  return entityDecoder.textContent ?? text;
}
