/**
 * Plain data shapes that cross the main/renderer boundary (IPC or the web host's HTTP).
 * Everything here is JSON-serialisable; no Node or DOM types.
 */

/** Formats the importer reads (main/formats: WFDB, the single-file clinical formats, EDF/BDF). */
export type RecordingFormat = 'wfdb' | 'hl7-aecg' | 'philips-xml' | 'scp-ecg' | 'dicom' | 'edf';

export interface LeadInfo {
  /** 0-based position of the lead in the recording. */
  index: number;
  /** Lead name as written in the file (e.g. "MLII", "V5", "i", "avr"). */
  name: string;
  /** Physical units as written in the file (e.g. "mV", "uV"). */
  units: string;
  /** ADC units per physical unit. */
  gain: number;
  /** Digital value that corresponds to 0 physical units. */
  baseline: number;
  /** Multiply physical values by this to get millivolts (1 for mV, 0.001 for uV); null if not a voltage. */
  toMillivolts: number | null;
}

export interface PatientRow {
  patientId: string;
  /** Identifier found in the source (e.g. record name or patient id in the header); may be empty. */
  externalId: string;
  displayName: string;
  sex: 'M' | 'F' | null;
  age: number | null;
  createdAt: string;
  recordingCount: number;
}

export interface RecordingSummary {
  recordingId: string;
  patientId: string;
  patientName: string;
  /** Source path relative to the import root, e.g. "mitdb/100.hea". */
  source: string;
  recordName: string;
  format: RecordingFormat;
  fs: number;
  leads: string[];
  samples: number;
  durationS: number;
  importedAt: string;
  annotationCount: number;
  /** Review workflow state (worklist filters). */
  reviewStatus: ReviewStatus;
  /** Model-labelled beats with confidence below LOW_CONFIDENCE (common/constants.ts). */
  uncertainBeats: number;
  /** Beats the adversarial probe flagged as fragile. */
  fragileBeats: number;
}

export interface RecordingDetail extends RecordingSummary {
  leadInfo: LeadInfo[];
  sha256: string;
  comments: string[];
  /** Annotation sources present, e.g. ["atr"]. */
  annotationSources: string[];
}

export interface ImportedRecording {
  recordingId: string;
  patientId: string;
  source: string;
  format: RecordingFormat;
  fs: number;
  leads: string[];
  samples: number;
  durationS: number;
  /** True when the same source bytes were already in the store; nothing new was written. */
  duplicate?: boolean;
}

export interface ImportError {
  source: string;
  message: string;
}

/** Exactly the JSON shape of `ecg-desk import --json` (../shared/CLI-CONTRACT.md). */
export interface ImportReport {
  imported: ImportedRecording[];
  errors: ImportError[];
}

/**
 * A window of signal for display. `step` > 1 means the window was reduced to at most
 * `maxPoints` columns; each column then carries the min and the max of its samples so that
 * QRS peaks survive the reduction.
 */
export interface SignalWindow {
  recordingId: string;
  fs: number;
  startSample: number;
  /** Exclusive. */
  endSample: number;
  /** Samples per column (1 = raw samples). */
  step: number;
  leads: {
    index: number;
    name: string;
    /** Values in millivolts (or physical units when not a voltage). Min per column when step > 1. */
    values: number[];
    /** Max per column when step > 1; absent when step == 1. */
    maxValues?: number[];
  }[];
}

export interface AnnotationRow {
  /** 0-based sample index in the recording's own rate. */
  sample: number;
  /** Annotation symbol as in the source (MIT-BIH symbols, e.g. "N", "V", "+"). */
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
  /** Where it came from, e.g. "atr" (file annotation). */
  source: string;
}

export interface AppInfo {
  version: string;
  /** "electron" or "web". */
  host: 'electron' | 'web';
  storePath: string;
  /** ML backend in use, null until a model runtime is started. */
  mlBackend: string | null;
}

// ---------------------------------------------------------------------------------------------
// Beat labels, review, audit trail, users (the annotator workflow).
// ---------------------------------------------------------------------------------------------

/** AAMI EC57 beat classes. */
export type BeatLabel = 'N' | 'S' | 'V' | 'F' | 'Q';

