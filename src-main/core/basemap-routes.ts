import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname } from 'node:path';
import { BASEMAP_CHOICE_PATH, type BasemapChoice, CUSTOM_PMTILES_PATH } from '../../src-shared/basemap';
import { createDataFileHandler } from './data-files';
import { writeJsonHead } from './http-util';

/**
 * The basemap production configured: which one the map draws (BASEMAP_CHOICE_PATH, public like the tiles) and the
 * `--basemap` PMTiles file itself, with range requests. Answers true when the path was one of these routes.
 */
export function createBasemapRoutes(file: string | null, style: string | null) {
  const choice: BasemapChoice = file
    ? { kind: 'pmtiles', path: CUSTOM_PMTILES_PATH }
    : style
      ? { kind: 'style', url: style }
      : { kind: 'offline' };
  const serveFile = file ? createDataFileHandler(dirname(file)) : null;
  return async function route(path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (path === BASEMAP_CHOICE_PATH) {
      const text = writeJsonHead(res, 200, choice, { 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      // HEAD answers the headers GET would (its content-length included) and no body.
      res.end(req.method === 'HEAD' ? undefined : text);
      return true;
    }
    if (path === CUSTOM_PMTILES_PATH && file && serveFile) {
      await serveFile(`/${encodeURIComponent(basename(file))}`, req, res);
      return true;
    }
    return false;
  };
}
