import { describe, expect, it } from 'vitest';
import { csvField, EXPORT_COLUMNS, exportCsv } from './export';

describe('exportCsv', () => {
  it('writes a header and one line per row, empty cells for absent fields', () => {
    const csv = exportCsv([{ seq: 1, at: 12.5, type: 'request', requestId: 3, source: 'api', attempts: 1 }]);
    const [header, line, end] = csv.split('\r\n');
    expect(header).toBe(EXPORT_COLUMNS.map(([n]) => n).join(','));
    expect(line!.split(',')).toHaveLength(EXPORT_COLUMNS.length);
    expect(line!.startsWith('1,12.5,request,3,,api,1,')).toBe(true);
    expect(end).toBe('');
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(NaN)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('什么是Go？ #3')).toBe('什么是Go？ #3');
  });
});