/** Who set a beat's current label: a model, a person, or the recording's reference annotations. */
export type BeatSource = 'model' | 'user' | 'reference';

export interface BeatRow {
  /** 0-based index of the beat's fiducial point in the recording's own rate. */
  sample: number;
  label: BeatLabel;
  source: BeatSource;
  /** The person who set the label (source "user"); null otherwise. */
  user: string | null;
  /** The model whose opinion the model* fields hold, e.g. "beat-full@1.0.0". */
  modelVersion: string | null;
  /** The model's label; kept when a person relabels the beat, so both stay visible. */
  modelLabel: BeatLabel | null;
  confidence: number | null;
  probs: Partial<Record<BeatLabel, number>> | null;
  /** Adversarial-sensitivity probe: null when the probe has not run on this beat. */
  fragile: boolean | null;
  flipEpsilon: number | null;
  updatedAt: string;
}

export interface BeatCounts {
  total: number;
  byLabel: Record<BeatLabel, number>;
  bySource: Record<BeatSource, number>;
}

/** One beat before and after an edit: `before` is null for an insert, `after` for a delete. */
export interface BeatChange {
  before: BeatRow | null;
  after: BeatRow | null;
}

/** What a label edit did. `auditId` is null (and `changes` empty) when nothing changed. */
export interface LabelChange {
  recordingId: string;
  action: string;
  changes: BeatChange[];
  auditId: number | null;
}

export interface SimilarBeat {
  sample: number;
  label: BeatLabel;
  /** Pearson correlation of the baseline-removed windows, in [-1, 1]. */
  correlation: number;
}

/** The beats a similar-beat relabel would change (nothing is written by a preview). */
export interface BulkPreview {
  recordingId: string;
  referenceSample: number;
  label: BeatLabel;
  threshold: number;
  lead: number;
  windowMs: number;
  /** Beats compared with the reference beat. */
  compared: number;
  /** Beats at or above the threshold, whatever their label. */
  similar: number;
  /** The similar beats whose label differs from `label`: what bulkApply would change. */
  candidates: SimilarBeat[];
}

export type ReviewStatus = 'unreviewed' | 'in_review' | 'signed';

export interface ReviewState {
  recordingId: string;
  status: ReviewStatus;
  startedBy: string | null;
  startedAt: string | null;
  signedBy: string | null;
  signedAt: string | null;
  /** The meaning of the signature, e.g. "Reviewed and approved". */
  meaning: string | null;
  updatedAt: string | null;
}

