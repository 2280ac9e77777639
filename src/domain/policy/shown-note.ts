/**
 * Who showed an item that policy withholds by default, when and why: kept with each
 * revealed or overridden item so the mark on screen can say so (docs/access-policy.md).
 * The type lives with the records (domain/records.ts ShownNote), which carry it.
 */
import type { ShownNote } from '../records';

export type RevealNote = ShownNote;
