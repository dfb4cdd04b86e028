import type { ImportReport } from '@common/types';
import type { SampleType } from '../store/types';

/** Files uploaded together (browser mode): imported as if they were one folder. */
export interface UploadedFiles {
  files: Map<string, Uint8Array>;
}

/** A path (file or folder, searched recursively) or a set of uploaded files. */
export type ImportInput = string | UploadedFiles;

export type ImportOutcome = 'imported' | 'duplicate' | 'failed';

export type ImportProgress =
  | { phase: 'found'; total: number }
  | {
      phase: 'recording';
      /** Recordings finished so far, this one included. */
      done: number;
      total: number;
      source: string;
      outcome: ImportOutcome;
      /** Source bytes of the recording (all its files); 0 when it failed before reading. */
      bytes: number;
      samples: number;
    };

export interface ImportOptions {
  /**
   * Folder relative input paths are resolved against, and that sources are shown relative
   * to (the CLI passes process.cwd()). Without it absolute paths are shown from their parent
   * folder ("mitdb/100.hea").
   */
  cwd?: string;
  /** Audit user (default: the OS user name, else "cli"). */
  user?: string;
  /** Samples per stored chunk (default 8192). */
  chunkLen?: number;
  /** Force a sample type for every lead (benchmarks); by default int16 when it fits. */
  sampleType?: SampleType;
  onProgress?: (progress: ImportProgress) => void;
}

/** What the API handlers call to import: in-process (CLI, tests) or in a worker (the app). */
export type ImportRunner = (
  inputs: ImportInput[],
  onProgress?: (progress: ImportProgress) => void,
) => Promise<ImportReport>;
