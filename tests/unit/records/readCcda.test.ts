import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../../core/library/import/types';
import { readRecord } from '../../../core/records/read/index';
import { decodeXmlReferences } from '../../../core/records/read/safeXml';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return error as Error;
}

/** A trimmed-down portal export: header with the patient, three sections, one nested. */
const CCDA = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="CDA.xsl"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sdtc="urn:hl7-org:sdtc">
  <realmCode code="US"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.2"/>
  <title>Continuity of Care Document</title>
  <effectiveTime value="20260314103000-0500"/>
  <recordTarget>
    <patientRole>
      <addr><streetAddressLine>12 Elm Street</streetAddressLine><city>Springfield</city></addr>
      <patient><name><given>Jane</given><family>Quillfeather</family></name></patient>
    </patientRole>
  </recordTarget>
  <component>
    <structuredBody>
      <component>
        <section>
          <code code="11450-4" codeSystem="2.16.840.1.113883.6.1" displayName="Problem list"/>
          <title>Problems</title>
          <text>
            <list listType="unordered">
              <item>Malignant melanoma of skin of back &amp; trunk, <content styleCode="Bold">stage IIIB</content></item>
              <item>Hypertension<content revised="delete"> (resolved)</content></item>
            </list>
          </text>
          <entry><act classCode="ACT" moodCode="EVN"><code code="CONC"/></act></entry>
        </section>
      </component>
      <component>
        <section>
          <code code="30954-2" displayName="Relevant diagnostic tests and/or laboratory data"/>
          <title>Results</title>
          <text>
            <table border="1">
              <thead><tr><th>Test</th><th>Result</th><th>Date</th></tr></thead>
              <tbody>
                <tr><td>BRAF V600E</td><td><content ID="r1">Detected</content></td><td>01/15/2026</td></tr>
                <tr><td>LDH</td><td>310 U/L&#160;(high)</td><td>Feb 1, 2026</td></tr>
                <tr><td/><td/><td/></tr>
              </tbody>
            </table>
          </text>
        </section>
      </component>
      <component>
        <section>
          <code code="18776-5" displayName="Plan of care note"/>
          <text><paragraph>Start pembrolizumab 200 mg every 3 weeks.<br/>Repeat CT in 12 weeks.</paragraph>Discussed &lt;side effects&gt;.</text>
          <component>
            <section><title>Goals</title><text>Complete response</text></section>
          </component>
        </section>
      </component>
    </structuredBody>
  </component>
