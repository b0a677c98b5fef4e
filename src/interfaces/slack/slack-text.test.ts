import { describe, expect, it } from "vitest";
import { MAX_SHOWN, slackPlain, slackText } from "./slack-text.ts";

describe("slackText", () => {
  it("escapes &, < and > as Slack asks, so no mention, broadcast or link can be written", () => {
    expect(slackText("<!channel> <!here|here> <@U123> <#C1> <http://evil|click> a & b")).toBe(
      "&lt;!channel&gt; &lt;!here|here&gt; &lt;@U123&gt; &lt;#C1&gt; &lt;http://evil|click&gt; a &amp; b",
    );
    expect(slackText("&lt;!channel&gt;")).toBe("&amp;lt;!channel&amp;gt;");
  });

  it("breaks formatting and bare broadcasts with invisible marks of its own", () => {
    expect(slackText("*bold* _it_ ~no~ `code` ```block```")).toBe(
      "*\u200bbold*\u200b _\u200bit_\u200b ~\u200bno~\u200b `\u200bcode`\u200b `\u200b`\u200b`\u200bblock`\u200b`\u200b`\u200b",
    );
    expect(slackText("@channel @Here @everyone @channelfoo bob@here.com")).toBe(
      "@\u2060channel @\u2060Here @\u2060everyone @channelfoo bob@\u2060here.com",
    );
    // A quote needs a > at the start of a line: it is &gt; now.
    expect(slackText("> quoted\n>>> all")).toBe("&gt; quoted\n&gt;&gt;&gt; all");
  });

  it("shows hidden characters in the agent's text as codes, and clips very long text", () => {
    expect(slackPlain("a\u202eb\u200bc\u001b[31m")).toBe("a\\u202eb\\u200bc\\u001b[31m");
    expect(slackText("x\u2066y")).toBe("x\\u2066y");
    expect(slackPlain("line one\n\tline two\rover")).toBe("line one\n\tline two / over");
    const long = "y".repeat(MAX_SHOWN + 10);
    expect(slackPlain(long)).toBe(`${"y".repeat(MAX_SHOWN)}…`);
  });
});
