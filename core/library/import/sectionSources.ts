import { z } from 'zod';
import type { ParsedDocument, ParsedSection } from './types';

const frontMatterSources = z.array(z.object({ id: z.string(), name: z.string(), year: z.union([z.number(), z.string()]).optional() }).loose());

/**
 * Markdown guideline files (the built-in pack) name the public sources of each `##` section in a
 * comment at its end: `<!-- sources: nccn-melanoma-2024, nci-melanoma-treatment -->`, with the
 * ids defined in the front matter's `sources`. This attaches the named sources ("NCCN Guidelines
 * for Patients: Melanoma (2024)") to that section and its sub-sections, so an answer can say
 * what a summary is based on.
 */
export function attachSectionSources(markdown: string, document: ParsedDocument): ParsedDocument {
  const parsed = frontMatterSources.safeParse(document.extra?.['sources']);
  if (!parsed.success) return document;
  const names = new Map(parsed.data.map((s) => [s.id, s.year !== undefined ? `${s.name} (${s.year})` : s.name]));
  const byHeading = new Map<string, string[]>();
  for (const block of markdown.split(/^## /m).slice(1)) {
    const heading = block.split('\n', 1)[0]!.trim();
    const comment = /<!--\s*sources:\s*([^>]*?)\s*-->/.exec(block);
    if (!comment) continue;
    const sources = comment[1]!.split(',').map((id) => names.get(id.trim())).filter((name): name is string => Boolean(name));
    if (sources.length) byHeading.set(heading, sources);
  }
  if (byHeading.size === 0) return document;
  let current: string[] | undefined;
  const sections: ParsedSection[] = document.sections.map((section) => {
    if (section.level <= 2) current = byHeading.get(section.heading);
    return current ? { ...section, sources: current } : section;
  });
  return { ...document, sections };
}
