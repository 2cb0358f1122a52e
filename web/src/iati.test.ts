import { describe, expect, it } from 'vitest';
import { toIatiXml, xmlEscape } from './iati';

const options = { reportingOrgRef: 'XM-DAC-EE', reportingOrgName: 'Estonia <MFA>', generatedAt: '2026-11-25T10:00:00Z' };

describe('IATI 2.03 export', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xmlEscape(`<svg onload="x">&'`)).toBe('&lt;svg onload=&quot;x&quot;&gt;&amp;&apos;');
    expect(xmlEscape('a\u0001b')).toBe('ab');
  });
  it('writes one activity per committed allocation with commitment and disbursement', () => {
    const xml = toIatiXml(
      [
        { id: 'a1', status: 'delivering', amount: 1000, percent: 40, title: '<img src=x onerror=alert(1)>', sector: 'energy', region: 'UA-63', updated_at: '2026-11-20T00:00:00Z' },
        { id: 'a2', status: 'approved', amount: 500 },
      ],
      options,
    );
    expect(xml).toContain('<iati-activities version="2.03"');
    expect(xml.match(/<iati-activity /g)).toHaveLength(1);
    expect(xml).toContain('<iati-identifier>XM-DAC-EE-a1</iati-identifier>');
    expect(xml).toContain('<transaction-type code="2"/>');
    expect(xml).toContain('<value currency="EUR" value-date="2026-11-20">1000.00</value>');
    expect(xml).toContain('<transaction-type code="3"/>');
    expect(xml).toContain('>400.00</value>');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('Estonia &lt;MFA&gt;');
  });
});
