/** True for a PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The URL with its password replaced by `***`, safe to print in messages and logs. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    // Unparseable: mask whatever sits between "user:" and "@" rather than echo it.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
  }
}
