import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../core/library/import/parseHtml';
import { ImportRejected } from '../../../core/library/import/types';
import type { ParsedDocument } from '../../../core/library/import/types';
import { utf8, windows1252 } from './bytes';

/** A page shaped like a cancer.gov PDQ summary: site furniture all around one article. */
const CANCER_GOV_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Melanoma Treatment (PDQ®)–Patient Version - NCI</title>
  <meta property="og:title" content="Melanoma Treatment (PDQ®)–Patient Version">
  <meta property="og:site_name" content="National Cancer Institute">
  <meta property="og:url" content="https://www.cancer.gov/types/skin/patient/melanoma-treatment-pdq">
  <link rel="canonical" href="https://www.cancer.gov/types/skin/patient/melanoma-treatment-pdq">
  <script>window.dataLayer = []; function track() { document.write('TRACKING PIXEL TEXT'); }</script>
  <style>.banner { color: red; } body::before { content: "STYLE TEXT"; }</style>
</head>
<body onload="track()">
  <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
    <button onclick="accept()">Accept all cookies</button></div>
  <header class="site-header">
    <a href="/">NCI logo link</a>
    <form role="search"><input type="search" placeholder="Search"><button>Search the site</button></form>
    <nav class="main-nav"><ul><li><a href="/about-cancer">About Cancer</a></li><li><a href="/types">Cancer Types</a></li></ul></nav>
  </header>
  <nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/types">Breadcrumb Types</a></nav>
  <main id="main-content">
    <article>
      <h1>Melanoma Treatment (PDQ®)–Patient Version</h1>
      <nav class="on-this-page"><h2>On This Page</h2><ul><li><a href="#general">General Information</a></li></ul></nav>
      <section id="general">
        <h2>General Information About Melanoma</h2>
        <p>Melanoma is a disease in which malignant (cancer) cells form in melanocytes (cells that
           color the skin). Melanocytes are found throughout the lower part of the epidermis.</p>
        <p>There are different types of cancer that start in the skin. The most common types are
           basal cell carcinoma and squamous cell carcinoma, which are nonmelanoma skin cancers.</p>
        <h3>Risk factors</h3>
        <p>Anything that increases your chance of getting a disease is called a risk factor. Risk
           factors for melanoma include the following:</p>
        <ul>
          <li>Having a <strong>fair complexion</strong>, which includes fair skin that freckles and burns easily.</li>
          <li>Being exposed to natural sunlight or artificial sunlight (such as from tanning beds).</li>
          <li>Having a history of many blistering sunburns, especially as a child or teenager.</li>
        </ul>
        <script>document.write('<p>INJECTED BY SCRIPT</p>');</script>
      </section>
      <section id="stages">
        <h2>Stages of Melanoma</h2>
        <p>After melanoma has been diagnosed, tests are done to find out if cancer cells have spread
           within the skin or to other parts of the body. The process used to find out whether cancer
           has spread is called staging.</p>
        <table>
          <tr><th>Stage</th><th>Description</th></tr>
          <tr><td>Stage 0</td><td>Abnormal melanocytes are found in the epidermis.</td></tr>
          <tr><td>Stage I</td><td>Cancer has formed and the tumor is not more than 2 millimeters thick.</td></tr>
        </table>
        <h3>Treatment option overview</h3>
        <p>Different types of treatment are available for patients with melanoma. Five types of
           standard treatment are used: surgery, chemotherapy, radiation therapy, immunotherapy and
           targeted therapy.</p>
      </section>
    </article>
  </main>
  <aside class="sidebar"><h2>Related Resources</h2><p>Sign up for our newsletter to get updates.</p></aside>
  <footer class="site-footer"><p>National Cancer Institute, 9609 Medical Center Drive. Privacy policy.</p></footer>
  <script src="/analytics.js"></script>
  <noscript>Please enable JavaScript for the best experience.</noscript>