export interface AuditEntryRow {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

export interface AuditVerifyResult {
  entries: number;
  ok: boolean;
  /** Id of the first entry that is modified, missing or out of order; null when ok. */
  firstBadEntry: number | null;
  /** What is wrong, for people; null when ok. */
  problem: string | null;
}

export type UserRole = 'admin' | 'cardiologist' | 'annotator';

export interface UserInfo {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  /** Set while the account is locked out after repeated failed sign-ins. */
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AuthStatus {
  /** No account exists yet: the app must ask for the first administrator. */
  firstRun: boolean;
  /** The session's user, when a valid session token was given. */
  user: UserInfo | null;
  sessionExpiresAt: string | null;
}

export interface SessionInfo {
  sessionToken: string;
  expiresAt: string;
  user: UserInfo;
}

/** What importing a recording's reference annotations as beats did. */
export interface ReferenceSeedResult {
  recordingId: string;
  /** The annotation source, e.g. "atr". */
  source: string;
  inserted: number;
  /** Reference beats not inserted because the recording already had a beat there. */
  existing: number;
  /** Beat annotations with no AAMI class (B, r, n, ?). */
  unclassified: number;
  auditId: number | null;
}

/** Clinical measurements of a recording (null where they cannot be made). */
export interface MeasurementsSummary {
  heartRateBpm: number | null;
  rrMs: number | null;
  prMs: number | null;
  qrsMs: number | null;
  qtMs: number | null;
  /** QTc by Bazett; the formula is in `qtcFormula`. */
  qtcMs: number | null;
  qtcFormula: string;
  qtcFridericiaMs: number | null;
  qtcFridericiaFormula: string;
  axisDeg: number | null;
}

export type RhythmCodeName = 'SR' | 'SB' | 'ST' | 'AF' | 'UNCLASSIFIED';

export interface RhythmEpisodeSummary {
  code: RhythmCodeName;
  label: string;
  startSample: number;
  endSample: number;
  beatCount: number;
  heartRateBpm: number | null;
  evidence: {
    rrIrregularity: number | null;
    pWaveFraction: number;
    prMs: number | null;
    prSdMs: number | null;
  };
}

export interface RhythmSummary {
  dominant: RhythmCodeName;
  label: string;
  episodes: RhythmEpisodeSummary[];
}

/** The newest automatic analysis of a recording (beats are in `beats.list`). */
/** Ribeiro et al. 2020's six abnormalities, then the PTB-XL diagnostic superclasses. */
export type FindingCode =
  '1dAVb' | 'RBBB' | 'LBBB' | 'SB' | 'AF' | 'ST' | 'NORM' | 'MI' | 'STTC' | 'CD' | 'HYP';

export interface FindingView {
  code: FindingCode;
  probability: number;
  /** The calibrated decision threshold (chosen on PTB-XL validation data, never the test fold). */
  threshold: number;
  present: boolean;
  /** What decided `present`: the record model, a measurement rule, or both combined. */
  source: 'model' | 'rule' | 'combined';
  evidence: {
    modelProbability: number | null;
    /** The rule that fired or was checked, in words; null when no rule applies to the code. */
    rule: string | null;
    measurements: Record<string, number | null>;
  };
}

/** Record-level findings of one analysis run. */
export interface FindingsSummary {
  /** e.g. "record-12lead@1.0.0"; null when only rules ran. */
  recordModel: string | null;
  /** Every code, on every recording with 12 leads; [] otherwise (see unavailableReason). */
  findings: FindingView[];
  leadsUsed: string[];
  /** 10-s windows the model saw (aggregated for longer recordings). */
  windows: number;
  ms: number;
  unavailableReason: string | null;
}

export interface AnalysisSummary {
  recordingId: string;
  createdAt: string;
  analysedLead: string;
  beatCount: number;
  /** e.g. "beat-full@1.0.0"; null when no beat model was available. */
  beatModel: string | null;
  mlBackend: string | null;
  measurements: MeasurementsSummary;
  rhythm: RhythmSummary;
  /** Null for analyses stored before findings existed. */
  findings: FindingsSummary | null;
  runtime: {
    ms: Record<string, number>;
    /** Beats classified per second in this run (absent in analyses stored before it existed). */
    beatsPerSec?: number | null;
    /** What the Full / Pruned / Auto setting resolved to on this machine, and why. */
    modelChoice?: {
      setting: 'full' | 'pruned' | 'auto';
      model: 'full' | 'pruned';
      reason: string;
    } | null;
  };
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A background job (analysis, probe, training) as the renderer sees it. */
export interface JobStatus {
  jobId: string;
  kind: string;
  recordingId: string | null;
  state: JobState;
  /** 0..1 */
  progress: number;
  message: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/**
 * How a probe perturbs the beat: PGD or SPSA in the L∞ ball (ε on the beat scaled to [0, 1]),
 * or PGD in the L2 ball with ε a noise-to-signal ratio ('pgd-nsr'; main/ml/probe/epsilon.ts).
 */
export type ProbeKind = 'pgd' | 'spsa' | 'pgd-nsr';

/** One adversarial-sensitivity probe of a whole recording. */
export interface ProbeRunSummary {
  recordingId: string;
  createdAt: string;
  modelVersion: string;
  method: ProbeKind;
  params: Record<string, unknown>;
  fragileThreshold: number;
  beats: number;
  fragile: number;
  seconds: number;
}

/** One beat probed on demand: the verdict plus the waveforms the beat detail overlays. */
export interface BeatProbeView {
  sample: number;
  method: ProbeKind;
  modelVersion: string;
  lead: string;
  /** The model's label of the unperturbed beat. */
  label: string;
  flipEpsilon: number | null;
  fragile: boolean;
  fragileThreshold: number;
  flippedTo: string | null;
  /**
   * flipEpsilon in the signal's units (mV): the largest sample change that flips the label
   * ('max', L∞ methods) or the change's RMS over the window ('rms', pgd-nsr).
   */
  flipAmplitude: number | null;
  flipAmplitudeKind: 'max' | 'rms';
  /** The model's input window (filtered, resampled), mV, isoelectric level at 0. */
  original: number[];
  adversarial: number[] | null;
  sampleRateHz: number;
  fiducialIndex: number;
  ms: number;
}

/** The probe of one finding's decision (record model). */
export interface FindingProbeView {
  code: FindingView['code'];
  /** Smallest decision-flipping L∞ change of the 12-lead window scaled to [0, 1]; null: none. */
  flipEpsilon: number | null;
  fragile: boolean;
  /** probed | rule-only (the model did not decide) | rule-decides (the rule fixes it). */
  status: 'probed' | 'rule-only' | 'rule-decides';
  flipAmplitudeMv: number | null;
}

export interface FindingsProbeView {
  recordModel: string;
  fragileThreshold: number;
  findings: FindingProbeView[];
  ms: number;
}

/** A beat model version's lifecycle: only "available" versions may be activated. */
export type ModelVersionStatus = 'candidate' | 'rejected' | 'available';

/** Per-class EC57 statistics (null where undefined, e.g. no beats of the class). */
export interface ModelClassMetrics {
  se: number | null;
  ppv: number | null;
  f1: number | null;
  support: number;
}

/** One model on one beat set: accuracy over N S V F, macro-F1 over the classes present. */
export interface ModelEvalSummary {
  beats: number;
  accuracy: number | null;
  macroF1: number | null;
  perClass: Record<string, ModelClassMetrics>;
  /** Rows reference, columns predicted, N S V F Q order. */
  confusion: number[][];
}

/** The parent ("base") and the new model on the same beats; deltas are tuned − base. */
export interface ModelComparison {
  base: ModelEvalSummary;
  tuned: ModelEvalSummary;
  accuracyDelta: number | null;
  macroF1Delta: number | null;
}

export interface ModelMetrics {
  /** MIT-BIH DS2 at reference beat positions; null when the database was not available. */
  ds2: (ModelComparison & { records: string[]; excludedRecords: string[] }) | null;
  ds2Note: string | null;
  /** The held-out corrected recordings (their current labels); null when none was held out. */
  heldOut: (ModelComparison & { recordingIds: string[] }) | null;
  heldOutNote: string | null;
  training: {
    epochs: number;
    beats: number;
    samplesPerSec: number;
    seconds: number;
    finalLoss: number;
    learningRate: number;
    frozenLayers: string[];
    seed: number;
  } | null;
}

export interface ModelTrainingData {
  recordingIds: string[];
  heldOutRecordingIds: string[];
  /** Beats used for fine-tuning (before the cap), per class. */
  beatsByClass: Record<string, number>;
  /** Of those, beats whose label a person set (weighted higher). */
  userBeats: number;
  signedBy: string[];
}

export interface ModelVersionInfo {
  version: string;
  name: string;
  parentVersion: string | null;
  /** Folder of the weights; null for the model shipped with the app. */
  folder: string | null;
  createdAt: string;
  createdBy: string;
  trainingData: ModelTrainingData | null;
  metrics: ModelMetrics | null;
  status: ModelVersionStatus;
  statusReason: string | null;
  shipped: boolean;
  active: boolean;
}

/** The Full / Pruned / Auto setting and what it means on this machine. */
export interface AnalysisModelInfo {
  setting: 'full' | 'pruned' | 'auto';
  /** The model later analyses will use; null when none is installed. */
  model: 'full' | 'pruned' | null;
  reason: string;
  installed: { full: boolean; pruned: boolean };
  machine: { cores: number; memoryGb: number; onBattery: boolean | null };
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface ModelsOverview {
  versions: ModelVersionInfo[];
  analysisModel: AnalysisModelInfo;
  /** The version the analysis uses now (the shipped one when none was activated). */
  activeVersion: string | null;
  shippedVersion: string | null;
}
