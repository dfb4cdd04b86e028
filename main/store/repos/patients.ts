import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PatientRow } from '@common/types';
import { containsPattern, nowIso } from '../sql-util';
import type { NewPatient } from '../types';

interface PatientDbRow {
  id: string;
  external_id: string;
  display_name: string;
  sex: 'M' | 'F' | null;
  age: number | null;
  created_at: string;
  recording_count: number;
}

const SELECT = `
  SELECT p.id, p.external_id, p.display_name, p.sex, p.age, p.created_at,
         (SELECT count(*) FROM recordings r WHERE r.patient_id = p.id) AS recording_count
  FROM patients p`;

function toRow(r: PatientDbRow): PatientRow {
  return {
    patientId: r.id,
    externalId: r.external_id,
    displayName: r.display_name,
    sex: r.sex,
    age: r.age,
    createdAt: r.created_at,
    recordingCount: r.recording_count,
  };
}

export class PatientsRepo {
  private readonly byId: Database.Statement<[string], PatientDbRow>;
  private readonly byExternalId: Database.Statement<[string], PatientDbRow>;
  private readonly all: Database.Statement<[], PatientDbRow>;
  private readonly matching: Database.Statement<{ pattern: string }, PatientDbRow>;
  private readonly insertStmt: Database.Statement<
    [string, string, string, string | null, number | null, string]
  >;

  constructor(db: Database.Database) {
    const order = ' ORDER BY p.display_name COLLATE NOCASE, p.id';
    this.byId = db.prepare(`${SELECT} WHERE p.id = ?`);
    this.byExternalId = db.prepare(`${SELECT} WHERE p.external_id = ? AND p.external_id <> ''`);
    this.all = db.prepare(SELECT + order);
    this.matching = db.prepare(
      `${SELECT} WHERE p.display_name LIKE :pattern ESCAPE '\\'
                    OR p.external_id LIKE :pattern ESCAPE '\\'${order}`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO patients (id, external_id, display_name, sex, age, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  list(search?: string): PatientRow[] {
    const q = search?.trim() ?? '';
    const rows = q === '' ? this.all.all() : this.matching.all({ pattern: containsPattern(q) });
    return rows.map(toRow);
  }

  get(patientId: string): PatientRow | null {
    const r = this.byId.get(patientId);
    return r ? toRow(r) : null;
  }

  findByExternalId(externalId: string): PatientRow | null {
    const r = this.byExternalId.get(externalId);
    return r ? toRow(r) : null;
  }

  create(p: NewPatient): PatientRow {
    const id = randomUUID();
    this.insertStmt.run(id, p.externalId, p.displayName, p.sex, p.age, nowIso());
    const row = this.get(id);
    if (!row) throw new Error(`patient ${id} vanished after insert`);
    return row;
  }
}
