// The logic behind the inbox, report attachments, meeting corrections, the
// offer names of a matching run and in-memory paging (issue 6's later views).
import { describe, expect, it } from 'vitest';
import type { Allocation, Decision, Organisation, Role } from './api';
import { MAX_ATTACHMENT_BYTES, attachmentUrl, prepareAttachment, sniffType, toBase64 } from './attachment';
import { en, formatSize, locale, uk } from './i18n';
import { allocationLabel, correctable, currentDecision, groupMembers, matchesFilter } from './meeting';
import { NOTICE_KINDS, noticeKindKey, noticeText, recordHref, unreadCount, type Notice } from './notifications';
import { allocationHistory } from './pages/allocations';
import { slicePage } from './paging';
import { navigationFor } from './session';
import { nameOfNeed, nameOfOffer, needClassName, RecordNames } from './titles';
import { ROLES } from './vocab';

const ID = '0123456789abcdef0123456789abcdef';

describe('inbox', () => {
  it('links only known record types with a record id', () => {
    expect(recordHref('need', ID)).toBe(`/needs/${ID}`);
    expect(recordHref('allocation', ID)).toBe(`/allocations/${ID}`);
    expect(recordHref('assessment', ID)).toBe(`/assessments/${ID}`);
    expect(recordHref('offer', ID)).toBe(`/offers/${ID}`);
    expect(recordHref('meeting', ID)).toBeNull();
    expect(recordHref('need', '../../admin')).toBeNull();
    expect(recordHref('need', `${ID}?x`)).toBeNull();
  });
  it('names every kind the API emits in both languages, unknown kinds as sent', () => {
    for (const kind of NOTICE_KINDS) {
      const key = noticeKindKey(kind)!;
      expect(en[key], kind).toBeTruthy();
      expect(uk[key], kind).toBeTruthy();
      expect(en[key]).not.toBe(uk[key]);
    }
    expect(NOTICE_KINDS).toContain('allocation.delivered');
    expect(noticeText('something.new')).toBe('something.new');
  });
  it('counts the unread notices of a page', () => {
    const notice = (read: boolean): Notice => ({ id: 'n', kind: 'need.validated', record_type: 'need', record_id: ID, title: 't', read, created_at: '' });
    expect(unreadCount([notice(false), notice(true), notice(false)])).toBe(2);
    expect(unreadCount([])).toBe(0);
  });
  it('gives every role but the admin an inbox', () => {
    for (const role of ROLES) {
      const hrefs = navigationFor(role as Role).map((i) => i.href);
      expect(hrefs.includes('/inbox'), role).toBe(role !== 'admin');
    }
  });
});

describe('report attachments', () => {
  it('downloads from the report\'s attachment route, ids escaped', () => {
    expect(attachmentUrl('a1', 'r2')).toBe('/api/v1/allocations/a1/reports/r2/attachment');
    expect(attachmentUrl('a/1', 'r?2')).toBe('/api/v1/allocations/a%2F1/reports/r%3F2/attachment');
  });

  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]);
  it('recognises PDF, PNG and JPEG by their magic bytes only', () => {
    expect(sniffType(png)).toBe('image/png');
    expect(sniffType(pdf)).toBe('application/pdf');
    expect(sniffType(jpeg)).toBe('image/jpeg');
    expect(sniffType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
    expect(sniffType(new Uint8Array([0x89, 0x50]))).toBeNull();
  });
  it('encodes base64 as the server decodes it', () => {
    expect(toBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
    expect(toBase64(new TextEncoder().encode('Ma'))).toBe('TWE=');
    // More than one slice of 0x8000 bytes.
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    const decoded = Uint8Array.from(atob(toBase64(big)), (c) => c.charCodeAt(0));
    expect(decoded.length).toBe(big.length);
    expect(decoded.every((b, i) => b === big[i])).toBe(true);
  }, 20_000);
  it('takes the type from the bytes, refuses empty, oversized and other files', () => {
    const ok = prepareAttachment(' photo\u0007.png ', png);
    expect(ok).toMatchObject({ ok: true, size: png.length, attachment: { name: 'photo.png', content_type: 'image/png' } });
    expect(prepareAttachment('report.png', pdf)).toMatchObject({ ok: true, attachment: { content_type: 'application/pdf' } });
    expect(prepareAttachment('a.pdf', new Uint8Array())).toEqual({ ok: false, error: 'attachmentEmpty' });
    const tooBig = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    tooBig.set(pdf);
    expect(prepareAttachment('a.pdf', tooBig)).toEqual({ ok: false, error: 'attachmentTooLarge' });
    const justFits = new Uint8Array(MAX_ATTACHMENT_BYTES);
    justFits.set(pdf);
    expect(prepareAttachment('a.pdf', justFits).ok).toBe(true);
    expect(prepareAttachment('a.html', new TextEncoder().encode('<html>'))).toEqual({ ok: false, error: 'attachmentWrongType' });
  }, 20_000);
  it('formats sizes per locale', () => {
    expect(formatSize(900, 'en')).toBe('900 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KiB');
    expect(formatSize(1536, 'uk')).toBe('1,5 KiB');
    expect(formatSize(3 * 1024 * 1024, 'en')).toBe('3 MiB');
  });
});

const decision = (id: string, at: string, over: Partial<Decision> = {}): Decision => ({
  id, meeting: 'm', decision: 'approve', reason: '', corrects: null, creator: 'u', created_at: at, ...over,
});
const allocation = (over: Partial<Allocation>): Allocation => ({ id: 'a', need: 'n', offer: 'o', offer_org: 'd', amount: 10, status: 'approved', ...over });

