import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Where a running market listens for other commands on this machine (`haggle show`, `haggle
 * handover`): a Unix socket named after the run folder. It lives in the temporary folder, not the
 * run folder, because a socket path may be at most ~100 bytes.
 */
export function endpointPath(runDir: string): string {
  const hash = createHash("sha256").update(resolve(runDir)).digest("hex").slice(0, 20);
  return join(tmpdir(), `haggle-${hash}.sock`);
}
