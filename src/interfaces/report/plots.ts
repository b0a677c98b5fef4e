import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { AnalysisResults } from "../../analysis/analyze.ts";
import { createRng, hashString } from "../../domain/random.ts";
import { tierLabel } from "./format.ts";

/** A plot of the report: a Vega-Lite spec, rendered to SVG on the server. */
export interface Plot {
  id: string;
  title: string;
  /** What the plot shows, in a sentence. */
  caption: string;
  spec: vegaLite.TopLevelSpec;
}

export interface RenderedPlot extends Omit<Plot, "spec"> {
  svg: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const CONFIG = {
  font: FONT,
  background: "white",
  view: { stroke: "transparent" },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
};

const dollars = (cents: number) => Math.round(cents) / 100;
const short = (text: string, max = 38) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A label in lines of at most `width` characters, broken between words ("\n" between lines, which
 * the axes' `labelExpr` splits), so long item names are shown whole rather than cut; past `lines`
 * lines the rest is left out with an ellipsis.
 */
export function wrapLabel(text: string, width = 30, lines = 3): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.trim().split(/\s+/)) {
    const pieces = word.length > width ? (word.match(new RegExp(`.{1,${width}}`, "g")) ?? [word]) : [word];
    for (const piece of pieces) {
      if (line && line.length + 1 + piece.length > width) {
        out.push(line);
        line = piece;
      } else line = line ? `${line} ${piece}` : piece;
    }
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = short(`${kept[lines - 1]!} ${out[lines]!}`, width);
    return kept.join("\n");
  }
  return out.join("\n");
}

/** An axis whose labels are wrapLabel's lines, shown in full. */
const WRAPPED_AXIS = { labelExpr: "split(datum.label, '\\n')", labelLimit: 0, labelLineHeight: 13 };

