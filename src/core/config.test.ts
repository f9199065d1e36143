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
    assert.equal(c.seedDemo, false);
    assert.deepEqual(c.rateLimits, { compute: 600, files: 60 });
  });
  it('loads the demonstration data on start only with SEED_DEMO', () => {
    assert.equal(loadConfig({ SEED_DEMO: '1' }).seedDemo, true);
    assert.equal(loadConfig({ SEED_DEMO: 'false' }).seedDemo, false);
    assert.throws(() => loadConfig({ SEED_DEMO: 'yes' }), /SEED_DEMO/);
  });
  it('reads the rate limits, 0 for none, and refuses a negative one', () => {
    const c = loadConfig({ RATE_LIMIT_COMPUTE_PER_MINUTE: '0', RATE_LIMIT_FILES_PER_MINUTE: '12' });
    assert.deepEqual(c.rateLimits, { compute: 0, files: 12 });
    assert.throws(() => loadConfig({ RATE_LIMIT_FILES_PER_MINUTE: '-1' }), /RATE_LIMIT_FILES_PER_MINUTE/);
  });
  it('selects PostgreSQL from DATABASE_URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/al', DB_POOL_SIZE: '4' });
    assert.deepEqual(c.database, {
      kind: 'postgres',
      url: 'postgres://u@db:5432/al',
      poolSize: 4,
      connectTimeoutMs: 10_000,
      statementTimeoutMs: 0,
    });
    assert.equal(c.replica, undefined);
  });
  it('reads the connection and statement timeouts and a read replica for every instance of a cluster', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@primary:5432/al',
      DATABASE_REPLICA_URL: 'postgresql://u@replica:5432/al',
      DB_POOL_SIZE: '20',
      DB_CONNECT_TIMEOUT_MS: '3000',
      DB_STATEMENT_TIMEOUT_MS: '30000',
    });
    assert.deepEqual(c.replica, {
      kind: 'postgres',
      url: 'postgresql://u@replica:5432/al',
      poolSize: 20,
      connectTimeoutMs: 3000,
      statementTimeoutMs: 30_000,
    });
    assert.equal(c.database.kind === 'postgres' && c.database.statementTimeoutMs, 30_000);
  });
  it('refuses a read replica without a PostgreSQL primary, and a replica that is not PostgreSQL', () => {
    assert.throws(
      () => loadConfig({ DATABASE_REPLICA_URL: 'postgres://u@replica/al' }),
      /DATABASE_REPLICA_URL: a read replica needs DATABASE_URL/,
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://u@db/al', DATABASE_REPLICA_URL: 'sqlite:/tmp/r.sqlite' }),
      /DATABASE_REPLICA_URL: use postgres:\/\//,
    );
  });
  it('trusts X-Forwarded-* from nobody, everybody, or the listed load balancers only', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback,::1' }).trustProxy, [
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
      '::1',
    ]);
    assert.throws(
      () => loadConfig({ TRUST_PROXY: 'yes please' }),
      /TRUST_PROXY: use true, false, or the load balancer/,
    );
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
