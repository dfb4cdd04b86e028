import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { AnalysesRepo } from './repos/analyses';
import { AnnotationsRepo } from './repos/annotations';
import { AuditRepo } from './repos/audit';
import { BeatsRepo } from './repos/beats';
import { ModelsRepo } from './repos/models';
import { SettingsRepo } from './repos/settings';
import { ProbeRunsRepo } from './repos/probe-runs';
import { PatientsRepo } from './repos/patients';
import { RecordingsRepo } from './repos/recordings';
import { ReviewsRepo } from './repos/reviews';
import { SignalsRepo } from './repos/signals';
import { UsersRepo } from './repos/users';

export interface Store {
  readonly path: string;
  readonly db: Database.Database;
  readonly patients: PatientsRepo;
  readonly recordings: RecordingsRepo;
  readonly signals: SignalsRepo;
  readonly annotations: AnnotationsRepo;
  readonly analyses: AnalysesRepo;
  readonly audit: AuditRepo;
  readonly beats: BeatsRepo;
  readonly reviews: ReviewsRepo;
  readonly users: UsersRepo;
  readonly models: ModelsRepo;
  readonly settings: SettingsRepo;
  readonly probeRuns: ProbeRunsRepo;
  /** Runs `fn` in a write (BEGIN IMMEDIATE) transaction; rolls back if it throws. */
  write<T>(fn: () => T): T;
  close(): void;
}

export interface OpenStoreOptions {
  /** Milliseconds to wait for another connection's write lock (default 10 s). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the patient store at `path` (":memory:" for a throw-away one):
 * WAL journal, foreign keys enforced, a busy timeout, schema migrated to the newest version.
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 10_000))}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const recordings = new RecordingsRepo(db);
  return {
    path,
    db,
    patients: new PatientsRepo(db),
    recordings,
    signals: new SignalsRepo(db, recordings),
    annotations: new AnnotationsRepo(db),
    analyses: new AnalysesRepo(db),
    audit: new AuditRepo(db),
    beats: new BeatsRepo(db),
    reviews: new ReviewsRepo(db),
    users: new UsersRepo(db),
    models: new ModelsRepo(db),
    settings: new SettingsRepo(db),
    probeRuns: new ProbeRunsRepo(db),
    write: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => db.close(),
  };
}