describe('meeting corrections', () => {
  it('finds the decision in force: the latest one nothing corrects', () => {
    const first = decision('d1', '2026-11-01T10:00:00Z');
    const correction = decision('d2', '2026-11-01T11:00:00Z', { decision: 'reject', corrects: 'd1' });
    expect(currentDecision(allocation({ decisions: [first] }))?.id).toBe('d1');
    expect(currentDecision(allocation({ decisions: [correction, first] }))?.id).toBe('d2');
    expect(currentDecision(allocation({ decisions: [] }))).toBeNull();
    // A deferral later decided afresh (no `corrects`): the later one stands.
    const deferred = decision('d3', '2026-11-01T09:00:00Z', { decision: 'defer' });
    expect(currentDecision(allocation({ decisions: [first, deferred] }))?.id).toBe('d1');
  });
  it('offers corrections on approved or rejected allocations not yet committed', () => {
    const decided = [decision('d1', '2026-11-01T10:00:00Z')];
    expect(correctable(allocation({ status: 'approved', decisions: decided }))).toBe(true);
    expect(correctable(allocation({ status: 'rejected', decisions: decided }))).toBe(true);
    expect(correctable(allocation({ status: 'committed', decisions: decided }))).toBe(false);
    expect(correctable(allocation({ status: 'proposed', decisions: [] }))).toBe(false);
    expect(correctable(allocation({ status: 'approved', decisions: [] }))).toBe(false);
  });
  it('tells a correction apart in the history, with report milestones and attachments', () => {
    locale.value = 'en';
    const history = allocationHistory(
      allocation({
        decisions: [decision('d1', '2026-11-01T10:00:00Z', { reason: 'fits' }), decision('d2', '2026-11-01T11:00:00Z', { decision: 'defer', reason: 'wait', corrects: 'd1' })],
        reports: [{ id: 'r', percent: 50, note: 'half', milestone: 'racks', attachment: { name: 'photo.png', content_type: 'image/png', size: 2048 }, created_at: '2026-11-02T10:00:00Z' }],
      }),
    );
    expect(history.map((e) => e.text)).toEqual([
      'Coordination group: Approve (fits)',
      'Coordination group corrected its decision: Defer (wait)',
      'Progress reported: 50 % (half); Milestone: racks; attachment: photo.png (2 KiB)',
    ]);
  });
  it('names an allocation by its need as far as the reader may see it, and filters by words', () => {
    locale.value = 'en';
    expect(allocationLabel(allocation({ need_summary: { title: 'SOC for Kharkiv grid' } }))).toBe('SOC for Kharkiv grid');
    expect(allocationLabel(allocation({ need_summary: { sector: 'energy', region: 'UA-63', category: 'consulting' } }))).toBe('Consulting for Energy in Kharkiv');
    expect(matchesFilter('SOC for Kharkiv grid', 'kharkiv  soc')).toBe(true);
    expect(matchesFilter('SOC for Kharkiv grid', 'odesa')).toBe(false);
    expect(matchesFilter('anything', '   ')).toBe(true);
  });
  it('lists the coordination group only, authority first', () => {
    const org = (name: string, kind: Role): Organisation => ({ id: name, name, kind, country: null, version: 1, created_at: '' });
    const members = groupMembers([org('Hospital', 'beneficiary'), org('Sweden', 'donor'), org('Authority', 'ua_authority'), org('Denmark', 'donor'), org('Ops', 'admin'), org('NATO', 'observer')]);
    expect(members.map((o) => o.name)).toEqual(['Authority', 'Denmark', 'Sweden', 'NATO']);
  });
});

describe('names in a matching run', () => {
  it('names a visible need by its title, a hidden one by its class or as not visible', () => {
    locale.value = 'en';
    expect(nameOfNeed(ID, { title: 'SIEM' }, undefined, 'en')).toEqual({ text: 'SIEM', visible: true });
    const summary = { sector: 'energy', region: 'UA-46', category: 'hosting' };
    expect(needClassName(summary, 'en')).toBe('Hosting for Energy in Lviv');
    expect(nameOfNeed(ID, null, summary, 'en')).toEqual({ text: 'Hosting for Energy in Lviv', visible: false });
    expect(nameOfNeed(ID, null, undefined, 'en')).toEqual({ text: 'not visible to you (01234567)', visible: false });
    expect(nameOfOffer(ID, null).visible).toBe(false);
    expect(nameOfOffer(ID, { title: 'Estonian EDR' })).toEqual({ text: 'Estonian EDR', visible: true });
  });
  it('reads each record once', async () => {
    const asked: string[] = [];
    const names = new RecordNames(async <T,>(path: string) => {
      asked.push(path);
      return (path.includes('needs') ? { title: 'N' } : null) as T | null;
    });
    await Promise.all([names.need(ID), names.need(ID), names.offer(ID), names.offer(ID)]);
    expect(asked).toEqual([`/api/v1/needs/${ID}`, `/api/v1/offers/${ID}`]);
    expect((await names.need(ID))?.title).toBe('N');
    expect(await names.offer(ID)).toBeNull();
  });
});

describe('in-memory pages', () => {
  it('shows one page of rows and clamps the page number', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    expect(slicePage(rows, 1, 25)).toEqual({ rows: rows.slice(0, 25), page: 1, pages: 3 });
    expect(slicePage(rows, 3, 25).rows).toEqual(rows.slice(50));
    expect(slicePage(rows, 9, 25).page).toBe(3);
    expect(slicePage(rows, 0, 25).page).toBe(1);
    expect(slicePage([], 1, 25)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
