/**
 * HL7 aECG reader: the HL7 ballot example and FDA test files from the shared data, plus
 * synthetic documents for the features and failure modes the samples do not exercise.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../../main/formats/errors';
import type { ParsedLead, ParsedRecording } from '../../../main/formats/types';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import {
  Hl7AecgError,
  looksLikeHl7Aecg,
  readHl7AecgRecording,
} from '../../../main/formats/hl7-aecg';
import { readHl7AecgWithLimits } from '../../../main/formats/hl7-aecg/parse';
import { DEFAULT_LIMITS } from '../../../main/formats/hl7-aecg/limits';
import { dataPath, describeWithData } from '../../helpers/data';

const STANDARD_AS_FOUND = [
  'I',
  'II',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'V6',
  'III',
  'aVR',
  'aVL',
  'aVF',
];
const EXAMPLE = 'HL7_Example_aECG_2003-12.xml';

const utf8 = (s: string) => new TextEncoder().encode(s);
const physical = (lead: ParsedLead, i: number) => (lead.digital[i] - lead.baseline) / lead.gain;

/** Asserts that reading throws an Hl7AecgError (a FormatError) naming the file, quickly. */
function expectFailure(bytes: Uint8Array, fileName: string, problem?: RegExp): Hl7AecgError {
  const t0 = performance.now();
  let caught: unknown = null;
  try {
    readHl7AecgRecording(bytes, fileName);
  } catch (err) {
    caught = err;
  }
  expect(performance.now() - t0, `${fileName} took too long`).toBeLessThan(2000);
  expect(caught, `${fileName} should fail`).toBeInstanceOf(Hl7AecgError);
  const err = caught as Hl7AecgError;
  expect(err).toBeInstanceOf(FormatError);
  expect(err.file).toBe(fileName);
  expect(err.message.startsWith(`${fileName}: `)).toBe(true);
  if (problem) expect(err.message).toMatch(problem);
  return err;
}

// --- synthetic documents --------------------------------------------------------------------

interface LeadSpec {
  code: string;
  digits: string;
  scale?: string;
  origin?: string;
}

function leadXml({ code, digits, scale, origin }: LeadSpec): string {
  return (
    `<component><sequence><code code="${code}"/><value xsi:type="SLIST_PQ">` +
    `${origin ?? '<origin value="0" unit="uV"/>'}${scale ?? '<scale value="5" unit="uV"/>'}` +
    `<digits>${digits}</digits></value></sequence></component>`
  );
}

function setXml(leads: LeadSpec[], increment = '<increment value="0.002" unit="s"/>'): string {
  return (
    '<component><sequenceSet><component><sequence><code code="TIME_ABSOLUTE"/>' +
    `<value xsi:type="GLIST_TS"><head value="20240102030405.000"/>${increment}</value>` +
    `</sequence></component>${leads.map(leadXml).join('')}</sequenceSet></component>`
  );
}

