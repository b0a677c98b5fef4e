import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";

const PAGE = { width: 612, height: 792, margin: 56 };
const SIZE = 11;
const LEADING = 15;

/**
 * The standard PDF fonts encode WinAnsi only: anything else (other scripts, emoji, control
 * characters an agent wrote) becomes "?" rather than failing the whole memo.
 */
function printable(text: string, font: PDFFont): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += " ";
      continue;
    }
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += "?";
    }
  }
  return out;
}

function wrap(text: string, font: PDFFont, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, SIZE) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * A deal's confirmation memo as a PDF (pdf-lib, the standard Helvetica): the Markdown memo's text,
 * headings in bold, wrapped to the page. Agent text arrives as data and is drawn as plain text.
 */
export async function dealMemoPdf(markdown: string, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer("Haggle");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  for (const source of markdown.split("\n")) {
    // Table rows read as "Item: Trek bike"; the header and rule rows carry nothing.
    if (/^\|(\s*\|)+\s*$|^\|[-|\s]+\|$/.test(source)) continue;
    const cells = /^\|(.*)\|$/
      .exec(source)?.[1]
      ?.split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    const raw = (cells ? cells.join(": ") : source).replace(/\\(.)/g, "$1");
    const heading = /^#{1,6}\s+/.test(raw);
    const font = heading ? bold : regular;
    const text = printable(
      raw
        .replace(/^#{1,6}\s+/, "")
        .replace(/^\s*[-*]\s+/, "• ")
        .replace(/\*\*|__|`/g, ""),
      font,
    );
    const lines = text.trim() === "" ? [""] : wrap(text, font, width);
    for (const line of lines) {
      if (y < PAGE.margin) {
        page = pdf.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      if (line) page.drawText(line, { x: PAGE.margin, y, size: heading ? SIZE + 3 : SIZE, font });
      y -= heading ? LEADING + 4 : LEADING;
    }
  }
  return pdf.save();
}
