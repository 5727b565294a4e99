/**
 * Small real PDFs for the tests, written by hand: pages of Helvetica text, an internal link
 * (to another page) and an external one, and, on request, a password-protected file. Every
 * object's offset in the cross-reference table is computed, so strict readers (pdf.js)
 * open them without repairing.
 */

export interface PdfPage {
  /** Lines drawn top to bottom in 14 pt Helvetica. */
  lines: string[];
}

export interface PdfSpec {
  pages: PdfPage[];
  /** On page 1: a link rectangle jumping to this page (1-based). */
  internalLinkTo?: number;
  /** On page 1: a link rectangle opening this URL. */
  externalLink?: string;
  /** A Standard security handler whose user password is not empty: readers must ask for it. */
  encrypted?: boolean;
}

const WIDTH = 612;
const HEIGHT = 792;

/** PDF string escaping for text drawn with Tj. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function makePdf(spec: PdfSpec): Buffer {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesNode = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  const pending: { id: number; contents: number; annots: number[] }[] = [];
  spec.pages.forEach((page) => {
    const ops = page.lines
      .map((line, i) => `BT /F1 14 Tf 72 ${HEIGHT - 96 - i * 22} Td ${pdfString(line)} Tj ET`)
      .join('\n');
    const contents = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    const id = add('');
    pageIds.push(id);
    pending.push({ id, contents, annots: [] });
  });
  if (spec.internalLinkTo !== undefined) {
    const target = pageIds[spec.internalLinkTo - 1];
    pending[0].annots.push(
      add(`<< /Type /Annot /Subtype /Link /Rect [72 600 300 620] /Border [0 0 0] /Dest [${target} 0 R /Fit] >>`),
    );
  }
  if (spec.externalLink !== undefined) {
    pending[0].annots.push(
      add(
        `<< /Type /Annot /Subtype /Link /Rect [72 560 300 580] /Border [0 0 0] /A << /S /URI /URI ${pdfString(spec.externalLink)} >> >>`,
      ),
    );
  }
  for (const page of pending) {
    const annots = page.annots.length > 0 ? ` /Annots [${page.annots.map((a) => `${a} 0 R`).join(' ')}]` : '';
    objects[page.id - 1] =
      `<< /Type /Page /Parent ${pagesNode} 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] ` +
      `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${page.contents} 0 R${annots} >>`;
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesNode} 0 R >>`;
  objects[pagesNode - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const encrypt = spec.encrypted
    ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`)
    : undefined;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const extra = encrypt !== undefined ? ` /Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${extra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
