import { replayEdited, type CameraContext, type HandlerTable } from '../context';
import { overrideEncodings, profileBlocks } from '../profiles';
import { rewriteCapturedUrls, streamUriXml } from '../rewrite';
import { faultReply, FAULTS, soapReply } from '../soap/envelope';
import { NS } from '../soap/ns';
import type { SoapRequest } from '../soap/request';
import { textAt } from '../soap/xml';

const URI_ELEMENT = /(<((?:[\w.-]+:)?)Uri>)([^<]*)(<\/\2Uri>)/;

const noProfile = (token: string) =>
  FAULTS.invalidArg('ter:NoProfile', `The requested profile token ${token} does not exist`);

const PTZ_CONFIGURATION = /<((?:[\w.-]+:)?)PTZConfiguration\b[^>]*?(?:\/>|>[\s\S]*?<\/\1PTZConfiguration>)/g;

/** A fixed camera's profiles: the captured PTZ dome's, minus their PTZ configuration. */
export function withoutPtzConfiguration(profilesXml: string): string {
  return profilesXml.replace(PTZ_CONFIGURATION, '');
}

export function createMediaHandlers(ctx: CameraContext): HandlerTable {
  const tokens = new Set(ctx.profiles.map((p) => p.token));
  const profileOf = (request: SoapRequest) => textAt(request.operation, 'ProfileToken') ?? '';
  const getProfilesBody = () => {
    const capture = ctx.captures.get('media', 'GetProfiles');
    if (!capture) return '';
    const body = overrideEncodings(rewriteCapturedUrls(capture.body, ctx.uris), ctx.options.videoEncodings);
    return ctx.options.ptz ? body : withoutPtzConfiguration(body);
  };

  return {
    'media:GetProfiles': () => replayEdited(ctx, 'media', 'GetProfiles', () => getProfilesBody()),

    // Computed from GetProfiles, so every token works (the capture answers only one).
    'media:GetProfile': (request) => {
      const token = profileOf(request);
      const envelope = ctx.captures.get('media', 'GetProfiles') ?? ctx.base;
      const block = profileBlocks(getProfilesBody()).get(token);
      if (!block) return faultReply(envelope, noProfile(token));
      const p = block.prefix;
      const declaration = p ? `xmlns:${p.slice(0, -1)}="${NS.media}"` : `xmlns="${NS.media}"`;
      return soapReply(
        envelope,
        `<${p}GetProfileResponse ${declaration}>` +
          `<${p}Profile${block.attrs}>${block.inner}</${p}Profile></${p}GetProfileResponse>`,
      );
    },

    'media:GetStreamUri': (request) => {
      const token = profileOf(request);
      if (!tokens.has(token))
        return faultReply(ctx.captures.get('media', 'GetStreamUri') ?? ctx.base, noProfile(token));
      const configured = ctx.options.rtspUrls[token] ?? ctx.options.rtspUrl;
      return replayEdited(ctx, 'media', 'GetStreamUri', (body) =>
        body.replace(URI_ELEMENT, (_, open: string, _p: string, captured: string, close: string) => {
          return `${open}${streamUriXml(ctx.uris, configured, captured)}${close}`;
        }),
      );
    },

    'media:GetSnapshotUri': (request) => {
      const token = profileOf(request);
      if (!tokens.has(token)) {
        return faultReply(ctx.captures.get('media', 'GetSnapshotUri') ?? ctx.base, noProfile(token));
      }
      return replayEdited(ctx, 'media', 'GetSnapshotUri', (body) => body);
    },
  };
}
