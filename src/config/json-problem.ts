/**
 * Where and why a configuration file is not JSON, for the deployer: "line 3, column 1:
 * Expected double-quoted property name". JSON.parse reports a character offset ("at
 * position 37") in most of its messages and nothing for a file cut short; both become a
 * line and column (counted from 1) in the text as written. A message without either is
 * given as the parser wrote it.
 */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /\s*in JSON at position (\d+)(?:\s*\(line \d+ column \d+\))?$/.exec(message);
  if (at) return `${where(text, Number(at[1]))}: ${message.slice(0, at.index)}`;
  if (/^Unexpected end of JSON input$/.test(message)) {
    return text.trim() === '' ? 'the file is empty' : `${where(text, text.length)}: the file ends before the JSON is complete`;
  }
  return message;
}

function where(text: string, position: number): string {
  const before = text.slice(0, Math.min(position, text.length));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}`;
}
