import { migration001Initial } from './001-initial';
import { migration002Sync } from './002-sync';
import { migration003Alerts } from './003-alerts';
import { migration004Attachments } from './004-attachments';
import { migration005WallAuditSync } from './005-wall-audit-sync';
import { migration006CaseSitesReveals } from './006-case-sites-reveals';
import { migration007AssetImportFileType } from './007-asset-import-file-type';
import { migration008AttachmentChangeSeq } from './008-attachment-change-seq';
import { migration009AssetImportRowCounts } from './009-asset-import-row-counts';
import { migration010CameraReportReceipts } from './010-camera-report-receipts';
import { migration011AlertSubject } from './011-alert-subject';
import type { ServerMigration } from './migration';

export type { ServerMigration } from './migration';

/** All migrations in order. Append; never reorder or edit. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  migration001Initial,
  migration002Sync,
  migration003Alerts,
  migration004Attachments,
  migration005WallAuditSync,
  migration006CaseSitesReveals,
  migration007AssetImportFileType,
  migration008AttachmentChangeSeq,
  migration009AssetImportRowCounts,
  migration010CameraReportReceipts,
  migration011AlertSubject,
];
