/**
 * Places cancer spreads to, as the profile names them. The first matching row names the site, so
 * "lymph node" is not also "node" twice, and "intracranial" is "brain".
 */
export const METASTATIC_SITES: readonly { site: string; pattern: RegExp }[] = [
  { site: 'lymph node', pattern: /\b(?:lymph[-\s]?nodes?|lymphatic|nodal|nodes?|lymphadenopathy)\b/gi },
  { site: 'liver', pattern: /\b(?:liver|hepatic)\b/gi },
  { site: 'lung', pattern: /\b(?:lungs?|pulmonary)\b/gi },
  { site: 'pleura', pattern: /\b(?:pleura|pleural)\b/gi },
  { site: 'bone', pattern: /\b(?:bones?|osseous|skeletal|vertebral|vertebrae|spine|spinal|ribs?|sacrum|sacral|femur|femoral|pelvic bones?|iliac)\b/gi },
  { site: 'brain', pattern: /\b(?:brain|intracranial|cerebral|cerebellar|cerebellum)\b/gi },
  { site: 'leptomeninges', pattern: /\b(?:leptomening\w*)\b/gi },
  { site: 'peritoneum', pattern: /\b(?:peritoneum|peritoneal|omentum|omental|carcinomatosis)\b/gi },
  { site: 'adrenal', pattern: /\badrenals?\b/gi },
  { site: 'skin', pattern: /\b(?:skin|cutaneous|subcutaneous|in[-\s]transit)\b/gi },
  { site: 'soft tissue', pattern: /\bsoft[-\s]tissues?\b/gi },
  { site: 'spleen', pattern: /\b(?:spleen|splenic)\b/gi },
  { site: 'ovary', pattern: /\b(?:ovary|ovaries|ovarian)\b/gi },
  { site: 'kidney', pattern: /\b(?:kidneys?|renal)\b/gi },
  { site: 'pancreas', pattern: /\b(?:pancreas|pancreatic)\b/gi },
  { site: 'bowel', pattern: /\b(?:bowel|small intestine)\b/gi },
  { site: 'chest wall', pattern: /\bchest wall\b/gi },
];

export interface SiteMention {
  site: string;
  index: number;
  end: number;
}

/** Every site named in `text`, in order; overlapping words count once. */
export function findSites(text: string): SiteMention[] {
  const found: SiteMention[] = [];
  for (const { site, pattern } of METASTATIC_SITES) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (found.some((f) => match.index < f.end && f.index < end)) continue;
      found.push({ site, index: match.index, end });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
