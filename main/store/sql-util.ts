/** `LIKE` pattern that matches `text` anywhere, with % and _ taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
