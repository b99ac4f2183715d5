import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Attachments } from '../attachments/attachments';
import { normalizeTrackingCode } from '../../src-shared/domain/cases/tracking-code';
import type { ServerDatabase } from '../db/schema';
import { formFields } from './form-fields';
import { FormGuard, isSameOrigin } from './form-guard';
import { sendPage } from './html';
import { type PageMessageKey, t } from './messages';
import { loadPublicCase } from './public-case';
import { rateCase, RatingFormSchema } from './ratings';
import { renderCase, renderLookup, renderNotFound, TRACK_PREFIX } from './render-track';

export interface TrackingDeps {
  db: Kysely<ServerDatabase>;
  now: () => Date;
  /** Public photos and videos of the case (published copies: no EXIF). */
  attachments: Attachments;
}

const REFUSALS: Readonly<Record<'not_found' | 'not_resolved' | 'already_rated', PageMessageKey>> = {
  not_found: 'not_found_title',
  not_resolved: 'rating_not_resolved',
  already_rated: 'rating_already',
};

/** The citizen-facing tracking pages: server-rendered, no script, Vietnamese. */
export function registerTracking(app: FastifyInstance, deps: TrackingDeps): void {
  const guard = new FormGuard(deps.now);
  const ratingPurpose = (caseId: string) => `rating:${caseId}`;

  async function showCase(code: string, status: number, notice: Parameters<typeof renderCase>[1]['notice']) {
    const found = await loadPublicCase(deps.db, code);
    if (!found) return null;
    const rateable = (found.state === 'resolved' || found.state === 'closed') && found.rating === null;
    const media = await deps.attachments.listForCase(found.id, { publicOnly: true });
    return {
      status,
      body: renderCase(found, {
        ratingToken: rateable ? guard.token(ratingPurpose(found.id)) : null,
        notice,
        media,
      }),
    };
  }

  app.get<{ Querystring: { code?: unknown } }>(TRACK_PREFIX, async (req, reply) => {
    const input = typeof req.query.code === 'string' ? req.query.code : null;
    if (input === null || input.trim() === '') return sendPage(reply, 200, renderLookup());
    const code = normalizeTrackingCode(input);
    if (!code) return sendPage(reply, 404, renderNotFound(input));
    return reply.redirect(`${TRACK_PREFIX}/${code}`, 303);
  });

  app.get<{ Params: { code: string } }>(`${TRACK_PREFIX}/:code`, async (req, reply) => {
    const code = normalizeTrackingCode(req.params.code);
    if (!code) return sendPage(reply, 404, renderNotFound(req.params.code));
    if (code !== req.params.code) return reply.redirect(`${TRACK_PREFIX}/${code}`, 301);
    const shown = await showCase(code, 200, null);
    if (!shown) return sendPage(reply, 404, renderNotFound(code));
    return sendPage(reply, shown.status, shown.body);
  });

  app.post<{ Params: { code: string } }>(`${TRACK_PREFIX}/:code/rating`, async (req, reply) => {
    const code = normalizeTrackingCode(req.params.code);
    const found = code ? await loadPublicCase(deps.db, code) : null;
    if (!code || !found) return sendPage(reply, 404, renderNotFound(req.params.code));
    const fields = formFields(req.body);
    const error = (status: number, text: string) =>
      showCase(code, status, { kind: 'error', text }).then((s) => sendPage(reply, status, s!.body));
    if (!isSameOrigin(req) || !guard.checkToken(ratingPurpose(found.id), fields?.token)) {
      return error(403, t('form_expired'));
    }
    const parsed = RatingFormSchema.safeParse({ rating: fields?.rating, comment: fields?.comment ?? '' });
    if (!parsed.success) return error(400, t('rating_refused', { reason: t('rating_invalid') }));
    const outcome = await rateCase(deps.db, found.id, parsed.data, deps.now());
    if (!outcome.ok) return error(409, t('rating_refused', { reason: t(REFUSALS[outcome.reason]) }));
    return reply.redirect(`${TRACK_PREFIX}/${code}`, 303);
  });
}
