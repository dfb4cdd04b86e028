import type { ReadContext } from './context';
import { pathOf, readRequired } from './context';
import { decodeHeaderText, parseHeader } from './header';
import type { WfdbHeader } from './header-types';

/** Reads and parses `<name>` (a .hea file) from the context's folder. */
export function loadHeader(ctx: ReadContext, name: string, neededBy: string): WfdbHeader {
  const path = pathOf(ctx, name);
  return parseHeader(decodeHeaderText(readRequired(ctx, name, neededBy), path), path);
}
