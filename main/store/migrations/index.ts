import { migration001 } from './001_initial';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [migration001];
