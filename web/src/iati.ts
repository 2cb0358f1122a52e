// IATI 2.03 activity XML for a donor's commitments and disbursements: one
// iati-activity per allocation the donor can see. Every text is escaped;
// nothing user-supplied becomes markup.

export interface IatiAllocation {
  id: string;
  status: string;
  amount: number; // EUR
  percent?: number;
  title?: string;
  sector?: string;
  region?: string;
  implementer?: string | null;
  updated_at?: string;
}

export interface IatiOptions {
  reportingOrgRef: string;
  reportingOrgName: string;
  generatedAt: string; // ISO date-time
  implementerName?: (id: string) => string;
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const COMMITTED = ['committed', 'delivering', 'delivered', 'verified'];
// IATI ActivityStatus: 2 implementation, 3 finalisation, 4 closed.
function activityStatus(status: string): string {
  if (status === 'verified') return '4';
  if (status === 'delivered') return '3';
  return '2';
}

export function toIatiXml(allocations: IatiAllocation[], options: IatiOptions): string {
  const e = xmlEscape;
  const date = (iso?: string) => (iso ?? options.generatedAt).slice(0, 10);
  const activities = allocations
    .filter((a) => COMMITTED.includes(a.status))
    .map((a) => {
      const delivered = Math.round(a.amount * (a.percent ?? (a.status === 'delivered' || a.status === 'verified' ? 100 : 0))) / 100;
      const implementer = a.implementer
        ? `\n  <participating-org role="4" ref="${e(a.implementer)}"><narrative>${e(options.implementerName?.(a.implementer) ?? a.implementer)}</narrative></participating-org>`
        : '';
      const disbursement =
        delivered > 0
          ? `\n  <transaction>\n   <transaction-type code="3"/>\n   <transaction-date iso-date="${date(a.updated_at)}"/>\n   <value currency="EUR" value-date="${date(a.updated_at)}">${delivered.toFixed(2)}</value>\n  </transaction>`
          : '';
      return ` <iati-activity last-updated-datetime="${e(options.generatedAt)}" default-currency="EUR" xml:lang="en">
  <iati-identifier>${e(options.reportingOrgRef)}-${e(a.id)}</iati-identifier>
  <reporting-org ref="${e(options.reportingOrgRef)}" type="10"><narrative>${e(options.reportingOrgName)}</narrative></reporting-org>
  <title><narrative>${e(a.title ?? `Cyber-security support${a.sector ? ` (${a.sector})` : ''}`)}</narrative></title>
  <description><narrative>Tallinn Mechanism allocation ${e(a.id)}</narrative></description>
  <participating-org role="1" ref="${e(options.reportingOrgRef)}"><narrative>${e(options.reportingOrgName)}</narrative></participating-org>${implementer}
  <activity-status code="${activityStatus(a.status)}"/>
  <recipient-country code="UA" percentage="100"/>${a.region ? `\n  <location><name><narrative>${e(a.region)}</narrative></name></location>` : ''}
  <sector vocabulary="99" code="${e(a.sector ?? 'unspecified')}"/>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="${date(a.updated_at)}"/>
   <value currency="EUR" value-date="${date(a.updated_at)}">${a.amount.toFixed(2)}</value>
  </transaction>${disbursement}
 </iati-activity>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${e(options.generatedAt)}">\n${activities.join('\n')}\n</iati-activities>\n`;
}
