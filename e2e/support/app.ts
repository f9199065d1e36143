import { WEB_DIR, webIsBuilt } from '../../src/cli/build-web';
import { DEFAULT_RATE_LIMITS } from '../../src/server/rate-limit';
import { createSqliteDatabase, type TestDatabase } from '../../test/support/databases';
import { startTestServer, type TestServer } from '../../test/support/server';

/**
 * The real server with the built UI (`npm run build`; the test script builds it first) on a fresh, seeded SQLite
 * database; with `demo`, the fictional demonstration partnership is seeded too.
 */
export async function startPortal(
  options: { demo?: boolean } = {},
): Promise<{ server: TestServer; stop: () => Promise<void> }> {
  if (!webIsBuilt()) throw new Error('The web UI is not built: run `npm run build` first.');
  const database: TestDatabase = await createSqliteDatabase();
  // The limits a real installation sets: the UI must never trip them in ordinary use.
  const server = await startTestServer(database, {
    webDir: WEB_DIR,
    rateLimits: DEFAULT_RATE_LIMITS,
    demo: options.demo === true,
  });
  return {
    server,
    stop: async () => {
      await server.close();
      await database.drop();
    },
  };
}
