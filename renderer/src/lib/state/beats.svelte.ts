/**
 * The beats of one open recording: loading (the visible stretch first, then the rest in the
 * background for the heart-rate trend and local navigation), selection, navigation filters,
 * counts, and the label editor with optimistic updates and undo/redo.
 *
 * Edits are applied to the local copy at once (the marker repaints in the same frame) and then
 * sent to the host one after another, in order. The host's answer replaces the local guess;
 * a refusal puts the beats back as they were and says why. Undo and redo are inverse edits
 * through the same API, so every one of them is audited.
 */
import type { BeatCounts, BeatLabel, BeatRow, LabelChange } from '@common/types';
import { call, errorMessage } from '../api';
import { BeatIndex } from '../annotate/beatIndex';
import {
  applyLocal,
  describe,
  editProblem,
  inverseOf,
  touched,
  type Edit,
} from '../annotate/edits';
import { LOW_CONFIDENCE, isLowConfidence } from '../ecg/beats';

/** Seconds of beats per request. */
const BLOCK_SECONDS = 300;
/** Undo steps kept. */
const MAX_UNDO = 200;

export interface NavFilter {
  /** Step through beats of this class (null: any class). */
  label: BeatLabel | null;
  /** Only beats the model is unsure of and no person confirmed. */
  lowConfidence: boolean;
  /** Only beats the adversarial probe found fragile. */
  fragile: boolean;
}

/** Who may edit, and as whom; supplied by the view (session and review state). */
export interface EditGate {
  /** Why editing is not possible now, or null when it is. */
  problem(): string | null;
  auth(): { sessionToken?: string };
  /** The name the host will record (for the optimistic copy). */
  user(): string;
  /** The host refused an edit (e.g. the session ended): let the session find out. */
  refused?(err: unknown): void;
}

export interface UndoEntry {
  text: string;
  forward: Edit[];
  inverse: Edit[];
}

export interface EditNotice {
  kind: 'error' | 'info';
  text: string;
  /** Increases with every notice, so the same text shows again. */
  seq: number;
}

function matches(f: NavFilter, b: BeatRow): boolean {
  if (f.label !== null && b.label !== f.label) return false;
  if (f.lowConfidence && !isLowConfidence(b)) return false;
  if (f.fragile && b.fragile !== true) return false;
  return true;
}

export class BeatState {
  readonly recordingId: string;
  readonly fs: number;
  readonly samples: number;
  private readonly gate: EditGate;
  private readonly index = new BeatIndex();
  private readonly blockSamples: number;
  private readonly blockCount: number;
  // Plain collections on purpose: templates see changes through `version`, bumped once per
  // batch of changes, rather than through per-element reactivity.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loaded = new Set<number>();
  /** Blocks still to load, most wanted first. */
  private order: number[] = [];
  private pumping = false;
  /** Samples with an edit on its way to the host: a block arriving late must not undo it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly pendingSamples = new Map<number, number>();
  private generation = 0;
  private chain: Promise<void> = Promise.resolve();
  private noticeSeq = 0;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  /** Bumped when beats change; read it in derived values. */
  version = $state(0);
  /** Bumped only when beats are added or removed (a relabel leaves positions alone). */
  private positionsVersion = $state(0);
  /** Every block is loaded (local navigation and the complete HR trend). */
  complete = $state(false);
  loadError = $state<string | null>(null);

  selected = $state<number | null>(null);
  /** Extra beats selected with a drag or shift-click (includes `selected` when non-empty). */
  multi = $state<number[]>([]);
  filter = $state<NavFilter>({ label: null, lowConfidence: false, fragile: false });
  counts = $state<BeatCounts | null>(null);

  /** Edits sent and not yet confirmed. */
  inFlight = $state(0);
  undoStack = $state<UndoEntry[]>([]);
  redoStack = $state<UndoEntry[]>([]);
  notice = $state<EditNotice | null>(null);

  constructor(opts: { recordingId: string; fs: number; samples: number; gate: EditGate }) {
    this.recordingId = opts.recordingId;
    this.fs = opts.fs;
    this.samples = opts.samples;
    this.gate = opts.gate;
    this.blockSamples = Math.max(1, Math.round(BLOCK_SECONDS * opts.fs));
    this.blockCount = Math.max(1, Math.ceil(opts.samples / this.blockSamples));
  }

  // ---- loading -------------------------------------------------------------------------------