function priceByTier(results: AnalysisResults): Plot | undefined {
  const rows = results.tierPrices;
  if (rows.length === 0) return undefined;
  const adjusted = rows.filter((row) => row.vsItemAverage);
  if (adjusted.length > 0) {
    const values = adjusted.map((row) => ({
      group: `${tierLabel(row.tier)} as ${row.side}`,
      side: row.side,
      estimate: row.vsItemAverage!.estimate,
      low: row.vsItemAverage!.low ?? row.vsItemAverage!.estimate,
      high: row.vsItemAverage!.high ?? row.vsItemAverage!.estimate,
      deals: row.comparableDeals,
    }));
    return {
      id: "price-by-tier",
      title: "Price by tier, against the same items' average",
      caption:
        "Mean price of each tier's deals relative to the average price of the same items across arms, with 95% bootstrap intervals (items resampled). Above zero: this tier's deals were dearer than usual for those items.",
      spec: {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        width: 460,
        height: { step: 28 },
        data: { values },
        layer: [
          { mark: { type: "rule", color: "#999" }, encoding: { x: { datum: 0 } } },
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y: { field: "group", type: "nominal", title: null, sort: null },
              x: {
                field: "low",
                type: "quantitative",
                title: "price vs item average",
                axis: { format: "+.0%" },
              },
              x2: { field: "high" },
              color: { field: "side", type: "nominal", title: "side" },
            },
          },
          {
            mark: { type: "point", filled: true, size: 80 },
            encoding: {
              y: { field: "group", type: "nominal", sort: null },
              x: { field: "estimate", type: "quantitative" },
              color: { field: "side", type: "nominal" },
            },
          },
        ],
        config: CONFIG,
      } as vegaLite.TopLevelSpec,
    };
  }
  const values = rows.map((row) => ({
    group: `${tierLabel(row.tier)} as ${row.side}`,
    side: row.side,
    price: dollars(row.meanPrice),
    deals: row.deals,
  }));
  return {
    id: "price-by-tier",
    title: "Mean price by tier",
    caption:
      "Mean price of each tier's deals. No item sold in more than one arm, so this mixes different items: compare with care.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 460,
      height: { step: 28 },
      data: { values },
      mark: "bar",
      encoding: {
        y: { field: "group", type: "nominal", title: null, sort: null },
        x: { field: "price", type: "quantitative", title: "mean price", axis: { format: "$,.2f" } },
        color: { field: "side", type: "nominal" },
      },
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

function pairingMatrix(results: AnalysisResults): Plot | undefined {
  const cells = results.priceMatrix.cells.filter((cell) => cell.deals > 0);
  if (cells.length === 0) return undefined;
  const adjusted = cells.some((cell) => cell.vsItemAverage !== undefined);
  const values = cells.map((cell) => ({
    seller: tierLabel(cell.sellerTier),
    buyer: tierLabel(cell.buyerTier),
    value: adjusted ? (cell.vsItemAverage ?? null) : dollars(cell.meanPrice),
    label: adjusted
      ? cell.vsItemAverage !== undefined
        ? `${cell.vsItemAverage >= 0 ? "+" : ""}${(cell.vsItemAverage * 100).toFixed(1)}% (n=${cell.comparableDeals})`
        : `n=${cell.deals}`
      : `$${dollars(cell.meanPrice).toFixed(2)} (n=${cell.deals})`,
  }));
  return {
    id: "pairing-matrix",
    title: "Prices by seller tier x buyer tier",
    caption: adjusted
      ? "Mean price of the deals between each seller tier and buyer tier, relative to the same items' average across arms; n counts the comparable deals."
      : "Mean price of the deals between each seller tier and buyer tier (different items: compare with care).",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: { step: 130 },
      height: { step: 60 },
      data: { values },
      encoding: {
        x: { field: "buyer", type: "nominal", title: "buyer tier", axis: { labelAngle: 0 } },
        y: { field: "seller", type: "nominal", title: "seller tier" },
      },
      layer: [
        {
          mark: "rect",
          encoding: {
            color: {
              field: "value",
              type: "quantitative",
              title: adjusted ? "vs item average" : "mean price",
              scale: adjusted ? { scheme: "redblue", domainMid: 0, reverse: true } : { scheme: "blues" },
              legend: { format: adjusted ? "+.0%" : "$,.0f" },
            },
          },
        },
        { mark: { type: "text", fontSize: 12 }, encoding: { text: { field: "label", type: "nominal" } } },
      ],
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

function sameItem(results: AnalysisResults): Plot | undefined {
  const items = results.sameItem.items.slice(0, 15);
  if (items.length === 0) return undefined;
  const label = (item: (typeof items)[number]) => wrapLabel(item.title ?? item.item);
  const seen = new Map<string, number>();
  const names = items.map((item) => {
    const base = label(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base} (${n})` : base;
  });
  const tallest = Math.max(...names.map((name) => name.split("\n").length));
  const points = items.flatMap((item, i) =>
    item.sales.map((sale) => ({
      item: names[i]!,
      arm: sale.arm,
      price: dollars(sale.price),
      pairing: `${tierLabel(sale.sellerTier)} seller, ${tierLabel(sale.buyerTier)} buyer`,
    })),
  );
  const ranges = items.map((item, i) => ({
    item: names[i]!,
    low: dollars(item.lowest.price),
    high: dollars(item.highest.price),
  }));
  return {
    id: "same-item",
    title: "The same item's price across arms",
    caption:
      "The items with the largest gaps between their highest and lowest price across arms; one point per sale.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 460,
      height: { step: Math.max(22, 13 * tallest + 6) },
      layer: [
        {
          data: { values: ranges },
          mark: { type: "rule", color: "#bbb", strokeWidth: 2 },
          encoding: {
            y: { field: "item", type: "nominal", sort: null, title: null, axis: WRAPPED_AXIS },
            x: { field: "low", type: "quantitative", title: "price", axis: { format: "$,.0f" } },
            x2: { field: "high" },
          },
        },
        {
          data: { values: points },
          mark: { type: "point", filled: true, size: 70 },
          encoding: {
            y: { field: "item", type: "nominal", sort: null },
            x: { field: "price", type: "quantitative" },
            color: { field: "arm", type: "nominal", title: "arm" },
            shape: { field: "pairing", type: "nominal", title: "pairing" },
          },
        },
      ],
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

function efficiency(results: AnalysisResults): Plot | undefined {
  const rows = results.efficiency.filter((row) => row.bestSurplus > 0);
  if (rows.length === 0) return undefined;
  const values = rows.flatMap((row) => [
    { arm: row.arm, kind: "best possible", surplus: dollars(row.bestSurplus) },
    { arm: row.arm, kind: "realised", surplus: dollars(row.realisedSurplus) },
  ]);
  const labels = rows.map((row) => ({
    arm: row.arm,
    surplus: dollars(row.realisedSurplus),
    text: `${((row.efficiency ?? 0) * 100).toFixed(0)}%`,
  }));
  return {
    id: "efficiency",
    title: "Market efficiency per arm",
    caption:
      "Realised surplus (the sum over deals of max price minus reserve) against the best possible: an exact optimal pairing of wants with matching listings within buyers' budgets.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: { step: 60 },
      height: 260,
      layer: [
        {
          data: { values },
          mark: "bar",
          encoding: {
            x: { field: "arm", type: "nominal", title: "arm", sort: null, axis: { labelAngle: -30 } },
            y: {
              field: "surplus",
              type: "quantitative",
              title: "surplus",
              stack: null,
              axis: { format: "$,.0f" },
            },
            color: {
              field: "kind",
              type: "nominal",
              title: null,
              scale: { domain: ["best possible", "realised"], range: ["#c6dbef", "#2171b5"] },
            },
            order: { field: "kind", sort: "ascending" },
          },
        },
        {
          data: { values: labels },
          mark: { type: "text", dy: -6, fontSize: 11 },
          encoding: {
            x: { field: "arm", type: "nominal", sort: null },
            y: { field: "surplus", type: "quantitative" },
            text: { field: "text", type: "nominal" },
          },
        },
      ],
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

function surplusShares(results: AnalysisResults): Plot | undefined {
  const shares = results.surplusShares.shares;
  if (shares.length === 0) return undefined;
  const values = shares.map((s) => ({
    side: `as ${s.side}`,
    tier: tierLabel(s.tier),
    share: Math.min(1, Math.max(0, s.share)),
  }));
  return {
    id: "surplus-shares",
    title: "How the surplus was split",
    caption:
      "Each side's share of its deal's surplus: seller (price - reserve) / (max price - reserve), buyer one minus that. 0.5 is an even split.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { values },
      facet: {
        row: { field: "tier", type: "nominal", title: null },
        column: { field: "side", type: "nominal", title: null },
      },
      spec: {
        width: 260,
        height: 120,
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "share",
            type: "quantitative",
            bin: { extent: [0, 1], step: 0.1 },
            title: "share of the surplus",
            axis: { format: ".0%" },
          },
          y: { aggregate: "count", type: "quantitative", title: "deals" },
          color: { field: "tier", type: "nominal", title: "tier", legend: null },
        },
      },
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

function perception(results: AnalysisResults): Plot | undefined {
  const rated =
    results.perception?.rated.filter((r) => r.share !== undefined && r.fairness !== undefined) ?? [];
  if (rated.length === 0) return undefined;
  // Ratings are whole numbers and many shares repeat (0%, 50%, 100%): each point is moved by a little
  // seeded jitter, the same at every run of the same analysis, so points that coincide stay visible.
  const rng = createRng(hashString(`perception-jitter:${results.meta.seed}`));
  const values = rated.map((r) => ({
    share: Math.min(1.02, Math.max(-0.02, r.share! + (rng.next() - 0.5) * 0.03)),
    fairness: r.fairness! + (rng.next() - 0.5) * 0.5,
    rated: r.fairness,
    tier: tierLabel(r.tier),
  }));
  return {
    id: "perception",
    title: "Rated fairness against the surplus share people got",
    caption:
      "Each point is one person's rating of one deal (1-7) against the share of that deal's surplus they measurably got, moved a little at random (seeded) so that equal answers do not hide each other.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 420,
      height: 240,
      data: { values },
      mark: { type: "point", filled: true, opacity: 0.55, size: 36 },
      encoding: {
        x: {
          field: "share",
          type: "quantitative",
          title: "measured share of the surplus",
          scale: { domain: [-0.03, 1.03], nice: false },
          axis: { format: ".0%", values: [0, 0.25, 0.5, 0.75, 1] },
        },
        y: {
          field: "fairness",
          type: "quantitative",
          title: "rated fairness (1-7)",
          scale: { domain: [0.6, 7.4], nice: false },
          axis: { values: [1, 2, 3, 4, 5, 6, 7], format: "d" },
        },
        color: { field: "tier", type: "nominal" },
      },
      config: CONFIG,
    } as vegaLite.TopLevelSpec,
  };
}

/** The report's plots as Vega-Lite specs; plots without data are left out. */
export function reportPlots(results: AnalysisResults): Plot[] {
  return [priceByTier, pairingMatrix, sameItem, efficiency, surplusShares, perception]
    .map((make) => make(results))
    .filter((plot): plot is Plot => plot !== undefined);
}

/** Renders a Vega-Lite spec to standalone SVG text (no browser, no outside requests). */
export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Gives an SVG's element ids (gradients, clip paths) a prefix, so several SVGs inlined in one page
 * never refer to each other's definitions.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

export async function renderPlots(results: AnalysisResults): Promise<RenderedPlot[]> {
  const out: RenderedPlot[] = [];
  for (const { spec, ...plot } of reportPlots(results)) {
    out.push({ ...plot, svg: prefixSvgIds(await renderSvg(spec), plot.id) });
  }
  return out;
}
