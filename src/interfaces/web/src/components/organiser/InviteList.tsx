import { useState } from "react";
import type { Invite } from "../../../../http/api-types.ts";
import { download, toCsv } from "../../csv.ts";

/** Copies a link; `caption` names it when there are two kinds side by side. */
function CopyButton({ text, label, caption = "Copy" }: { text: string; label: string; caption?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt("Copy this link:", text);
    }
  };
  return (
    <button type="button" className="secondary small" aria-label={label} onClick={() => void copy()}>
      {copied ? "Copied" : caption}
    </button>
  );
}

/** Invite links to hand out, each with a copy button, and all of them as a CSV file. */
export function InviteList({ invites, title }: { invites: readonly Invite[]; title: string }) {
  if (invites.length === 0) return null;
  const csv = () =>
    toCsv(
      ["code", "url", "login_url", "used_by"],
      invites.map((invite) => [invite.code, invite.url, invite.loginUrl ?? "", invite.usedBy ?? ""]),
    );
  return (
    <div className="invites">
      <div className="invites-head">
        <h3>{title}</h3>
        <button type="button" className="secondary" onClick={() => download("invites.csv", csv())}>
          Download CSV
        </button>
      </div>
      <ul className="plain">
        {invites.map((invite) => (
          <li key={invite.code} className={invite.usedBy ? "used" : undefined}>
            <code className="invite-url">{invite.url}</code>{" "}
            {invite.usedBy ? (
              <span className="muted">used by {invite.usedBy}</span>
            ) : (
              <>
                <CopyButton text={invite.url} label={`Copy invite link ${invite.code}`} />
                {invite.loginUrl && (
                  <CopyButton
                    text={invite.loginUrl}
                    label={`Copy one-time login link ${invite.code}`}
                    caption="Copy login link"
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
