import type { CarryOverResult, CrosswalkEntry, PlanCrosswalk } from '../../shared/api-types';
import { call } from './workspace';

const seg = encodeURIComponent;
const pair = (from: string, to: string) => `/plans/${seg(from)}/crosswalk/${seg(to)}`;

/** The crosswalk between two successive plans, its entries, and carry-over along it (docs/crosswalks.md). */
export const crosswalks = {
  get: async (from: string, to: string, signal?: AbortSignal) =>
    (await call<PlanCrosswalk>('GET', pair(from, to), { signal })).data,
  add: async (from: string, to: string, input: unknown) =>
    (await call<CrosswalkEntry>('POST', `${pair(from, to)}/entries`, { body: input })).data,
  update: async (id: string, version: number, input: unknown) =>
    (await call<CrosswalkEntry>('PUT', `/crosswalk-entries/${seg(id)}`, { body: input, version })).data,
  remove: async (id: string, version: number) => {
    await call<null>('DELETE', `/crosswalk-entries/${seg(id)}`, { version });
  },
  carryOver: async (from: string, to: string, input: unknown) =>
    (await call<CarryOverResult>('POST', `${pair(from, to)}/carry-over`, { body: input })).data,
};
