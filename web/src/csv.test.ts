import { describe, expect, it } from 'vitest';
import { csvCell, exportHxl, neutralise, toCsv } from './csv';

describe('CSV neutralisation', () => {
  it('prefixes every formula-starting cell', () => {
    for (const dangerous of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(neutralise(dangerous)).toBe(`'${dangerous}`);
    }
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(neutralise('Firewall')).toBe('Firewall');
    expect(neutralise(45000.5)).toBe('45000.5');
    expect(neutralise(null)).toBe('');
  });
  it('neutralises negative numbers too (they start with -)', () => {
    expect(neutralise(-5)).toBe("'-5");
  });
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });
  it('writes rows with CRLF', () => {
    expect(toCsv([['a', 'b'], [1, '=x']])).toBe("a,b\r\n1,'=x\r\n");
  });
  it('puts the HXL hashtag row under the header', () => {
    const text = exportHxl([{ header: 'region', hxl: '#adm1+code', value: (r: { region: string }) => r.region }], [{ region: 'UA-30' }]);
    expect(text.split('\r\n').slice(0, 3)).toEqual(['region', '#adm1+code', 'UA-30']);
  });
});
