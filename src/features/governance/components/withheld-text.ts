/** "1 item withheld", "2 items withheld": the count per source the status strip shows. */
export function withheldText(n: number): string {
  return n === 1 ? '1 item withheld' : `${n} items withheld`;
}

/** Why items are withheld, in words that fit who is looking. */
export function withheldWhy(w: { revealable: number; never: number; server: number }, mayReveal: boolean): string {
  const parts: string[] = [];
  if (w.revealable > 0) parts.push(`${w.revealable} restricted or sensitive: you may reveal ${w.revealable === 1 ? 'it' : 'them'} with a reason`);
  if (w.never > 0) parts.push(mayReveal ? `${w.never} very restricted: never shown` : `${w.never} restricted, very restricted or sensitive: not shown to your role`);
  if (w.server > 0) parts.push(`${w.server} withheld by the organisation’s own system`);
  return parts.join('; ');
}
