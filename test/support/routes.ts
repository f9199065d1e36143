import type { TestServer } from './server';

/** A real record of the seed for each collection a route's parameter names, so that requests reach their checks. */
export async function seedRecordIds(server: TestServer): Promise<Map<string, string>> {
  const plan = (await server.get<{ items: { slug: string }[] }>('/api/v1/plans')).body.items[0]!;
  const detail = (await server.get<{ framework: { id: string }[] }>(`/api/v1/plans/${plan.slug}`)).body;
  const activity = (await server.get<{ items: { id: string }[] }>('/api/v1/activities?pageSize=1')).body.items[0]!;
  const org = (await server.get<{ items: { id: string }[] }>('/api/v1/organisations?pageSize=1')).body.items[0]!;
  return new Map([
    ['plans', plan.slug],
    ['framework-nodes', detail.framework[0]!.id],
    ['activities', activity.id],
    ['organisations', org.id],
  ]);
}

/**
 * A route as Fastify writes it (`/api/v1/activities/:id`) with each parameter filled: the record of the collection
 * before it where `ids` has one, version 1, USD for 2012 (a rate of the seed), else an id that matches nothing.
 */
export function fillRoute(route: string, ids: ReadonlyMap<string, string>): string {
  const parts = route.split('/');
  return parts
    .map((p, i) => {
      if (!p.startsWith(':')) return p;
      if (p === ':version') return '1';
      if (p === ':currency') return 'USD';
      if (p === ':year') return '2012';
      return encodeURIComponent(ids.get(parts[i - 1] ?? '') ?? 'not-a-record');
    })
    .join('/');
}
