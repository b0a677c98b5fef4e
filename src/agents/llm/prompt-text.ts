import { codePointLabel, isPayloadCharacter, oneLine, showHiddenRuns } from "../../domain/hidden-text.ts";

/**
 * Text as the model may read it: no line breaks (text cannot start a line of its own, a heading or a
 * fake update), and no hidden character raw. A short run of controls, zero-width or bidi characters
 * is shown as codes ("5[U+200B]0"), so the model sees that something was there; tag characters and
 * byte-carrying variation selectors, which can spell out whole hidden instructions, and any longer
 * run are removed with a marker that says how many there were.
 */
function visibleText(text: string): string {
  return showHiddenRuns(oneLine(text, " ").replace(/\t/g, " "), (run) => {
    const chars = [...run];
    if (chars.length > 3 || chars.some(isPayloadCharacter))
      return ` [${chars.length} hidden character${chars.length === 1 ? "" : "s"} removed] `;
    return chars.map((ch) => `[${codePointLabel(ch)}]`).join("");
  });
}

/**
 * Text written by people or agents (titles, descriptions, messages, personas), made safe to embed: it
 * is data, never instructions. It cannot open or close a tag (`<` and `>` become `&lt;` and `&gt;`)
 * or end the quotes it is shown in (`"` becomes `&quot;`), and it is one line with no hidden
 * character raw (`visibleText`). Every call site shows it inside quotes or a `<message>` tag.
 */
export function quoteText(text: string): string {
  return visibleText(text)
    .replace(/[<>"]/g, (ch) => (ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A person's name as the prompt shows it (in running text and in a `from="..."` attribute): no
 * characters that could open or close a tag or attribute, one line, no hidden character raw.
 */
export function safeName(name: string): string {
  return (
    visibleText(name)
      .replace(/[<>"&]/g, "")
      .replace(/\s+/g, " ")
      .trim() || "someone"
  );
}
