import { errorBase } from "../domain/errors.ts";

/** One parsed CSV record with the 1-based line it starts on, for error messages. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Parses CSV text (RFC 4180: commas, double quotes, "" for a quote inside quotes, CRLF or LF). A byte
 * order mark is skipped; blank lines are skipped. Throws with the line number on an unclosed quote.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let cell = "";
  let rowLine = 1;
  let quoted = false;
  let any = false;
  const endRow = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0]!.trim() === "" && !any;
    if (!blank) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    any = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      any = true;
      cell = "";
      i++;
      continue;
    }
    if (ch === ",") {
      cells.push(cell);
      cell = "";
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
      rowLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(`a quoted cell is never closed: add the closing "`, rowLine);
  if (cell !== "" || cells.length > 0 || any) endRow();
  return rows;
}

export class CsvSyntaxError extends errorBase("bad-input", "csv/syntax") {
  override name = "CsvSyntaxError";
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A plain number as a spreadsheet reads it, negative ones included: never a formula. */
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): it begins with =, +, -, @, a
 * tab or a carriage return, after any white space. Plain numbers ("-12.5") are numbers, not formulas.
 */
function formulaLike(text: string): boolean {
  return /^[\s\u00a0]*[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text);
}

/** What `csvCell` puts before a formula-like cell: the apostrophe spreadsheets read as "this is text". */
export const FORMULA_GUARD = "'";

/**
 * One CSV cell: numbers as they are; text guarded against formulas (a leading apostrophe on a cell a
 * spreadsheet would run, `formulaLike`), then quoted when it holds a comma, quote or line break, with
 * quotes doubled.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const raw = String(value);
  const text = formulaLike(raw) ? `${FORMULA_GUARD}${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A cell as it was before `csvCell` guarded it: the apostrophe taken off a formula-like cell, so a
 * table Haggle wrote reads back as the values it was written from.
 */
export function unguardCsvCell(cell: string): string {
  return cell.startsWith(FORMULA_GUARD) && formulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Writes rows of objects as CSV with the given columns, in order. */
export function toCsv<T extends Record<string, unknown>>(
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(","));
  return `${lines.join("\n")}\n`;
}
