/** A count and its noun, singular for one: `counted(1, "message")` is "1 message", 2 is "2 messages". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
