import type Database from 'better-sqlite3';
import type {
  ModelMetrics,
  ModelTrainingData,
  ModelVersionInfo,
  ModelVersionStatus,
} from '@common/types';
import { nowIso } from '../sql-util';

interface VersionDbRow {
  name: string;
  version: string;
  parent_version: string | null;
  folder: string | null;
  created_at: string;
  created_by: string;
  training_data: string | null;
  metrics: string | null;
  status: ModelVersionStatus;
  status_reason: string | null;
  active: number;
}

export interface NewModelVersion {
  name: string;
  version: string;
  parentVersion: string | null;
  folder: string | null;
  createdBy: string;
  createdAt?: string;
  trainingData: ModelTrainingData | null;
  metrics: ModelMetrics | null;
  status: ModelVersionStatus;
  statusReason: string | null;
}

export interface ActiveModel {
  version: string;
  folder: string | null;
  activatedAt: string;
  activatedBy: string;
}

const SELECT = `SELECT v.*, (a.version IS NOT NULL) AS active FROM model_versions v
  LEFT JOIN active_model a ON a.version = v.version`;

function toInfo(r: VersionDbRow): ModelVersionInfo {
  return {
    version: r.version,
    name: r.name,
    parentVersion: r.parent_version,
    folder: r.folder,
    createdAt: r.created_at,
    createdBy: r.created_by,
    trainingData: r.training_data ? (JSON.parse(r.training_data) as ModelTrainingData) : null,
    metrics: r.metrics ? (JSON.parse(r.metrics) as ModelMetrics) : null,
    status: r.status,
    statusReason: r.status_reason,
    shipped: r.folder === null,
    active: r.active === 1,
  };
}

/**
 * Beat model versions (migration 005) and the active one. Rows are never deleted: every
 * version that was trained stays on record with its data and metrics, rejected ones included.
 */
export class ModelsRepo {
  private readonly listStmt: Database.Statement<[], VersionDbRow>;
  private readonly getStmt: Database.Statement<[string], VersionDbRow>;
  private readonly insertStmt: Database.Statement;
  private readonly metricsStmt: Database.Statement<[string, string]>;
  private readonly activeStmt: Database.Statement<
    [],
    { version: string; folder: string | null; activated_at: string; activated_by: string }
  >;
  private readonly setActiveStmt: Database.Statement<[string, string, string]>;
  private readonly countStmt: Database.Statement<[string], { n: number }>;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare(`${SELECT} ORDER BY v.id`);
    this.getStmt = db.prepare(`${SELECT} WHERE v.version = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO model_versions (name, version, parent_version, folder, created_at,
         created_by, training_data, metrics, status, status_reason)
       VALUES (@name, @version, @parentVersion, @folder, @createdAt, @createdBy,
         @trainingData, @metrics, @status, @statusReason)`,
    );
    this.metricsStmt = db.prepare('UPDATE model_versions SET metrics = ? WHERE version = ?');
    this.activeStmt = db.prepare(
      `SELECT a.version, v.folder, a.activated_at, a.activated_by FROM active_model a
       JOIN model_versions v ON v.version = a.version WHERE a.singleton = 1`,
    );
    this.setActiveStmt = db.prepare(
      `INSERT INTO active_model (singleton, version, activated_at, activated_by)
       VALUES (1, ?, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET version = excluded.version,
         activated_at = excluded.activated_at, activated_by = excluded.activated_by`,
    );
    this.countStmt = db.prepare(
      "SELECT count(*) AS n FROM model_versions WHERE version LIKE ? ESCAPE '\\'",
    );
  }

  list(): ModelVersionInfo[] {
    return this.listStmt.all().map(toInfo);
  }

  get(version: string): ModelVersionInfo | null {
    const r = this.getStmt.get(version);
    return r ? toInfo(r) : null;
  }

  insert(v: NewModelVersion): ModelVersionInfo {
    this.insertStmt.run({
      ...v,
      createdAt: v.createdAt ?? nowIso(),
      trainingData: v.trainingData ? JSON.stringify(v.trainingData) : null,
      metrics: v.metrics ? JSON.stringify(v.metrics) : null,
    });
    return this.get(v.version)!;
  }

  /** Records the shipped model (folder NULL, available) once; returns its row. */
  ensureShipped(version: string, at?: string): ModelVersionInfo {
    return (
      this.get(version) ??
      this.insert({
        name: 'beat',
        version,
        parentVersion: null,
        folder: null,
        createdBy: 'shipped with ECG Desk',
        createdAt: at,
        trainingData: null,
        metrics: null,
        status: 'available',
        statusReason: 'shipped with the app (MODEL_CARD.md)',
      })
    );
  }

  setMetrics(version: string, metrics: ModelMetrics): void {
    this.metricsStmt.run(JSON.stringify(metrics), version);
  }

  /** The activated version, or null when none was (the shipped model is used). */
  active(): ActiveModel | null {
    const r = this.activeStmt.get();
    return r
      ? {
          version: r.version,
          folder: r.folder,
          activatedAt: r.activated_at,
          activatedBy: r.activated_by,
        }
      : null;
  }

  /** Sets the active version (no checks, no audit: see main/ml/finetune/activate.ts). */
  setActive(version: string, by: string, at: string = nowIso()): void {
    this.setActiveStmt.run(version, at, by);
  }

  /** How many versions start with `prefix` (e.g. "beat-ft@"), for the next site number. */
  countWithPrefix(prefix: string): number {
    return this.countStmt.get(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)!.n;
  }
}
