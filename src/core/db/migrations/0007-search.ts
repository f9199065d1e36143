import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { SearchIndexRepository } from '../../repositories/search-index.repository';

/**
 * The search index (ADR 0012). Both databases share its tables: `search_documents` (one row per
 * searchable activity, organisation and framework node: texts as shown, accent-folded texts,
 * visibility and sort data), `search_facets` (its facet values) and `search_words` (the vocabulary
 * typo corrections pick from). Each database then indexes the folded texts its own way:
 * - SQLite: an FTS5 table over the folded columns (external content, kept in step by triggers),
 *   with prefix indexes for as-you-type matching, and the trigrams of every word;
 * - PostgreSQL: two generated tsvector columns (one per language, weighted title A, partners and
 *   areas B, summary C, description D) with a GIN index on both together, and a pg_trgm GIN index
 *   on the vocabulary.
 * The index is then built from the records already present.
 */

// Kysely's migration interface takes a database of unknown shape.
type AnyDb = Kysely<unknown>;

const FOLDED = [
  'f_title_en',
  'f_title_fr',
  'f_keys',
  'f_summary_en',
  'f_summary_fr',
  'f_description_en',
  'f_description_fr',
] as const;

const TEXT = [
  'title_en',
  'title_fr',
  'summary_en',
  'summary_fr',
  'description_en',
  'description_fr',
  'partners',
  'areas_en',
  'areas_fr',
  'acronym',
  'identifier',
  'status',
  'type',
  'workflow_state',
  'start_date',
  'end_date',
  'code',
  'node_kind',
  'plan_id',
] as const;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  let table = db.schema
    .createTable('search_documents')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('sort_date', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull());
  for (const column of TEXT) table = table.addColumn(column, 'text');
  for (const column of FOLDED) table = table.addColumn(column, 'text', (c) => c.notNull().defaultTo(''));
  await table.addUniqueConstraint('search_documents_entity_uq', ['kind', 'entity_id']).execute();
  await db.schema
    .createIndex('search_documents_browse_ix')
    .on('search_documents')
    .columns(['public', 'sort_date', 'updated_at'])
    .execute();

  await db.schema
    .createTable('search_facets')
    .addColumn('doc_id', 'integer', (c) => c.notNull().references('search_documents.id').onDelete('cascade'))
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_facets_pk', ['facet', 'value', 'doc_id'])
    .execute();
  await db.schema
    .createIndex('search_facets_doc_ix')
    .on('search_facets')
    .columns(['doc_id', 'facet', 'value'])
    .execute();

  await db.schema
    .createTable('search_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute();

  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    const vector = (lang: 'en' | 'fr') =>
      sql.raw(
        `setweight(to_tsvector('simple'::regconfig, f_title_${lang}), 'A') || ` +
          `setweight(to_tsvector('simple'::regconfig, f_keys), 'B') || ` +
          `setweight(to_tsvector('simple'::regconfig, f_summary_${lang}), 'C') || ` +
          `setweight(to_tsvector('simple'::regconfig, f_description_${lang}), 'D')`,
      );
    for (const lang of ['en', 'fr'] as const) {
      await sql`alter table search_documents add column ${sql.raw(`tsv_${lang}`)} tsvector generated always as (${vector(lang)}) stored`.execute(
        db,
      );
    }
    await sql`create index search_documents_tsv_ix on search_documents using gin ((tsv_en || tsv_fr))`.execute(db);
    await sql`create index search_words_trgm_ix on search_words using gin (word gin_trgm_ops)`.execute(db);
  } else {
    const cols = FOLDED.join(', ');
    const news = FOLDED.map((c) => `new.${c}`).join(', ');
    const olds = FOLDED.map((c) => `old.${c}`).join(', ');
    await sql
      .raw(
        `create virtual table search_fts using fts5(${cols}, content='search_documents', content_rowid='id', ` +
          `tokenize='unicode61 remove_diacritics 0', prefix='1 2 3 4')`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_documents_ai after insert on search_documents begin ` +
          `insert into search_fts(rowid, ${cols}) values (new.id, ${news}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_documents_ad after delete on search_documents begin ` +
          `insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${olds}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger search_documents_au after update of ${cols} on search_documents begin ` +
          `insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${olds}); ` +
          `insert into search_fts(rowid, ${cols}) values (new.id, ${news}); end`,
      )
      .execute(db);
    await db.schema
      .createTable('search_word_trigrams')
      .addColumn('trigram', 'text', (c) => c.notNull())
      .addColumn('word', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_word_trigrams_pk', ['trigram', 'word'])
      .modifyEnd(sql`without rowid`)
      .execute();
  }

  // The index of the records already present. withTables gives the builder the tables' row types
  // (as a mapped type: an interface has no index signature).
  await new SearchIndexRepository(
    db.withTables<{ [T in keyof Database]: Database[T] }>(),
    pg ? 'postgres' : 'sqlite',
  ).rebuild();
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop table if exists search_fts`.execute(db);
    await db.schema.dropTable('search_word_trigrams').ifExists().execute();
  }
  await db.schema.dropTable('search_words').ifExists().execute();
  await db.schema.dropTable('search_facets').ifExists().execute();
  await db.schema.dropTable('search_documents').ifExists().execute();
}
