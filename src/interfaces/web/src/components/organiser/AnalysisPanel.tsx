import { useQueryClient } from "@tanstack/react-query";
import type { OrganiserPage } from "../../../../http/api-types.ts";
import { keys } from "../../api/keys.ts";

const REPORT = "/api/organiser/analysis";

/**
 * After the close: the analysis report in the page, in a tab of its own, and as a download. The
 * server makes the report when it is first asked for (and again when survey answers came in since).
 */
export function AnalysisPanel({ analysis }: { analysis: OrganiserPage["analysis"] }) {
  const client = useQueryClient();
  if (!analysis) return null;
  const url = analysis.url || REPORT;
  return (
    <section className="card analysis" aria-label="Analysis">
      <h2>Analysis</h2>
      <p>
        <a href={url} target="_blank" rel="noopener">
          Open the analysis in a new tab
        </a>{" "}
        ·{" "}
        <a href={`${url}?download`} download="report.html">
          Download the report
        </a>{" "}
        ·{" "}
        <a href={`${REPORT}/results.json`} download="results.json">
          results.json
        </a>
      </p>
      {!analysis.ready && (
        <p className="muted">The report is made when first opened: this takes a few seconds.</p>
      )}
      <iframe
        title="Analysis report"
        src={url}
        sandbox=""
        className="report"
        onLoad={() => void client.invalidateQueries({ queryKey: keys.organiser })}
      />
    </section>
  );
}
