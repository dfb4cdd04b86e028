import { describe, expect, it } from 'vitest';
import { analyzeRecording, pickAnalysedLead, AnalysisError } from '../../../main/analysis/analyze';
import { analyzeCommand } from '../../../main/cli/commands/analyze';
import { evalQrsCommand } from '../../../main/cli/commands/eval-qrs';
import { UsageError } from '../../../main/cli/registry';
import { dataPath, describeWithData } from '../../helpers/data';
import { loadRecord } from './records';
import { fakeIO } from '../../helpers/cli-io';
import { chooseBeatModel } from '../../../main/analysis/app-classifier';

describe('analysed lead', () => {
  it('prefers the requested lead, then II / MLII, then the first', () => {
    expect(pickAnalysedLead(['I', 'II', 'III'])).toBe(1);
    expect(pickAnalysedLead(['MLII', 'V5'])).toBe(0);
    expect(pickAnalysedLead(['V1', 'MLII'])).toBe(1);
    expect(pickAnalysedLead(['i', 'ii'], 'I')).toBe(0);
    expect(pickAnalysedLead(['V1', 'V5'])).toBe(0);
    expect(() => pickAnalysedLead(['I'], 'V9')).toThrow(AnalysisError);
  });
});

describeWithData('ludb', 'analyzeRecording and `ecg-desk analyze` on a 12-lead record', () => {
  it('gives beats, measurements, axis and rhythm', () => {
    const r = analyzeRecording(loadRecord('ludb/data', '1'));
    expect(r.fs).toBe(500);
    expect(r.durationS).toBe(10);
    expect(r.analysedLead).toBe('ii');
    expect(r.beats.length).toBeGreaterThanOrEqual(7);
    for (const b of r.beats) {
      expect(b.label).toBeNull();
      expect(b.probs).toBeNull();
      expect(b.sample).toBeGreaterThanOrEqual(0);
      expect(b.sample).toBeLessThan(5000);
    }
    const m = r.measurements;
    // LUDB 1: sinus bradycardia (header), ~45 bpm.
    expect(m.heartRateBpm).toBeGreaterThan(40);
    expect(m.heartRateBpm).toBeLessThan(50);
    expect(r.rhythm.dominant).toBe('SB');
    for (const k of ['prMs', 'qrsMs', 'qtMs', 'qtcMs', 'axisDeg'] as const)
      expect(m[k]).not.toBeNull();
  });

  it('prints the contract JSON', async () => {
    const io = fakeIO();
    const code = await analyzeCommand.run(
      [dataPath('ludb', 'data', '1.hea'), '--json', '--probe'],
      io,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(io.stdout);
    for (const k of [
      'record',
      'fs',
      'durationS',
      'leads',
      'runtime',
      'beats',
      'measurements',
      'findings',
    ])
      expect(doc).toHaveProperty(k);
    expect(doc.record).toBe('1');
    expect(doc.leads).toHaveLength(12);
    // 12 leads: every code reported (the six rule-backed ones at least); LUDB 1 is sinus
    // bradycardia at ~45 bpm, which the findings must say.
    const codes = doc.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['1dAVb', 'RBBB', 'LBBB', 'SB', 'AF', 'ST']));
    if (doc.runtime.recordModel) {
      expect(doc.runtime.recordModel).toMatch(/^record-12lead@\d+\.\d+\.\d+$/);
      expect(codes).toHaveLength(11);
    }
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['code', 'probability', 'present', 'source']),
      );
      expect(f.probability).toBeGreaterThanOrEqual(0);
      expect(f.probability).toBeLessThanOrEqual(1);
    }
    expect(doc.findings.find((f: { code: string }) => f.code === 'SB').present).toBe(true);
    expect(doc.findings.find((f: { code: string }) => f.code === 'ST').present).toBe(false);
    if (chooseBeatModel('auto')) {
      // The shipped beat model labels every beat; probabilities over the five AAMI classes.
      expect(doc.runtime.beatModel).toMatch(/^beat-(full|pruned)@\d+\.\d+\.\d+$/);
      expect(['tensorflow', 'wasm', 'cpu']).toContain(doc.runtime.backend);
      for (const b of doc.beats) {
        expect(['N', 'S', 'V', 'F', 'Q']).toContain(b.label);
        expect(Object.keys(b.probs).sort()).toEqual(['F', 'N', 'Q', 'S', 'V']);
        const sum = Object.values(b.probs as Record<string, number>).reduce((a, x) => a + x, 0);
        expect(sum).toBeCloseTo(1, 2);
        expect(b.confidence).toBe(b.probs[b.label]);
        // --probe: a verdict per beat; flipEpsilon within the probe's range or null
        expect(typeof b.fragile).toBe('boolean');
        if (b.flipEpsilon !== null) {
          expect(b.flipEpsilon).toBeGreaterThan(0);
          expect(b.flipEpsilon).toBeLessThanOrEqual(0.25);
          expect(b.fragile).toBe(b.flipEpsilon < doc.runtime.probe.fragileThreshold);
        } else expect(b.fragile).toBe(false);
      }
    } else {
      expect(doc.runtime.beatModel).toBeNull();
    }
    expect(typeof doc.runtime.ms.total).toBe('number');
    expect(Object.keys(doc.beats[0]).sort()).toEqual([
      'confidence',
      'flipEpsilon',
      'fragile',
      'label',
      'probs',
      'sample',
    ]);
    expect(Object.keys(doc.measurements)).toEqual(
      expect.arrayContaining(['heartRateBpm', 'rrMs', 'prMs', 'qrsMs', 'qtMs', 'qtcMs', 'axisDeg']),
    );
    expect(io.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('fails cleanly on bad input', async () => {
    const io = fakeIO();
    expect(await analyzeCommand.run([dataPath('ludb', 'data', 'nope.hea'), '--json'], io)).toBe(1);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
    const io2 = fakeIO();
    expect(await analyzeCommand.run([dataPath('ludb', 'data', '1.hea'), '--lead', 'V9'], io2)).toBe(
      1,
    );
    expect(io2.stderr).toMatch(/^ecg-desk analyze: 1\.hea: .*V9/);
    expect(io2.stderr.trim().split('\n')).toHaveLength(1);
    await expect(analyzeCommand.run([], fakeIO())).rejects.toThrow(UsageError);
    await expect(analyzeCommand.run(['x.hea', '--model', 'huge'], fakeIO())).rejects.toThrow(
      UsageError,
    );
  });

  it('`ecg-desk eval qrs` reports EC57 figures as JSON', async () => {
    const io = fakeIO();
    const code = await evalQrsCommand.run(
      ['qrs', dataPath('ludb', 'data'), '--records', '1,2,3', '--json'],
      io,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(io.stdout);
    expect(doc.records).toHaveLength(3);
    expect(doc.gross.sePct).toBe(100);
    expect(doc.gross.ppvPct).toBe(100);
    expect(doc.records[0].reference).toBe('ii');
  });
});

describeWithData('mitdb', 'analyzeRecording on a 30-minute 2-lead record', () => {
  it('has no frontal axis without limb leads, and the human summary prints', async () => {
    const r = analyzeRecording(loadRecord('mitdb', '100'));
    expect(r.measurements.axisDeg).toBeNull();
    expect(r.beats.length).toBeGreaterThan(2260);
    expect(r.beats.length).toBeLessThan(2280);
    const io = fakeIO();
    expect(await analyzeCommand.run([dataPath('mitdb', '100.hea')], io)).toBe(0);
    expect(io.stdout).toContain('sinus rhythm');
  });
});
