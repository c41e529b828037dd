import type { ParsedSection } from './types';

/** Invisible characters that only get in the way of search: soft hyphens, zero-width spaces, BOMs. */
const INVISIBLE = /[\u00AD\u200B\uFEFF]/g;

/** One line of readable text: invisible characters dropped, runs of whitespace made one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Collects headings and paragraphs, in reading order, into sections. Text before the first
 * heading goes into a section with heading '' and level 0. Whitespace is collapsed and empty
 * text is dropped, so callers can feed it whatever they extract.
 */
export class SectionBuilder {
  private readonly sections: ParsedSection[] = [];
  private current: ParsedSection | undefined;

  /** Starts a new section. An empty heading is ignored (its text continues the current section). */
  heading(text: string, level: number): void {
    const heading = collapseWhitespace(text);
    if (heading === '') return;
    this.current = { heading, level: Math.min(Math.max(Math.round(level), 1), 6), paragraphs: [] };
    this.sections.push(this.current);
  }

  /** Adds a paragraph to the current section (to a level-0 section before any heading). */
  paragraph(text: string): void {
    const paragraph = collapseWhitespace(text);
    if (paragraph === '') return;
    if (!this.current) {
      this.current = { heading: '', level: 0, paragraphs: [] };
      this.sections.push(this.current);
    }
    this.current.paragraphs.push({ text: paragraph });
  }

  /** True when any heading or paragraph has been added. */
  get hasText(): boolean {
    return this.sections.length > 0;
  }

  /** The first heading of the given level, if any (a Markdown or HTML title fallback). */
  firstHeading(level: number): string | undefined {
    return this.sections.find((section) => section.level === level)?.heading;
  }

  /** The sections collected so far. */
  build(): ParsedSection[] {
    return this.sections;
  }
}
