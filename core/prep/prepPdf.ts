import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** What goes on the printed appointment list. */
export interface PrepPdfItem {
  question: string;
  why?: string;
  note?: string;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;

/**
 * The appointment list as a PDF to print or bring: the questions in the person's order, each with
 * why it matters and their own note, with room to write the answer. Drawn with pdf-lib and its
 * standard fonts (nothing to download); characters those fonts cannot encode become '?'.
 */
export async function renderPrepPdf(items: readonly PrepPdfItem[], options: { date: Date; title?: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(options.title ?? 'Questions for my oncology team');
  pdf.setCreator('Cairn');
  pdf.setProducer('Cairn');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const italic = await pdf.embedFont(StandardFonts.HelveticaOblique);

  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const ensure = (height: number) => {
    if (y - height >= MARGIN + 24) return;
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };
  const write = (text: string, font: PDFFont, size: number, colour = rgb(0.1, 0.1, 0.1), indent = 0) => {
    for (const line of wrap(encodable(text, font), font, size, WIDTH - indent)) {
      ensure(size * 1.4);
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color: colour });
      y -= size * 1.4;
    }
  };

  write(options.title ?? 'Questions for my oncology team', bold, 18);
  write(`Prepared ${options.date.toISOString().slice(0, 10)}`, regular, 10, rgb(0.35, 0.35, 0.35));
  y -= 12;
  if (items.length === 0) write('No questions yet.', italic, 12);
  items.forEach((item, index) => {
    ensure(60);
    write(`${index + 1}. ${item.question}`, bold, 12);
    if (item.why) write(`Why it matters: ${item.why}`, regular, 10, rgb(0.3, 0.3, 0.3), 16);
    if (item.note) write(`My note: ${item.note}`, italic, 10, rgb(0.2, 0.2, 0.2), 16);
    ensure(40);
    drawAnswerLines(page, y);
    y -= 40;
  });
  for (const [index, each] of pdf.getPages().entries()) {
    each.drawText(encodable(`Prepared with Cairn on this computer. General information, not medical advice.   Page ${index + 1} of ${pdf.getPageCount()}`, regular), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: regular,
      color: rgb(0.45, 0.45, 0.45),
    });
  }
  return pdf.save();
}

function drawAnswerLines(page: PDFPage, top: number): void {
  for (const offset of [16, 32]) {
    page.drawLine({ start: { x: MARGIN + 16, y: top - offset }, end: { x: MARGIN + WIDTH, y: top - offset }, thickness: 0.5, color: rgb(0.75, 0.75, 0.75) });
  }
}

/** Greedy word wrap by measured width. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Replaces characters the standard font cannot encode (WinAnsi), so drawing never throws. */
function encodable(text: string, font: PDFFont): string {
  const charset = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((char) => (charset.has(char.codePointAt(0)!) ? char : char === '\u2265' ? '>=' : char === '\u2264' ? '<=' : '?')).join('');
}
