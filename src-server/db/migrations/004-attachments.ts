import { type Kysely, sql } from 'kysely';
import { columnTypes, type DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Attachments (issue 5, DESIGN.md §6): `media` is one row per content-addressed original (its SHA-256) with what
 * processing found and the hashes of its published (metadata-free) copy and thumbnail; `attachments` links media
 * to cases; `uploads` are resumable uploads in flight. Column types live in src-server/attachments/tables.ts.
 */
export const migration004Attachments: ServerMigration = {
  name: '004-attachments',
  up: async (db: Kysely<unknown>, dialect: DialectName) => {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('media')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'video')`))
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer')
      .addColumn('codec', 'text')
      .addColumn('published_sha256', 'text', (c) => c.notNull())
      .addColumn('published_mime', 'text', (c) => c.notNull())
      .addColumn('thumb_sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('media_by_published').on('media').columns(['published_sha256']).execute();
    await db.schema.createIndex('media_by_thumb').on('media').columns(['thumb_sha256']).execute();

    await db.schema
      .createTable('attachments')
      // The order they were added in, photos of one form included (their ids are minted in the same millisecond).
      .addColumn('seq', t.serial, (c) => (t.serialIsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('media_sha256', 'text', (c) => c.notNull().references('media.sha256'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('citizen', 'progress', 'result')`))
      .addColumn('public', 'integer', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_by_case').on('attachments').columns(['case_id', 'seq']).execute();
    await db.schema.createIndex('attachments_by_media').on('attachments').columns(['media_sha256']).execute();

    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('expected_sha256', 'text')
      .addColumn('file_name', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'complete', 'failed')`))
      .addColumn('media_sha256', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('uploads_by_expiry').on('uploads').columns(['state', 'expires_at']).execute();
  },
};
