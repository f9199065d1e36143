import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to an SQLite file under ./data on port 8080', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.deepEqual(c.database, { kind: 'sqlite', file: path.resolve('data', 'actionline.sqlite') });
    assert.equal(c.seedOnStart, true);
  });
  it('selects PostgreSQL from DATABASE_URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/al', DB_POOL_SIZE: '4' });
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@db:5432/al', poolSize: 4 });
  });
  it('accepts an explicit SQLite path', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database, {
      kind: 'sqlite',
      file: '/tmp/x.sqlite',
    });
  });
  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3);
      assert.match(err.message, /PORT/);
      assert.match(err.message, /DATABASE_URL: use postgres:\/\//);
      assert.match(err.message, /LOG_LEVEL/);
    }
  });
});
