import { z } from 'zod';
import { localizedText, optionalPartialDate, requiredLocalizedText, text } from './fields';

const id = text(100).min(1, 'Give an id.');

/**
 * `POST /api/v1/link-suggestions`: what the activity editor knows of an activity so far (saved or not), and which
 * nodes to leave out; the framework nodes it most likely serves come back, with the reasons.
 */
export const linkSuggestionInputSchema = z
  .object({
    title: requiredLocalizedText(300, 'Give a title in English, French or both: suggestions start from it.'),
    summary: localizedText(1000),
    description: localizedText(20000),
    /** Organisation ids of its partners (any role). */
    partners: z.array(id).max(100, 'Give at most 100 partners.').default([]),
    plannedStart: optionalPartialDate,
    plannedEnd: optionalPartialDate,
    actualStart: optionalPartialDate,
    actualEnd: optionalPartialDate,
    /** Nodes already linked, or already turned down: never suggested. */
    exclude: z.array(id).max(500, 'Leave out at most 500 nodes.').default([]),
    /** The stored activity being edited, if any: the suggestions turned down for it are left out too. */
    activity: id.optional(),
    /** Keep to one plan (its id or slug). */
    plan: text(100).min(1).optional(),
    limit: z.number({ error: 'Give a number from 1 to 10.' }).int().min(1).max(10).default(5),
  })
  .strict();

export type LinkSuggestionInput = z.infer<typeof linkSuggestionInputSchema>;

/** `GET /api/v1/activities/{id}/link-suggestions`: how many to rank. */
export const linkSuggestionQuerySchema = z
  .object({
    limit: z.coerce.number({ error: 'Give a number from 1 to 10.' }).int().min(1).max(10).default(5),
  })
  .strict();

/** `PUT|DELETE /api/v1/activities/{id}/link-rejections/{nodeId}`: turn a suggested node down for an activity, or withdraw that. */
export const linkRejectionParamsSchema = z.object({ id, nodeId: id }).strict();
