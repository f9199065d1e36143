import assert from 'node:assert/strict';
import { test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { reusingStatements } from './database';

function connection() {
  const sqlite = new SqliteDatabase(':memory:');
  sqlite.exec('create table t (n integer)');
  sqlite.exec('insert into t values (1), (2), (3)');
  return sqlite;
}

test('a statement prepared once is handed out again for the same SQL', () => {
  const db = reusingStatements(connection());
  const first = db.prepare('select n from t order by n');
  assert.equal(db.prepare('select n from t order by n'), first);
  assert.notEqual(db.prepare('select n from t order by n desc'), first);
  assert.deepEqual(first.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  db.close();
});

test('a statement still being read is not handed out twice', () => {
  const db = reusingStatements(connection());
  const reading = db.prepare('select n from t order by n');
  const rows = reading.iterate([]);
  assert.deepEqual(rows.next().value, { n: 1 });
  const other = db.prepare('select n from t order by n');
  assert.notEqual(other, reading);
  assert.deepEqual(other.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.deepEqual(rows.next().value, { n: 2 });
  rows.return?.();
  db.close();
});

test('the least recently used statement is dropped beyond the size', () => {
  const db = reusingStatements(connection(), 2);
  const a = db.prepare('select 1');
  const b = db.prepare('select 2');
  assert.equal(db.prepare('select 1'), a);
  db.prepare('select 3');
  assert.equal(db.prepare('select 1'), a, 'used most recently: kept');
  assert.notEqual(db.prepare('select 2'), b, 'used least recently: dropped and prepared again');
  db.close();
});
