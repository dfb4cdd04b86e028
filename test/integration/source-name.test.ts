import { describe, expect, it } from 'vitest';
import { failureMessage, oneLine } from '../../main/import/messages';
import { sourceName } from '../../main/import/source-name';
import { FormatError } from '../../main/formats/errors';

describe('sourceName', () => {
  it('keeps relative paths under cwd as given; a path out of cwd is shown from its folder', () => {
    expect(sourceName('mitdb/100.hea', null, false, '/data')).toBe('mitdb/100.hea');
    expect(sourceName('./mitdb/', '100.hea', true, '/data')).toBe('mitdb/100.hea');
    expect(sourceName('../shared/data/mitdb', 'x/100.hea', true, '/work/main')).toBe(
      'mitdb/x/100.hea',
    );
    expect(sourceName('../shared/data/mitdb/100.hea', null, false, '/work/main')).toBe(
      'mitdb/100.hea',
    );
    expect(sourceName('.', '100.hea', true, '/data/mitdb')).toBe('100.hea');
  });

  it('shows absolute paths relative to cwd when under it, else from their import root', () => {
    expect(sourceName('/data/mitdb/100.hea', null, false, '/data')).toBe('mitdb/100.hea');
    expect(sourceName('/data/mitdb', '100.hea', true, '/data')).toBe('mitdb/100.hea');
    expect(sourceName('/data/mitdb', '100.hea', true, undefined)).toBe('mitdb/100.hea');
    expect(sourceName('/data/mitdb/100.hea', null, false, '/elsewhere')).toBe('mitdb/100.hea');
    expect(sourceName('/data/mitdb', '100.hea', true, '/data/mitdb')).toBe('100.hea');
  });
});

describe('failure messages', () => {
  it('name the file at fault in the folder of the source, on one line', () => {
    expect(failureMessage('set/a/100.hea', new FormatError('100.dat', 'is truncated'))).toBe(
      'set/a/100.dat: is truncated',
    );
    expect(failureMessage('100.hea', new FormatError('100.hea', 'bad gain', 2))).toBe(
      '100.hea line 2: bad gain',
    );
    expect(failureMessage('a/b.hea', new Error('disk I/O error\n  at x'))).toBe(
      'a/b.hea: disk I/O error; at x',
    );
    expect(oneLine('')).toBe('unknown error');
  });
});
