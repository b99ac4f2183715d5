import type { Transaction } from 'kysely';
import type { AttachmentWire } from '../../src-shared/sync/protocol';
import type { AttachmentKind, AttachmentTables } from '../attachments/tables';
import type { ServerDatabase } from '../db/schema';

interface AttachmentRow {
  id: string;
  case_id: string;
  kind: AttachmentKind;
  public: number;
  added_by: string;
  created_at: string;
  change_seq: number | string | null;
  media_kind: 'image' | 'video';
  published_sha256: string;
  published_mime: string;
  thumb_sha256: string;
  width: number | string;
  height: number | string;
  duration_ms: number | string | null;
}

/** `open311:<key>` is a citizen's report, `agency:<user>` the agency handling the case, `user:<user>` the centre. */
function originOf(addedBy: string): AttachmentWire['origin'] {
  if (addedBy.startsWith('open311:')) return 'citizen';
  if (addedBy.startsWith('agency:')) return 'agency';
  return 'centre';
}

/** Only the published copy (no EXIF, no GPS) and its thumbnail leave the server: never the original's hash. */
export function toAttachmentWire(row: AttachmentRow): AttachmentWire {
  return {
    id: row.id,
    caseId: row.case_id,
    sha256: row.published_sha256,
    thumbSha256: row.thumb_sha256,
    kind: row.media_kind === 'video' ? 'video' : 'photo',
    mime: row.published_mime,
    width: Number(row.width),
    height: Number(row.height),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    public: Number(row.public) === 1,
    origin: originOf(row.added_by),
    role: row.kind,
    createdAt: row.created_at,
    changeSeq: Number(row.change_seq),
  };
}

/** Attachments whose link falls in the page (since, end], in cursor order. */
export async function attachmentsInPage(
  trx: Transaction<ServerDatabase>,
  since: number,
  end: number,
): Promise<AttachmentWire[]> {
  const rows = await trx
    .withTables<AttachmentTables>()
    .selectFrom('attachments')
    .innerJoin('media', 'media.sha256', 'attachments.media_sha256')
    .select([
      'attachments.id',
      'attachments.case_id',
      'attachments.kind',
      'attachments.public',
      'attachments.added_by',
      'attachments.created_at',
      'attachments.change_seq',
      'media.kind as media_kind',
      'media.published_sha256',
      'media.published_mime',
      'media.thumb_sha256',
      'media.width',
      'media.height',
      'media.duration_ms',
    ])
    .where('attachments.change_seq', '>', since)
    .where('attachments.change_seq', '<=', end)
    .orderBy('attachments.change_seq')
    .execute();
  return rows.map(toAttachmentWire);
}