</ClinicalDocument>`;

describe('readRecord on a C-CDA document', () => {
  it('reads each section’s narrative as paragraphs, list items and labelled table rows', async () => {
    const record = await readRecord(bytes(CCDA), { fileName: 'ccd.xml' });
    expect(record.format).toBe('ccda');
    expect(record.segments).toEqual([
      { text: 'Malignant melanoma of skin of back & trunk, stage IIIB', locator: 'Problems' },
      { text: 'Hypertension', locator: 'Problems' },
      { text: 'Test: BRAF V600E | Result: Detected | Date: 01/15/2026', locator: 'Results', date: '2026-01-15' },
      { text: 'Test: LDH | Result: 310 U/L (high) | Date: Feb 1, 2026', locator: 'Results', date: '2026-02-01' },
      { text: 'Start pembrolizumab 200 mg every 3 weeks.', locator: 'Plan of care note' },
      { text: 'Repeat CT in 12 weeks.', locator: 'Plan of care note' },
      { text: 'Discussed <side effects>.', locator: 'Plan of care note' },
      { text: 'Complete response', locator: 'Goals' },
    ]);
  });

  it('takes the title and the date from the header, and nothing about the patient', async () => {
    const record = await readRecord(bytes(CCDA), { fileName: 'export' });
    expect(record.title).toBe('Continuity of Care Document');
    expect(record.date).toBe('2026-03-14');
    expect(JSON.stringify(record)).not.toMatch(/Quillfeather|Jane|Elm Street|Springfield/);
  });

  it('dates a row by the cell that is only a date when no column says "date"', async () => {
    const table = CCDA.replace('<th>Date</th>', '<th>Seen</th>').replace('<th>Test</th>', '<th>Name</th>');
    const record = await readRecord(bytes(table), { fileName: 'ccd.xml' });
    expect(record.segments.find((segment) => segment.text.startsWith('Name: LDH'))?.date).toBe('2026-02-01');
  });

  it('reads a header row of <th> cells in the table body, and a plain-text nonXMLBody', async () => {
    const headerInBody = CCDA.replace('<thead><tr><th>Test</th><th>Result</th><th>Date</th></tr></thead>', '').replace('<tbody>', '<tbody><tr><th>Test</th><th>Result</th><th>Date</th></tr>');
    const record = await readRecord(bytes(headerInBody), { fileName: 'ccd.xml' });
    expect(record.segments[2]?.text).toBe('Test: BRAF V600E | Result: Detected | Date: 01/15/2026');

    const unstructured = `<ClinicalDocument xmlns="urn:hl7-org:v3"><effectiveTime value="20260102"/><component><nonXMLBody>
      <text mediaType="text/plain" representation="B64">${Buffer.from('Progress note\nMelanoma follow-up, no recurrence.').toString('base64')}</text>
    </nonXMLBody></component></ClinicalDocument>`;
    const note = await readRecord(bytes(unstructured), { fileName: 'note.xml' });
    expect(note.segments).toEqual([
      { text: 'Progress note', locator: 'Document' },
      { text: 'Melanoma follow-up, no recurrence.', locator: 'Document' },
    ]);
    expect(note.date).toBe('2026-01-02');
  });
});

describe('readRecord on XML it must not trust', () => {
  const DOCTYPE_MESSAGE = 'This XML declares entities (a DOCTYPE), which Cairn does not expand; it is not a C-CDA export as patient portals make it.';

  it('refuses a billion-laughs entity bomb without expanding it', async () => {
    const levels = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${String(level + 1)} "${`&lol${String(level)};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE ClinicalDocument [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<ClinicalDocument><title>&lol9;</title></ClinicalDocument>`;
    const started = Date.now();
    const error = await rejection(readRecord(bytes(bomb), { fileName: 'ccd.xml' }));
    expect(error.message).toBe(DOCTYPE_MESSAGE);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an external entity and never reads the file it names', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Report</title><component><structuredBody><component><section><title>Notes</title><text>&x;</text></section></component></structuredBody></component></ClinicalDocument>`;
    const error = await rejection(readRecord(bytes(xxe), { fileName: 'ccd.xml' }));
    expect(error.message).toBe(DOCTYPE_MESSAGE);
    expect(error.message).not.toMatch(/root:|nologin|\/bin\//);
    expect(String(error.stack)).not.toMatch(/root:|nologin/);
  });

  it('refuses a DOCTYPE whatever its case, and one tucked inside a comment', async () => {
    for (const xml of ['<!doctype ClinicalDocument><ClinicalDocument/>', '<!-- <!ENTITY a "b"> --><ClinicalDocument/>']) {
      const error = await rejection(readRecord(bytes(xml), { fileName: 'ccd.xml' }));
      expect(error.message).toBe(DOCTYPE_MESSAGE);
    }
  });

  it.each([
    ['an unclosed element', '<ClinicalDocument><title>Report</ClinicalDocument>'],
    ['a stray ampersand', '<ClinicalDocument><title>A & B</title></ClinicalDocument>'],
    ['a file cut short', CCDA.slice(0, CCDA.length / 2)],
  ])('refuses %s as not well-formed', async (_, xml) => {
    const error = await rejection(readRecord(bytes(xml), { fileName: 'ccd.xml' }));
    expect(error.message).toBe('This XML file is damaged or not well-formed.');
  });

  it('refuses XML whose root is not ClinicalDocument', async () => {
    const error = await rejection(readRecord(bytes('<?xml version="1.0"?><note><to>Jane Quillfeather</to></note>'), { fileName: 'note' }));
    expect(error.message).toBe('This XML file is not a C-CDA document (its root element is not ClinicalDocument).');
  });

  it('refuses a C-CDA without any narrative text', async () => {
    const empty = '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody><component><section><title>Results</title><text/></section></component></structuredBody></component></ClinicalDocument>';
    const error = await rejection(readRecord(bytes(empty), { fileName: 'ccd.xml' }));
    expect(error.message).toBe('This C-CDA document has no readable text in its sections.');
  });

  it('refuses a nonXMLBody that wraps a PDF', async () => {
    const wrapped = '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><nonXMLBody><text mediaType="application/pdf" representation="B64">JVBERi0=</text></nonXMLBody></component></ClinicalDocument>';
    const error = await rejection(readRecord(bytes(wrapped), { fileName: 'ccd.xml' }));
    expect(error.message).toBe(
      'This C-CDA document wraps its content as an attached file rather than text, which Cairn does not read; import the original file instead.',
    );
  });
});

describe('decodeXmlReferences', () => {
  it('decodes the five built-ins and numeric references in one pass, and no other entity', () => {
    expect(decodeXmlReferences('&lt;b&gt; &amp;lt; &quot;&apos; &#65;&#x42; &nbsp; &#0; &#xD800;')).toBe('<b> &lt; "\' AB &nbsp; \uFFFD \uFFFD');
  });
});