  /**
   * Loads the blocks of [start, end) first, then every other block in the background, one
   * request at a time (dragging the view only reorders what is still to load).
   */
  request(start: number, end: number): void {
    if (this.disposed) return;
    const first = Math.floor(Math.max(0, start) / this.blockSamples);
    const last = Math.min(
      this.blockCount - 1,
      Math.floor(Math.max(0, end - 1) / this.blockSamples),
    );
    const order: number[] = [];
    for (let b = first; b <= last; b++) order.push(b);
    // Then outwards from the view.
    for (let d = 1; first - d >= 0 || last + d < this.blockCount; d++) {
      if (last + d < this.blockCount) order.push(last + d);
      if (first - d >= 0) order.push(first - d);
    }
    this.order = order;
    if (!this.pumping) void this.pump();
  }

  /** Forgets everything and loads again (after an analysis replaced the model's beats). */
  reload(start: number, end: number): void {
    this.generation++;
    this.loaded.clear();
    // Edits on their way keep their local rows; the host's answer will replace them.
    const pending = [...this.pendingSamples.keys()].flatMap((s) => this.index.get(s) ?? []);
    this.index.clear();
    for (const r of pending) this.index.put(r);
    this.complete = false;
    this.changed();
    this.request(start, end);
    void this.refreshCounts();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (;;) {
        if (this.disposed) return;
        const b = this.order.find((x) => !this.loaded.has(x));
        if (b === undefined) return;
        // A failed block stops the loading; the next request (any pan) tries again.
        if (!(await this.loadBlock(b, this.generation))) return;
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Loads one block; false when it failed. An answer for an older generation is dropped. */
  private async loadBlock(b: number, generation: number): Promise<boolean> {
    const startSample = b * this.blockSamples;
    const endSample = Math.min(this.samples, startSample + this.blockSamples);
    let rows: BeatRow[];
    try {
      rows = await call('beats.list', { recordingId: this.recordingId, startSample, endSample });
    } catch (err) {
      if (generation === this.generation) this.loadError = errorMessage(err);
      return generation !== this.generation;
    }
    if (generation !== this.generation || this.disposed) return true;
    for (const r of this.index.range(startSample, endSample)) {
      if (!this.pendingSamples.has(r.sample)) this.index.remove(r.sample);
    }
    for (const r of rows) if (!this.pendingSamples.has(r.sample)) this.index.put(r);
    this.loaded.add(b);
    this.loadError = null;
    this.complete = this.loaded.size === this.blockCount;
    this.changed();
    return true;
  }

  /** True when the beats of [start, end) are loaded. */
  isLoaded(start: number, end: number): boolean {
    void this.version;
    const first = Math.floor(Math.max(0, start) / this.blockSamples);
    const last = Math.min(
      this.blockCount - 1,
      Math.floor(Math.max(0, end - 1) / this.blockSamples),
    );
    for (let b = first; b <= last; b++) if (!this.loaded.has(b)) return false;
    return true;
  }

  async refreshCounts(): Promise<void> {
    try {
      const c = await call('beats.counts', { recordingId: this.recordingId });
      if (!this.disposed) this.counts = c;
    } catch {
      /* counts are a convenience; the beats themselves show */
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Beats with start <= sample < end (reactive through `version`). */
  range(start: number, end: number): BeatRow[] {
    void this.version;
    return this.index.range(start, end);
  }

  get(sample: number | null): BeatRow | null {
    void this.version;
    return sample === null ? null : (this.index.get(sample) ?? null);
  }

  /** Every loaded beat's sample, ascending (changes only when beats come or go). */
  allSamples(): number[] {
    void this.positionsVersion;
    return this.index.samples();
  }

  /** Call after changing the index: repaints, and tells position readers when they moved. */
  private changed(): void {
    this.version++;
    if (this.positionsVersion !== this.index.positions)
      this.positionsVersion = this.index.positions;
  }

  nearest(sample: number, maxDist: number): BeatRow | null {
    void this.version;
    return this.index.nearest(sample, maxDist);
  }

  isPending(sample: number): boolean {
    void this.version;
    return this.pendingSamples.has(sample);
  }

  // ---- selection and navigation --------------------------------------------------------------

  select(sample: number | null, additive = false): void {
    if (additive && sample !== null) {
      // A scratch set: `multi` is replaced as a whole below.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const set = new Set(
        this.multi.length > 0 ? this.multi : this.selected !== null ? [this.selected] : [],
      );
      if (set.has(sample)) set.delete(sample);
      else set.add(sample);
      this.multi = set.size > 1 ? [...set].sort((a, b) => a - b) : [];
      this.selected = set.has(sample) ? sample : ([...set][0] ?? null);
      return;
    }
    this.selected = sample;
    this.multi = [];
  }

  /** Selects every beat in [start, end] (drag over the beat track). */
  selectRange(start: number, end: number): void {
    const rows = this.range(Math.min(start, end), Math.max(start, end) + 1);
    if (rows.length === 0) return;
    this.selected = rows[0].sample;
    this.multi = rows.length > 1 ? rows.map((r) => r.sample) : [];
  }

  /** The beats an edit applies to: the multi-selection, else the selected beat. */
  targets(): number[] {
    if (this.multi.length > 0) return this.multi;
    return this.selected !== null ? [this.selected] : [];
  }

  setFilter(patch: Partial<NavFilter>): void {
    this.filter = { ...this.filter, ...patch };
  }

  /** The filter as `beats.find` options. */
  private findOptions() {
    const f = this.filter;
    return {
      ...(f.label ? { label: f.label } : {}),
      ...(f.lowConfidence ? { maxConfidence: LOW_CONFIDENCE, unconfirmedOnly: true } : {}),
      ...(f.fragile ? { fragile: true } : {}),
    };
  }

  /**
   * The next (or previous) beat after `from` matching the filter (`any` ignores it): from the
   * local copy when it is complete, otherwise asked of the host.
   */
  async find(from: number, direction: 'next' | 'previous', any = false): Promise<BeatRow | null> {
    const f = any ? { label: null, lowConfidence: false, fragile: false } : this.filter;
    const local = this.index.step(from, direction, (b) => matches(f, b));
    if (this.complete) return local;
    // A local answer counts only when everything between `from` and it is loaded.
    if (local && this.isLoaded(Math.min(from, local.sample), Math.max(from, local.sample) + 1)) {
      return local;
    }
    if (any) {
      // Adjacent beats are almost always loaded; otherwise ask the host.
      return call('beats.find', { recordingId: this.recordingId, fromSample: from, direction });
    }
    // The host's filter is a little wider than ours (it also returns reference beats with a low
    // model confidence): skip those.
    let at = from;
    for (let i = 0; i < 50; i++) {
      const b = await call('beats.find', {
        recordingId: this.recordingId,
        fromSample: at,
        direction,
        ...this.findOptions(),
      });
      if (!b || matches(f, b)) return b;
      at = b.sample;
    }
    return null;
  }

  // ---- editing -------------------------------------------------------------------------------

  private say(kind: EditNotice['kind'], text: string): void {
    this.notice = { kind, text, seq: ++this.noticeSeq };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  /** Why editing is refused now (and says so), or null. */
  refusal(): string | null {
    const p = this.gate.problem();
    if (p) this.say('info', p);
    return p;
  }

  /**
   * Makes an edit (or several on different beats, undone together): applied locally now, sent
   * to the host in order, undoable. Returns false when refused before anything happened.
   */
  edit(e: Edit | Edit[], opts: { text?: string } = {}): boolean {
    const edits = Array.isArray(e) ? e : [e];
    if (edits.length === 0 || this.refusal()) return false;
    for (const x of edits) {
      const problem = editProblem(this.index, x);
      if (problem) {
        this.say('error', problem);
        return false;
      }
    }
    // The edits touch different beats, so each inverse can be taken from the current copy.
    const inverse = edits.flatMap((x) => inverseOf(this.index, x)).reverse();
    const text =
      opts.text ?? (edits.length === 1 ? describe(edits[0], this.fs) : `${edits.length} edits`);
    const entry: UndoEntry = { text, forward: edits, inverse };
    this.run(edits, entry, 'undo');
    this.redoStack = [];
    return true;
  }

  /** Undoes the newest edit; returns the beat it touched last (to show it), or null. */
  undo(): number | null {
    const entry = this.undoStack.at(-1);
    if (!entry) {
      this.say('info', 'Nothing to undo.');
      return null;
    }
    if (this.refusal()) return null;
    this.undoStack = this.undoStack.slice(0, -1);
    this.run(entry.inverse, entry, 'redo', `Undo: ${entry.text}`);
    return this.shownAfter(entry.inverse);
  }

  /** Redoes the newest undone edit; returns the beat it touched last, or null. */
  redo(): number | null {
    const entry = this.redoStack.at(-1);
    if (!entry) {
      this.say('info', 'Nothing to redo.');
      return null;
    }
    if (this.refusal()) return null;
    this.redoStack = this.redoStack.slice(0, -1);
    this.run(entry.forward, entry, 'undo', `Redo: ${entry.text}`);
    return this.shownAfter(entry.forward);
  }

  /** The beat to show after `edits`: where the last one leaves a beat, if it does. */
  private shownAfter(edits: Edit[]): number | null {
    const last = edits.at(-1);
    if (!last) return null;
    const s = last.kind === 'move' ? last.to : touched(last)[0];
    return this.index.get(s) ? s : null;
  }

  /**
   * Applies `edits` locally, then sends them. When confirmed, `entry` goes onto the `to` stack
   * (undo or redo); when refused, the local copy is restored and `entry` is dropped.
   */
  private run(edits: Edit[], entry: UndoEntry, to: 'undo' | 'redo', reason?: string): void {
    // The beats as they were, to put back if the host refuses (not reactive state).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const snapshot = new Map<number, BeatRow | null>();
    for (const e of edits) {
      for (const s of touched(e)) if (!snapshot.has(s)) snapshot.set(s, this.index.get(s) ?? null);
    }
    const user = this.gate.user();
    for (const e of edits) applyLocal(this.index, e, user);
    for (const s of snapshot.keys())
      this.pendingSamples.set(s, (this.pendingSamples.get(s) ?? 0) + 1);
    this.adjustCounts(snapshot);
    // Push at once so undo right after a key press works; removed again if the host refuses.
    if (to === 'undo') this.undoStack = [...this.undoStack, entry].slice(-MAX_UNDO);
    else this.redoStack = [...this.redoStack, entry];
    this.changed();
    this.inFlight++;
    const auth = this.gate.auth();
    this.chain = this.chain.then(async () => {
      try {
        for (const e of edits) this.confirm(await this.send(e, auth, reason));
      } catch (err) {
        for (const [s, row] of snapshot) {
          this.index.remove(s);
          if (row) this.index.put(row);
        }
        if (to === 'undo') this.undoStack = this.undoStack.filter((x) => x !== entry);
        else this.redoStack = this.redoStack.filter((x) => x !== entry);
        this.say('error', `Not saved: ${errorMessage(err)}`);
        this.gate.refused?.(err);
        void this.refreshCounts();
      } finally {
        for (const s of snapshot.keys()) {
          const n = (this.pendingSamples.get(s) ?? 1) - 1;
          if (n <= 0) this.pendingSamples.delete(s);
          else this.pendingSamples.set(s, n);
        }
        this.inFlight--;
        this.changed();
        this.scheduleCounts();
      }
    });
  }

  private send(e: Edit, auth: { sessionToken?: string }, reason?: string): Promise<LabelChange> {
    const base = { recordingId: this.recordingId, ...auth, ...(reason ? { reason } : {}) };
    switch (e.kind) {
      case 'set':
        return call('labels.set', { ...base, sample: e.sample, label: e.label });
      case 'delete':
        return call('labels.delete', { ...base, sample: e.sample });
      case 'move':
        return call('labels.move', { ...base, fromSample: e.from, toSample: e.to });
      case 'bulk':
        return call('labels.bulkApply', {
          ...base,
          samples: e.samples,
          label: e.label,
          ...(e.basis ? { basis: e.basis } : {}),
        });
    }
  }

  /** The host's rows replace the optimistic ones. */
  private confirm(change: LabelChange): void {
    for (const c of change.changes) {
      if (c.before && (!c.after || c.after.sample !== c.before.sample)) {
        this.index.remove(c.before.sample);
      }
      if (c.after) this.index.put(c.after);
    }
  }

  private adjustCounts(snapshot: Map<number, BeatRow | null>): void {
    const c = this.counts;
    if (!c) return;
    const byLabel = { ...c.byLabel };
    const bySource = { ...c.bySource };
    let total = c.total;
    for (const [s, before] of snapshot) {
      if (before) {
        byLabel[before.label]--;
        bySource[before.source]--;
        total--;
      }
      const after = this.index.get(s);
      if (after) {
        byLabel[after.label]++;
        bySource[after.source]++;
        total++;
      }
    }
    this.counts = { total, byLabel, bySource };
  }

  private scheduleCounts(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      if (this.inFlight === 0) void this.refreshCounts();
    }, 600);
  }

  /** Resolves when every edit sent so far has been answered. */
  settled(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.countsTimer);
  }
}