function docXml(seriesBody: string, before = '<?xml version="1.0" encoding="UTF-8"?>\n'): string {
  return (
    `${before}<AnnotatedECG xmlns="urn:hl7-org:v3" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<id root="1.2.3" extension="A&amp;B"/><code code="93000" codeSystemName="CPT-4"/>' +
    `<component><series><code code="RHYTHM"/>${seriesBody}</series></component></AnnotatedECG>\n`
  );
}

const twoLeads = (i: string, ii: string) => [
  { code: 'MDC_ECG_LEAD_I', digits: i },
  { code: 'MDC_ECG_LEAD_II', digits: ii },
];

describeWithData('formats/hl7-aecg', 'HL7 aECG: shared samples', () => {
  const bytesOf = (name: string) => readFileSync(dataPath('formats', 'hl7-aecg', name));
  const read = (name: string) => readHl7AecgRecording(bytesOf(name), name);

  describe('ballot example (500 Hz, 12 leads, 10 s)', () => {
    let r: ParsedRecording;
    beforeAll(() => {
      r = read(EXAMPLE);
    });
    const lead = (name: string) => r.leads.find((l) => l.name === name)!;

    it('has 12 standard leads in file order, 500 Hz, 5000 samples, µV calibration', () => {
      expect(r).toMatchObject({
        format: 'hl7-aecg',
        recordName: 'HL7_Example_aECG_2003-12',
        fs: 500,
        samples: 5000,
        startTime: '2002-11-22T09:10:00',
        annotations: {},
      });
      expect(r.leads.map((l) => l.name)).toEqual(STANDARD_AS_FOUND);
      for (const l of r.leads) {
        expect(l).toMatchObject({ units: 'uV', gain: 0.4, baseline: 0, adcResolution: null });
        expect(l.digital).toHaveLength(5000);
        expect(l.digital.includes(INVALID_SAMPLE)).toBe(false);
      }
    });

    it('decodes digits exactly as written in the XML', () => {
      // Read off the file: lead I "<digits> -2 -2 -2 -2 -3 -4 -3 -5 -5 -4 -6 -9 -9 -8 ...",
      // lead II "-7 -7 -7 -7 -7 -7 -7 -7 -7 -9 ...", V1 "43 43 43 43 43 42 42 42 41 38 ...".
      expect(Array.from(lead('I').digital.subarray(0, 14))).toEqual([
        -2, -2, -2, -2, -3, -4, -3, -5, -5, -4, -6, -9, -9, -8,
      ]);
      expect(Array.from(lead('II').digital.subarray(0, 10))).toEqual([
        -7, -7, -7, -7, -7, -7, -7, -7, -7, -9,
      ]);
      expect(Array.from(lead('V1').digital.subarray(0, 10))).toEqual([
        43, 43, 43, 43, 43, 42, 42, 42, 41, 38,
      ]);
      expect(Array.from(lead('V6').digital.subarray(0, 5))).toEqual([-9, -7, -5, -3, -1]);
      expect(Array.from(lead('I').digital.subarray(4997))).toEqual([-13, -13, -13]);
      expect(physical(lead('I'), 4)).toBeCloseTo(-7.5, 9); // -3 × 2.5 µV
    });

    it("satisfies Einthoven's law and Goldberger's equations on physical values", () => {
      const step = 2.5; // µV per digit
      const [I, II, III, aVR, aVL, aVF] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map(lead);
      let worst = 0;
      for (let t = 0; t < r.samples; t++) {
        const [i, ii, iii] = [physical(I, t), physical(II, t), physical(III, t)];
        worst = Math.max(
          worst,
          Math.abs(iii - (ii - i)),
          Math.abs(physical(aVR, t) + (i + ii) / 2),
          Math.abs(physical(aVL, t) - (i - iii) / 2),
          Math.abs(physical(aVF, t) - (ii + iii) / 2),
        );
      }
      expect(worst).toBeLessThanOrEqual(2 * step);
      // Not trivially satisfied: the leads carry a real ECG (QRS peaks of several hundred µV).
      expect(Math.max(...Array.from(II.digital)) * step).toBeGreaterThan(300);
    });

    it('reads patient facts, the document id and the finding comment', () => {
      // birthTime 19530508, ECG on 2002-11-22 → 49 (the file's "Reported Age" says 46).
      expect(r.patient).toEqual({ externalId: 'PUK-123-TRL-1/SBJ-123', age: 49, sex: 'M' });
      expect(r.comments).toEqual([
        'aECG id: 61d1a24f-b47e-41aa-ae95-f8ac302f4eeb',
        'aECG code: 93000 (CPT-4)',
        'subject finding: Subject felt dizzy 2 minutes prior to ECG collection',
      ]);
    });

    it('is recognised by looksLikeHl7Aecg', () => {
      expect(looksLikeHl7Aecg(bytesOf(EXAMPLE))).toBe(true);
    });
  });

  describe('FDA eCTD test files', () => {
    const names = [1, 2].flatMap((s) => [0, 1, 2].map((n) => `ectd_subject${s}_${n}.xml`));
    it.each(names)('%s reads as a 12-lead 10 s ECG of its subject', (name) => {
      const [, s, n] = /subject(\d)_(\d)/.exec(name)!.map(Number);
      const r = read(name);
      expect(r).toMatchObject({ fs: 500, samples: 5000, recordName: `ectd_subject${s}_${n}` });
      expect(r.leads.map((l) => l.name)).toEqual(STANDARD_AS_FOUND);
      // Timepoints 0, 1, 2 are one hour apart.
      expect(r.startTime).toBe(`2002-11-22T${String(9 + n).padStart(2, '0')}:10:00`);
      expect(r.patient).toEqual({ externalId: `Test/subject${s}`, age: 49, sex: 'M' });
      expect(r.comments[0]).toBe(`aECG id: 61d1a24f-b47e-41aa-ae95-f8ac302f4eeb subject${s}_${n}`);
    });
  });

  describe('minimum aECG files (one lead II, 13 samples)', () => {
    const names = [
      'minimum_aecg.xml',
      'minimum_aecg_effectiveTime_high.xml',
      'minimum_aecg_effectiveTime_interval.xml',
      'minimum_aecg_effectiveTime_low.xml',
      'minimum_aecg_nouuid.xml',
    ];
    it.each(names)('%s reads', (name) => {
      const r = read(name);
      expect(r).toMatchObject({ fs: 500, samples: 13, startTime: '2002-11-22T09:10:00' });
      expect(r.leads.map((l) => l.name)).toEqual(['II']);
      expect(Array.from(r.leads[0].digital)).toEqual([
        -2, -2, -2, -2, -3, -4, -3, -5, -5, -4, -6, -9, -9,
      ]);
      expect(r.leads[0]).toMatchObject({ units: 'uV', gain: 0.4, baseline: 0 });
      // No demographics in these files: sex and age unknown; the subject id is there.
      expect(r.patient).toEqual({ externalId: 'PUK-123-TRL-1/SBJ-123', age: null, sex: null });
      const hasId = r.comments.some((c) => c.startsWith('aECG id:'));
      expect(hasId).toBe(name !== 'minimum_aecg_nouuid.xml');
      expect(looksLikeHl7Aecg(bytesOf(name))).toBe(true);
    });
  });

  it('empty.xml (an AnnotatedECG without content) fails naming the file', () => {
    expectFailure(bytesOf('empty.xml'), 'empty.xml', /no <sequenceSet> with ECG leads/);
  });

  it('fails on truncated copies of the example at every cut point', () => {
    const full = bytesOf(EXAMPLE);
    const cuts = [
      0,
      1,
      40,
      700,
      5_000,
      60_000,
      250_000,
      480_000,
      full.length - 20,
      full.length - 2,
    ];
    for (const cut of cuts) expectFailure(full.subarray(0, cut), 'cut.xml');
    // Cut inside a lead's digits, with the document's end restored: the lengths disagree.
    const text = new TextDecoder().decode(full);
    const inLeadII = text.indexOf('MDC_ECG_LEAD_II"') + 5000;
    const spliced = text.slice(0, inLeadII) + text.slice(text.indexOf('</digits>', inLeadII));
    expectFailure(utf8(spliced), 'spliced.xml', /lead II has \d+ samples, other leads 5000/);
  });
});

describe('HL7 aECG: synthetic documents', () => {
  it('reads calibration with an origin, mV units and other MDC lead names', () => {
    const r = readHl7AecgRecording(
      utf8(
        docXml(
          setXml([
            {
              code: 'MDC_ECG_LEAD_V3R',
              digits: '1 2 3',
              origin: '<origin value="-0.01" unit="mV"/>',
              scale: '<scale value="0.005" unit="mV"/>',
            },
            { code: 'MDC_ECG_LEAD_AVF', digits: '-1\n0\t+1' },
          ]),
        ),
      ),
      'dir/syn.XML',
    );
    expect(r.recordName).toBe('syn');
    expect(r.startTime).toBe('2024-01-02T03:04:05');
    expect(r.leads.map((l) => l.name)).toEqual(['V3R', 'aVF']);
    expect(r.leads[0]).toMatchObject({ units: 'mV', gain: 200, baseline: 2 });
    expect(physical(r.leads[0], 0)).toBeCloseTo(1 * 0.005 - 0.01, 12);
    expect(Array.from(r.leads[1].digital)).toEqual([-1, 0, 1]);
    expect(r.comments).toEqual(['aECG id: 1.2.3 A&B', 'aECG code: 93000 (CPT-4)']);
  });

  it('reads digits split by comments or CDATA, and interpretation statements', () => {
    const statement =
      '<subjectOf><annotationSet><component><annotation><code code="MDC_ECG_INTERPRETATION"/>' +
      '<component><annotation><code code="MDC_ECG_INTERPRETATION_STATEMENT"/>' +
      '<value xsi:type="ST">Sinus rhythm &lt;normal&gt;</value></annotation></component>' +
      '</annotation></component></annotationSet></subjectOf>';
    const digits = '1 2 <!-- c --> 3 <![CDATA[4]]> 5';
    const doc = docXml(setXml([{ code: 'MDC_ECG_LEAD_I', digits }]) + statement);
    const r = readHl7AecgRecording(utf8(doc), 'interp.xml');
    expect(Array.from(r.leads[0].digital)).toEqual([1, 2, 3, 4, 5]);
    expect(r.comments).toContain('interpretation: Sinus rhythm <normal>');
  });

  it('pads leads of a shorter sequence set with INVALID_SAMPLE and says so', () => {
    const body =
      setXml([{ code: 'MDC_ECG_LEAD_I', digits: '1 2 3 4' }]) +
      setXml([{ code: 'MDC_ECG_LEAD_V1', digits: '5 6' }]);
    const r = readHl7AecgRecording(utf8(docXml(body)), 'sets.xml');
    expect(r.samples).toBe(4);
    expect(Array.from(r.leads[1].digital)).toEqual([5, 6, INVALID_SAMPLE, INVALID_SAMPLE]);
    expect(r.comments).toContain('leads from shorter sequence sets padded to 4 samples: V1 (2)');
  });

  it('falls back to a derived series when there is no rhythm series, and says so', () => {
    const derived =
      '<derivation><derivedSeries><code code="REPRESENTATIVE_BEAT"/>' +
      setXml(twoLeads('1 2', '3 4')) +
      '</derivedSeries></derivation>';
    const r = readHl7AecgRecording(utf8(docXml(derived)), 'beat.xml');
    expect(r.samples).toBe(2);
    expect(r.comments).toContain(
      'waveforms: derived series REPRESENTATIVE_BEAT (the file has no rhythm series)',
    );
  });

  it('accepts a BOM, UTF-16 and a namespace prefix', () => {
    const prefixed = docXml(setXml(twoLeads('1', '2')))
      .replace(/<(\/?)AnnotatedECG/g, '<$1h:AnnotatedECG')
      .replace('xmlns=', 'xmlns:h=');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(prefixed)]);
    expect(readHl7AecgRecording(withBom, 'bom.xml').leads).toHaveLength(2);
    expect(looksLikeHl7Aecg(withBom)).toBe(true);
    const text = docXml(setXml(twoLeads('1', '2')), '<?xml version="1.0" encoding="UTF-16"?>');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    expect(readHl7AecgRecording(utf16, 'u16.xml').leads).toHaveLength(2);
    expect(looksLikeHl7Aecg(utf16)).toBe(true);
  });

  describe('hostile or broken input fails fast with Hl7AecgError', () => {
    it('non-XML bytes', () => {
      let seed = 12345;
      const random = Uint8Array.from({ length: 4096 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed & 0xff;
      });
      expectFailure(random, 'noise.bin');
      expectFailure(utf8('hello, world'), 'hello.xml', /not an XML document/);
      expectFailure(utf8(''), 'zero.xml');
    });

    it('other XML documents', () => {
      const philips = '<?xml version="1.0"?><restingecgdata><waveforms/></restingecgdata>';
      expectFailure(
        utf8(philips),
        'philips.xml',
        /not an HL7 aECG document \(root element <restingecgdata>\)/,
      );
    });

    it('an XML bomb with nested entities in a DOCTYPE', () => {
      const levels = Array.from({ length: 10 }, (_, k) => {
        const ref = k === 0 ? 'lol' : `&lol${k - 1};`.repeat(10);
        return `<!ENTITY lol${k} "${ref}">`;
      }).join('');
      const bomb = docXml(
        setXml(twoLeads('&lol9;', '1')),
        `<?xml version="1.0"?><!DOCTYPE AnnotatedECG [${levels}]>`,
      );
      expectFailure(utf8(bomb), 'bomb.xml', /DOCTYPE/);
    });

    it.each([
      ['NaN', /lead II: value 2 'NaN' is not a finite number/],
      ['1e999', /lead II: value 2 '1e999' is not a finite number/],
      ['-Infinity', /value 2 '-Infinity' is not a finite number/],
      ['1.5', /value 2 '1.5' is not an integer/],
      ['99999999999', /value 2 '99999999999' is outside the 32-bit range/],
      ['-2147483648', /outside the 32-bit range/], // would collide with INVALID_SAMPLE
      ['x'.repeat(5000), /value 2 'x{32}…' is not a number/],
    ])('a digits list containing %s', (bad, problem) => {
      expectFailure(utf8(docXml(setXml(twoLeads('1 2 3', `1 ${bad} 3`)))), 'bad.xml', problem);
    });

    it('mismatched lead lengths in one sequence set', () => {
      const leads = [
        { code: 'MDC_ECG_LEAD_I', digits: '1 2 3 4 5' },
        { code: 'MDC_ECG_LEAD_V1', digits: '1 2 3 4' },
        { code: 'MDC_ECG_LEAD_V2', digits: '1 2 3 4 5' },
      ];
      expectFailure(
        utf8(docXml(setXml(leads))),
        'x.xml',
        /^x\.xml: lead V1 has 4 samples, other leads 5$/,
      );
    });

    it.each([
      ['<increment value="0.000000001" unit="s"/>', /1000000000 Hz is outside 1..100000 Hz/],
      ['<increment value="0.003" unit="s"/>', /333.33333 Hz, not a whole number/],
      ['<increment value="0" unit="s"/>', /bad sampling interval/],
      ['<increment value="2" unit="h"/>', /unsupported time increment unit 'h'/],
      ['', /only a regular GLIST increment/],
    ])('a bad sampling interval %s', (increment, problem) => {
      expectFailure(utf8(docXml(setXml(twoLeads('1', '2'), increment))), 'fs.xml', problem);
    });

    it('too many leads, too many samples', () => {
      const many = Array.from({ length: 65 }, (_, k) => ({ code: `L${k}`, digits: '1 2' }));
      expectFailure(utf8(docXml(setXml(many))), 'many.xml', /65 leads \(at most 64/);
      // The 2^28 total is checked the same way before allocating; shown with a small limit.
      const doc = utf8(docXml(setXml(twoLeads('1 2 3 4 5 6', '1 2 3 4 5 6'))));
      expect(() =>
        readHl7AecgWithLimits(doc, 'big.xml', { ...DEFAULT_LIMITS, maxTotalSamples: 11 }),
      ).toThrow(/^big\.xml: 2 leads × 6 samples exceed the limit of 11 samples$/);
    });

    it('uncalibratable leads', () => {
      const noScale = { code: 'MDC_ECG_LEAD_I', digits: '1', scale: '' };
      expectFailure(utf8(docXml(setXml([noScale]))), 's.xml', /lead I: no <scale>/);
      const offGrid = {
        code: 'MDC_ECG_LEAD_I',
        digits: '1',
        origin: '<origin value="1" unit="uV"/>',
      };
      expectFailure(utf8(docXml(setXml([offGrid]))), 'o.xml', /not a whole number of scale steps/);
    });
  });

  it('looksLikeHl7Aecg rejects other documents and noise', () => {
    expect(looksLikeHl7Aecg(utf8(docXml('')))).toBe(true);
    expect(looksLikeHl7Aecg(utf8('<!-- c --><AnnotatedECG/>'))).toBe(true);
    const philips = '<?xml version="1.0" encoding="UTF-8"?>\n<restingecgdata><x/></restingecgdata>';
    expect(looksLikeHl7Aecg(utf8(philips))).toBe(false);
    expect(looksLikeHl7Aecg(Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256))).toBe(
      false,
    );
    expect(looksLikeHl7Aecg(new Uint8Array(0))).toBe(false);
  });
});
