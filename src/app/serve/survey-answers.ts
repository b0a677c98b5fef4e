import { readSurvey, type SurveyResponse, writeSurvey } from "../../analysis/survey.ts";

let writing: Promise<unknown> = Promise.resolve();

/**
 * Records one person's answers about one deal in `<run>/survey.json`, where `haggle analyze` reads
 * them: a later answer to the same deal replaces theirs. Writes are serialised within the process;
 * the file is written atomically.
 */
export function recordSurveyAnswer(runDir: string, response: SurveyResponse): Promise<void> {
  const run = writing.then(async () => {
    const earlier = await readSurvey(runDir);
    const key = (r: SurveyResponse) => `${r.arm}|${r.dealId}|${r.participant}`;
    const responses = (earlier?.responses ?? []).filter((r) => key(r) !== key(response));
    responses.push(response);
    await writeSurvey(runDir, {
      version: 1,
      source: "web",
      sources: [...new Set([...(earlier?.sources ?? []), "web"])],
      importedAt: new Date().toISOString(),
      responses,
    });
  });
  writing = run.catch(() => {});
  return run;
}

export async function surveyAnswersOf(runDir: string, participant: string): Promise<SurveyResponse[]> {
  return ((await readSurvey(runDir))?.responses ?? []).filter((r) => r.participant === participant);
}
