import type { OrganiserPage } from "../../../../http/api-types.ts";

/** After the close: the analysis report in the page, in a tab of its own, and as a download. */
export function AnalysisPanel({ analysis }: { analysis: OrganiserPage["analysis"] }) {
  if (!analysis) return null;
  if (!analysis.ready) return <p className="muted">The analysis is being made…</p>;
  const url = analysis.url || "/api/organiser/analysis";
  return (
    <section className="card analysis" aria-label="Analysis">
      <h2>Analysis</h2>
      <p>
        <a href={url} target="_blank" rel="noopener">
          Open the analysis in a new tab
        </a>{" "}
        ·{" "}
        <a href="/api/organiser/analysis.zip" download>
          Download the analysis folder
        </a>
      </p>
      <iframe title="Analysis report" src={url} sandbox="" className="report" />
    </section>
  );
}
