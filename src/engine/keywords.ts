const STOPWORDS = new Set(
  "the and for with from that this are was were has have had not but you your our its into over under very just new used good fair poor like set of to in on a an or by at as is it be".split(
    " ",
  ),
);

/** Lower-case content words of a text, for matching listings to wants. Deterministic order, no duplicates. */
export function keywordsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    const word = raw.length > 4 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw;
    seen.add(word);
  }
  return [...seen];
}
