import type { Source } from '../../../core/answer/types';

/**
 * A section path without the document's own title in front: "Melanoma: a starter summary ›
 * Surgery when the cancer has spread" → "Surgery when the cancer has spread".
 */
export function sectionLabel(section: string, title: string): string {
  const parts = section.split('›').map((part) => part.trim()).filter(Boolean);
  if (parts.length > 1 && parts[0] === title.trim()) parts.shift();
  return parts.join(' › ');
}

/** "NCCN, 2025", "Cairn starter pack", or '' when neither is known. */
export function publishedBy(item: { publisher: string | null; edition: string | null }): string {
  return [item.publisher, item.edition].filter(Boolean).join(', ');
}

/** One line that names where a source is: guideline, section and page. */
export function sourcePlace(source: Pick<Source, 'guideline' | 'section' | 'page'>): string {
  const section = sectionLabel(source.section, source.guideline);
  return `${source.guideline}${section ? `, section “${section}”` : ''}${source.page !== null ? `, page ${source.page}` : ''}`;
}
