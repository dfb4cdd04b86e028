import { migration001 } from './001_initial';
import { migration002 } from './002_annotator';
import { migration003 } from './003_audit_chain';
import { migration004 } from './004_analyses';
import { migration005 } from './005_model_versions';
import { migration006 } from './006_settings';
import { migration007 } from './007_findings';
import { migration008 } from './008_probe_runs';
import { migration009 } from './009_probe_nsr';
import { migration010 } from './010_edf_format';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];
