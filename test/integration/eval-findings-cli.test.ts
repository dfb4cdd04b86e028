import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runEvalFindings } from '../../main/cli/commands/eval-findings';
import { recordModelDir } from '../../main/findings/service';
import { fakeIO } from '../helpers/cli-io';
import { describeWithData } from '../helpers/data';

interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/**
 * `ecg-desk eval findings --split test --json` on PTB-XL fold 10 with the shipped record model:
 * every method, every code with counts that add up, F1/Se/Sp/AUC inside their confidence
 * intervals, and macro averages. (Few bootstrap replicates: this checks the report, the model
 * card has the full run.)
 */
describeWithData('ptbxl', 'eval findings (PTB-XL fold 10)', () => {
  it.runIf(existsSync(join(recordModelDir(), 'model.json')))(
    'prints per-code and macro figures with confidence intervals for model, rules and combined',
    async () => {
      const io = fakeIO();
      expect(await runEvalFindings(['--split', 'test', '--bootstrap', '50', '--json'], io)).toBe(0);
      const doc = JSON.parse(io.stdout) as {
        split: string;
        model: string;
        n: number;
        methods: {
          method: string;
          codes: (Record<'f1' | 'se' | 'sp' | 'auc', Interval> & {
            code: string;
            n: number;
            tp: number;
            fp: number;
            fn: number;
            tn: number;
            positives: number;
          })[];
          macro: Record<'ribeiroF1' | 'ribeiroAuc' | 'superF1' | 'superAuc', Interval>;
        }[];
      };
      expect(doc.split).toBe('test');
      expect(doc.model).toMatch(/^record-12lead@/);
      expect(doc.n).toBeGreaterThan(100); // fold 10 of ecg_id 1–1999
      expect(doc.methods.map((m) => m.method)).toEqual(['model', 'rules', 'combined']);
      const inside = (i: Interval) => {
        if (!Number.isFinite(i.value)) return;
        expect(i.lo).toBeLessThanOrEqual(i.value + 1e-9);
        expect(i.hi).toBeGreaterThanOrEqual(i.value - 1e-9);
      };
      for (const m of doc.methods) {
        expect(m.codes.length).toBeGreaterThan(0);
        for (const c of m.codes) {
          expect(c.tp + c.fp + c.fn + c.tn).toBe(c.n);
          expect(c.tp + c.fn).toBe(c.positives);
          for (const k of ['f1', 'se', 'sp', 'auc'] as const) inside(c[k]);
          if (c.tp + c.fn > 0) expect(c.se.value).toBeCloseTo(c.tp / (c.tp + c.fn), 6);
        }
        inside(m.macro.ribeiroF1);
      }
      const codes = (m: string) =>
        doc.methods.find((x) => x.method === m)!.codes.map((c) => c.code);
      expect(codes('combined')).toEqual(
        expect.arrayContaining(['1dAVb', 'RBBB', 'LBBB', 'SB', 'AF', 'ST']),
      );
      expect(codes('model')).toEqual(expect.arrayContaining(['NORM', 'MI', 'STTC', 'CD', 'HYP']));
      expect(codes('rules')).not.toContain('NORM'); // rules cover the six rhythm/conduction codes
    },
    180_000,
  );
});
