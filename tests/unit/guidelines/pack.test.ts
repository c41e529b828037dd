import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../core/library/import/parseMarkdown';
import { detectCancerTypes } from '../../../core/lexicon';
import { fleschKincaidGrade } from '../../support/readability';

const PACK = path.resolve(import.meta.dirname, '../../../guidelines');

/** Every cancer the pack must cover (issue 6), by file name. */
const CANCERS: Record<string, string> = {
  'breast.md': 'Breast cancer',
  'non-small-cell-lung.md': 'Non-small cell lung cancer',
  'small-cell-lung.md': 'Small cell lung cancer',
  'colorectal.md': 'Colorectal cancer',
  'prostate.md': 'Prostate cancer',
  'pancreatic.md': 'Pancreatic cancer',
  'melanoma.md': 'Melanoma',
  'bladder.md': 'Bladder cancer',
  'kidney.md': 'Kidney cancer',
  'liver.md': 'Liver cancer',
  'stomach.md': 'Stomach cancer',
  'esophageal.md': 'Esophageal cancer',
  'ovarian.md': 'Ovarian cancer',
  'cervical.md': 'Cervical cancer',
  'uterine.md': 'Endometrial cancer',
  'thyroid.md': 'Thyroid cancer',
  'head-and-neck.md': 'Head and neck cancer',
  'brain-glioma.md': 'Glioma',
  'hodgkin-lymphoma.md': 'Hodgkin lymphoma',
  'non-hodgkin-lymphoma.md': 'Non-Hodgkin lymphoma',
  'leukemias.md': 'Leukemia',
  'multiple-myeloma.md': 'Multiple myeloma',
};

/** The sections every cancer file has, in this order. */
const CANCER_SECTIONS = [
  'What it is',
  'How it is staged',
  'Treatment by stage',
  'Surgery when the cancer has spread',
  'Biomarker testing',
  'Side effects and supportive care',
  'Follow-up care',
  'Questions to ask your care team',
];

const TOPICS = [
  'metastatic-cancer.md',
  'clinical-trials.md',
  'biomarker-and-genetic-testing.md',
  'palliative-and-supportive-care.md',
  'second-opinion.md',
  'preparing-for-appointments.md',
  'urgent-symptoms.md',
  'resources.md',
];

interface FrontMatter {
  title?: string;
  cancer_types?: string[];
  written_by?: string;
  reviewed?: string;
  built_in?: boolean;
  sources?: { id?: string; name?: string; year?: number; url?: string }[];
}

function readPackFile(relative: string) {
  const raw = fs.readFileSync(path.join(PACK, relative), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  if (!match) throw new Error(`${relative} has no front matter`);
  const front = parseYaml(match[1]!) as FrontMatter;
  // `## Heading` blocks, each with its text up to the next `## `.
  const blocks = match[2]!.split(/^## /m).slice(1).map((block) => {
    const [heading = '', ...rest] = block.split('\n');
    return { heading: heading.trim(), body: rest.join('\n') };
  });
  return { raw, front, blocks };
}

/** The words a reader sees: no comments, markup or link targets. */
function plainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/[*_`>|]/g, '')
    .replace(/^\s*[-+]\s+/gm, '');
}

const existing = (folder: string) => (fs.existsSync(path.join(PACK, folder)) ? fs.readdirSync(path.join(PACK, folder)).filter((f) => f.endsWith('.md')) : []);
const packFiles = [...existing('cancers').map((f) => `cancers/${f}`), ...existing('topics').map((f) => `topics/${f}`)];

describe('the built-in guideline pack', () => {
  it('covers every cancer and every cross-cutting topic', () => {
    expect(existing('cancers').sort()).toEqual(Object.keys(CANCERS).sort());
    expect(existing('topics').sort()).toEqual([...TOPICS].sort());
  });

  describe.each(packFiles)('%s', (file) => {
    const { raw, front, blocks } = readPackFile(file);

    it('parses, with the front matter every file needs', () => {
      const parsed = parseMarkdown(Buffer.from(raw), { fileName: path.basename(file) });
      expect(parsed.title).toBe(front.title);
      expect(front).toMatchObject({ written_by: 'Cairn', reviewed: '2026-11', built_in: true });
      expect(front.sources?.length).toBeGreaterThan(0);
      for (const source of front.sources ?? []) {
        expect(source.id).toMatch(/^[a-z0-9-]+$/);
        expect(source.name?.length).toBeGreaterThan(5);
        expect(source.year !== undefined || source.url !== undefined).toBe(true);
      }
      expect(parsed.sections.length).toBeGreaterThan(0);
    });

    it('names the sources of every section, from its front matter', () => {
      const ids = new Set((front.sources ?? []).map((s) => s.id));
      for (const block of blocks) {
        const comment = /<!--\s*sources:\s*([^>]*?)\s*-->/.exec(block.body);
        expect(comment, `section "${block.heading}" names no sources`).not.toBeNull();
        const named = comment![1]!.split(',').map((s) => s.trim()).filter(Boolean);
        expect(named.length).toBeGreaterThan(0);
        for (const id of named) expect(ids.has(id), `section "${block.heading}" cites unknown source "${id}"`).toBe(true);
      }
    });

    it('reads at about an 8th-grade level (Flesch-Kincaid grade <= 9 in every section)', () => {
      for (const block of blocks) {
        const grade = fleschKincaidGrade(plainText(block.body));
        expect(grade, `section "${block.heading}" is at grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(9);
      }
    });

    it('gives no drug doses', () => {
      expect(plainText(raw)).not.toMatch(/\b\d+(\.\d+)?\s?(mg|mcg|µg|g\/m2|mg\/m2|units?\/kg|ml)\b/i);
    });
  });

  describe.each(Object.entries(CANCERS))('cancers/%s', (file, cancerType) => {
    it(`has every section, in order, and is about ${cancerType}`, () => {
      if (!fs.existsSync(path.join(PACK, 'cancers', file))) throw new Error(`guidelines/cancers/${file} is missing`);
      const { front, blocks } = readPackFile(`cancers/${file}`);
      expect(blocks.map((b) => b.heading)).toEqual(CANCER_SECTIONS);
      const declared = (front.cancer_types ?? []).flatMap((t) => detectCancerTypes(t));
      expect(declared).toContain(cancerType);
      const treatment = plainText(blocks[2]!.body).toLowerCase();
      const kinds = ['surgery', 'radiation', 'chemotherapy', 'targeted', 'immunotherapy'].filter((k) => treatment.includes(k));
      expect(kinds.length, `treatment section mentions only ${kinds.join(', ')}`).toBeGreaterThanOrEqual(3);
    });
  });

  it('has CLL, CML, AML and ALL as sections of the leukemia file', () => {
    if (!fs.existsSync(path.join(PACK, 'cancers', 'leukemias.md'))) throw new Error('guidelines/cancers/leukemias.md is missing');
    const raw = fs.readFileSync(path.join(PACK, 'cancers', 'leukemias.md'), 'utf8');
    for (const type of ['CLL', 'CML', 'AML', 'ALL']) expect(raw).toMatch(new RegExp(`^###.*\\(${type}\\)`, 'm'));
  });
});
