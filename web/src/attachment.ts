// A delivery report's attachment, checked in the browser the way the server
// checks it (service/coordination_service.cpp, check_attachment): PDF, PNG
// or JPEG recognised by its magic bytes, at most 512 KiB, sent as base64 in
// the JSON body. Checking here spares a refused upload; the server decides.
import type { Key } from './i18n';

export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';
export const MAX_ATTACHMENT_BYTES = 512 * 1024;

const MAGIC: [AttachmentType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

// The type the bytes are, whatever the file's name or declared type say.
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  for (const [type, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

// Standard base64 (RFC 4648, padded), in slices so a large file does not
// overflow the argument list of String.fromCharCode.
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export interface AttachmentBody {
  name: string;
  content_type: AttachmentType;
  data: string;
}

export type PreparedAttachment = { ok: true; attachment: AttachmentBody; size: number } | { ok: false; error: Key };

export function prepareAttachment(name: string, bytes: Uint8Array): PreparedAttachment {
  if (bytes.length === 0) return { ok: false, error: 'attachmentEmpty' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, error: 'attachmentTooLarge' };
  const type = sniffType(bytes);
  if (!type) return { ok: false, error: 'attachmentWrongType' };
  const cleanName = name.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'attachment';
  return { ok: true, attachment: { name: cleanName, content_type: type, data: toBase64(bytes) }, size: bytes.length };
}

// Where a report's attachment downloads from (same origin, the session
// cookie signs the GET in): the server answers it as an attachment, typed as
// stored, and 404 to whoever may not read the allocation.
export function attachmentUrl(allocation: string, report: string): string {
  return `/api/v1/allocations/${encodeURIComponent(allocation)}/reports/${encodeURIComponent(report)}/attachment`;
}
