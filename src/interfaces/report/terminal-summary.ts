import type { AnalysisResults } from "../../analysis/analyze.ts";
import { counted } from "../../domain/plural.ts";
import { terminalText } from "../cli/terminal-text.ts";
import type { Finding } from "./findings.ts";
import { effectInterval, effectWords, money, pCell, percent, tierLabel } from "./format.ts";

/**
 * A table for the terminal. Cells can hold text from a deals file (arm and tier names), so each is made
 * safe (`terminalText`) before the columns are measured.
 */
function grid(headers: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(terminalText));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * The summary `haggle analyze` prints: arms, tier effects and the findings in plain words. Names,
 * titles and tiers come from deals files a person or another program wrote: every line that can hold
 * them is made safe for the terminal.
 */
export function terminalSummary(results: AnalysisResults, list: readonly Finding[], outDir?: string): string {
  const c = results.meta.currency;
  const efficiency = new Map(results.efficiency.map((e) => [e.arm, e]));
  const arms = grid(
    ["arm", "listings", "deals", "volume", "sold", "efficiency"],
    results.arms.map((a) => {
      const e = efficiency.get(a.arm);
      return [
        a.arm,
        a.listings === undefined ? "-" : String(a.listings),
        String(a.deals),
        money(a.volume, c),
        a.saleRate === undefined ? "-" : percent(a.saleRate, 0),
        e?.efficiency === undefined ? "-" : `${percent(e.efficiency, 0)}${e.exact ? "" : "*"}`,
      ];
    }),
  );
  const contrasts = results.tierEffects.contrasts.length
    ? grid(
        ["tier effect", "estimate", "95% CI", "per item", "p"],
        results.tierEffects.contrasts.map((t) => [
          `${tierLabel(t.tier)} vs ${tierLabel(t.reference)} ${t.side}s`,
          effectWords(t.side, t.percent.estimate, (n) => percent(n)),
          t.tooFew
            ? "too few to tell"
            : effectInterval(t.side, t.percent, (n) => percent(n)).replace("95% CI ", "") || "-",
          effectWords(t.side, t.cents.estimate, (n) => money(n, c)),
          t.pValue === undefined ? "-" : pCell(t.pValue),
        ]),
      )
    : "";
  return [
    `${terminalText(results.meta.name)}: ${counted(results.arms.length, "arm")}, ${counted(results.meta.deals, "deal")}${results.meta.duplicatesDropped ? ` (${results.meta.duplicatesDropped.count} repeated ${results.meta.duplicatesDropped.count === 1 ? "row" : "rows"} dropped, --dedupe)` : ""}`,
    "",
    arms,
    ...(results.efficiency.some((e) => !e.exact)
      ? ["* best possible surplus not proven optimal (search limit)"]
      : []),
    ...(contrasts
      ? [
          "",
          contrasts,
          terminalText(
            `Compared with ${tierLabel(results.meta.reference ?? "")}: ${results.meta.referenceChoice.reason}.`,
          ),
        ]
      : []),
    "",
    ...list.map((f) => `- ${terminalText(f.text)}`),
    ...(outDir ? ["", `Report: ${outDir}/report.html (results.json, tables/)`] : []),
  ].join("\n");
}
