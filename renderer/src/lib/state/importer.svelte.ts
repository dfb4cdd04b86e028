/**
 * Importing recordings. Electron: native dialog or dropped files → `recordings.importPaths`.
 * Browser: picked or dropped files are read and uploaded as base64 → `recordings.importFiles`.
 * A WFDB record is several files (.hea + .dat, + .atr …); the files of one record always travel
 * in the same request.
 */
import type { ImportReport } from '@common/types';
import { call, desktopBridge, errorMessage } from '../api';
import { batchFiles } from '../importBatches';
import { library } from './library.svelte';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () =>
      reject(new Error(`Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

function mergeReports(reports: ImportReport[]): ImportReport {
  return {
    imported: reports.flatMap((r) => r.imported),
    errors: reports.flatMap((r) => r.errors),
  };
}

class ImportState {
  busy = $state(false);
  /** Progress text while busy. */
  progress = $state('');
  report = $state<ImportReport | null>(null);
  /** A failure of the import call itself (as opposed to per-file errors in the report). */
  error = $state<string | null>(null);

  dismiss(): void {
    this.report = null;
    this.error = null;
  }

  /** Electron: native open dialog. */
  async pickAndImport(): Promise<void> {
    const bridge = desktopBridge();
    if (!bridge) return;
    let paths: string[];
    try {
      paths = await bridge.pickFiles();
    } catch (err) {
      this.error = errorMessage(err);
      return;
    }
    if (paths.length > 0) await this.importPaths(paths);
  }

  /** Electron: files the main process can read. */
  async importPaths(paths: string[]): Promise<void> {
    await this.run(`Importing ${paths.length} item${paths.length === 1 ? '' : 's'}…`, async () => [
      await call('recordings.importPaths', { paths }),
    ]);
  }

  /** Dropped files: by path in Electron, uploaded in the browser. */
  async importDropped(files: File[]): Promise<void> {
    const bridge = desktopBridge();
    if (bridge) {
      const paths = files.map((f) => bridge.pathForFile(f)).filter((p) => p);
      if (paths.length === 0) {
        this.error = 'The dropped items have no file path; use the Import button instead.';
        return;
      }
      await this.importPaths(paths);
    } else {
      await this.importFiles(files);
    }
  }

  /** Browser: upload the bytes. */
  async importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const batches = batchFiles(files);
    await this.run(`Reading ${files.length} file${files.length === 1 ? '' : 's'}…`, async () => {
      const reports: ImportReport[] = [];
      let done = 0;
      for (const batch of batches) {
        const payload = [];
        for (const f of batch) payload.push({ name: f.name, dataBase64: await readBase64(f) });
        this.progress = `Importing ${done + batch.length} of ${files.length} files…`;
        reports.push(await call('recordings.importFiles', { files: payload }));
        done += batch.length;
      }
      return reports;
    });
  }

  private async run(label: string, work: () => Promise<ImportReport[]>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.progress = label;
    this.error = null;
    this.report = null;
    try {
      const report = mergeReports(await work());
      this.report = report;
      await library.refresh();
      const first = report.imported[0];
      if (first) library.select(first.recordingId);
    } catch (err) {
      this.error = errorMessage(err);
      // Earlier batches may have been imported before the failure.
      await library.refresh();
    } finally {
      this.busy = false;
      this.progress = '';
    }
  }
}

export const importer = new ImportState();