</body>
</html>`;

function parse(html: string | Uint8Array, fileName = 'page.html'): ParsedDocument {
  return parseHtml(typeof html === 'string' ? utf8(html) : html, { fileName });
}

function allText(doc: ParsedDocument): string {
  return doc.sections
    .flatMap((section) => [section.heading, ...section.paragraphs.map((p) => p.text)])
    .filter((text) => text !== '')
    .join('\n');
}

describe('parseHtml', () => {
  it('keeps the article as sections in page order, with heading levels as on the page', () => {
    const doc = parse(CANCER_GOV_PAGE);
    expect(doc.format).toBe('html');
    expect(doc.sections.map((section) => [section.level, section.heading])).toEqual([
      [1, 'Melanoma Treatment (PDQ®)–Patient Version'],
      [2, 'General Information About Melanoma'],
      [3, 'Risk factors'],
      [2, 'Stages of Melanoma'],
      [3, 'Treatment option overview'],
    ]);
    expect(doc.sections[2]?.paragraphs.map((p) => p.text)).toEqual([
      'Anything that increases your chance of getting a disease is called a risk factor. Risk factors for melanoma include the following:',
      'Having a fair complexion, which includes fair skin that freckles and burns easily.',
      'Being exposed to natural sunlight or artificial sunlight (such as from tanning beds).',
      'Having a history of many blistering sunburns, especially as a child or teenager.',
    ]);
    expect(doc.sections[3]?.paragraphs.map((p) => p.text).slice(1)).toEqual([
      'Stage | Description',
      'Stage 0 | Abnormal melanocytes are found in the epidermis.',
      'Stage I | Cancer has formed and the tumor is not more than 2 millimeters thick.',
    ]);
  });

  it('drops navigation, banners, sidebars, footers, forms, scripts and styles', () => {
    const text = allText(parse(CANCER_GOV_PAGE));
    for (const furniture of [
      'cookies', 'NCI logo link', 'Search the site', 'About Cancer', 'Breadcrumb Types', 'On This Page',
      'Related Resources', 'newsletter', 'Medical Center Drive', 'enable JavaScript', 'TRACKING', 'INJECTED',
      'STYLE TEXT', 'dataLayer', 'track(',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('reads title, source URL and publisher from the page metadata', () => {
    expect(parse(CANCER_GOV_PAGE)).toMatchObject({
      title: 'Melanoma Treatment (PDQ®)–Patient Version',
      sourceUrl: 'https://www.cancer.gov/types/skin/patient/melanoma-treatment-pdq',
      publisher: 'National Cancer Institute',
    });
  });

  it('falls back from og:title to <title>, the first h1 and the file name', () => {
    const body = '<p>Screening can find colorectal cancer early, when treatment works best.</p>';
    expect(parse(`<html><head><title> Colorectal Cancer Screening </title></head><body>${body}</body></html>`).title).toBe(
      'Colorectal Cancer Screening',
    );
    expect(parse(`<html><body><h1>Colorectal <em>Screening</em></h1>${body}</body></html>`).title).toBe('Colorectal Screening');
    expect(parse(`<html><body>${body}</body></html>`, 'saved/colorectal.htm').title).toBe('colorectal');
  });

  it('uses og:url or meta author when there is no canonical link or site name, and ignores relative URLs', () => {
    const doc = parse(`<html><head><link rel="canonical" href="/relative/only">
      <meta property="og:url" content="https://example.org/lung"><meta name="author" content="Lung Cancer Group">
      </head><body><p>Lung cancer text.</p></body></html>`);
    expect(doc.sourceUrl).toBe('https://example.org/lung');
    expect(doc.publisher).toBe('Lung Cancer Group');
  });

  it('finds short pages through <main> when Readability has too little to go on', () => {
    const doc = parse(`<html><body><nav><a href="/">Home</a></nav><main><h1>Sézary syndrome</h1>
      <p>A rare lymphoma of the skin.</p></main><footer>Contact us</footer></body></html>`);
    expect(doc.sections).toEqual([{ heading: 'Sézary syndrome', level: 1, paragraphs: [{ text: 'A rare lymphoma of the skin.' }] }]);
  });

  it('keeps content that a site wraps in one big form', () => {
    const doc = parse(`<html><body><form id="aspnetForm" action="/page.aspx"><input type="hidden" name="__VIEWSTATE" value="abc">
      <h1>Hodgkin lymphoma</h1><p>Hodgkin lymphoma is a cancer of the lymph system.</p></form></body></html>`);
    expect(allText(doc)).toBe('Hodgkin lymphoma\nHodgkin lymphoma is a cancer of the lymph system.');
  });

  it('honours <meta charset> for pages in a legacy encoding', () => {
    const page = windows1252(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
      <title>S\u00e9zary syndrome</title></head><body><p>The \u201cS\u00e9zary cells\u201d are found in the blood.</p></body></html>`);
    const doc = parse(page);
    expect(doc.title).toBe('S\u00e9zary syndrome');
    expect(allText(doc)).toBe('The \u201cS\u00e9zary cells\u201d are found in the blood.');
  });

  it('rejects a page of scripts with no readable text, and never shows the script text', () => {
    const scriptsOnly = `<!DOCTYPE html><html><head><title></title>
      <script>var message = 'SCRIPT TEXT'; document.write('<p>' + message + '</p>');</script>
      <script type="application/ld+json">{"@type": "MedicalWebPage", "name": "LD JSON TEXT"}</script>
      </head><body onload="alert('ONLOAD TEXT')">
      <script>document.body.innerHTML = '<h1>WRITTEN BY SCRIPT</h1>';</script>
      <noscript>NOSCRIPT TEXT</noscript><template><p>TEMPLATE TEXT</p></template>
      <div onclick="alert('HANDLER TEXT')"><img src="x.png" onerror="alert('ONERROR TEXT')"></div>
      <style>p::after { content: "STYLE TEXT"; }</style><script src="app.js"></script></body></html>`;
    expect(() => parse(scriptsOnly)).toThrow(new ImportRejected('No readable text was found in this HTML page.'));

    const withContent = scriptsOnly.replace('<noscript>', '<p>Real text about leukemia.</p><noscript>');
    expect(allText(parse(withContent))).toBe('Real text about leukemia.');
  });

  it('rejects files that are empty or not text', () => {
    expect(() => parse(new Uint8Array())).toThrow(new ImportRejected('The file is empty.'));
  });
});
