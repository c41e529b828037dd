import type { Answer, CitedText } from '../../core/answer/types';

/** The answer for a terminal, in the reading order of the reference answers. */
export function renderAnswer(answer: Answer): string {
  const lines: string[] = [];
  const cited = (item: CitedText) => `${item.text}${item.citations.length ? ` ${item.citations.map((n) => `[${n}]`).join('')}` : ''}`;
  const who = answer.model ? `local model ${answer.model}` : answer.mode === 'extractive' || answer.mode === 'urgent' ? 'extractive mode' : 'Cairn';
  lines.push(`${answer.cancerType ?? 'General'} · ${answer.createdAt.slice(0, 10)} · Cairn (on this computer, ${who})`, '');
  if (answer.urgent) {
    lines.push(`!!! ${answer.urgent.message}`);
    if (answer.urgent.matched.length) lines.push(`    (${answer.urgent.matched.join('; ')})`);
    lines.push('');
  }
  lines.push(`| ${answer.banner}`, `| ${answer.aiNotice}`, '');
  lines.push(`## ${answer.title}`, '');
  if (answer.personalization) lines.push(`Personalized to: ${answer.personalization.used.join(', ')}`, '');
  if (answer.summary) lines.push(`Short answer: ${cited(answer.summary)}`, '');
  for (const section of answer.sections) {
    lines.push(`### ${section.heading}`);
    for (const paragraph of section.paragraphs) lines.push(cited(paragraph));
    for (const bullet of section.bullets) lines.push(`- ${cited(bullet)}`);
    lines.push('');
  }
  if (answer.questionsToAsk.length) {
    lines.push('### Questions to ask your oncology team');
    answer.questionsToAsk.forEach((q, i) => lines.push(`${i + 1}. ${q.question} (${q.why})`));
    lines.push('');
  }
  if (answer.importantContext.length) {
    lines.push('### Important context', 'Your team will weigh:');
    for (const item of answer.importantContext) lines.push(`- ${item}`);
    lines.push('');
  }
  if (answer.keyTakeaway) lines.push('### Key takeaway', cited(answer.keyTakeaway), '');
  lines.push('---', ...answer.footer, '');
  if (answer.sources.length) {
    lines.push('Sources');
    for (const source of answer.sources) {
      const edition = [source.publisher, source.edition].filter(Boolean).join(', ');
      const via = source.basedOn.length ? `${source.basedOn.join('; ')}, via ${source.guideline}` : `${source.guideline}${edition ? ` (${edition})` : ''}`;
      lines.push(`${source.id}. ${via}, section "${source.section}"${source.page ? `, page ${source.page}` : ''}: "${source.excerpt}"`);
    }
    lines.push('');
  }
  if (answer.relatedResources.length) {
    lines.push('Related resources');
    for (const resource of answer.relatedResources) lines.push(`- ${resource.name}: ${resource.description} (${resource.contact})`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
