import type { Capture } from './captures';
import { child, descend, parseXml, textAt } from './soap/xml';

export type VideoEncoding = 'H264' | 'H265' | 'JPEG';

export interface SimProfile {
  readonly token: string;
  readonly name: string;
  readonly encoding: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** The profile carries a PTZConfiguration. */
  readonly ptz: boolean;
}

const PROFILE_BLOCK = /<((?:[\w.-]+:)?)Profiles\b([^>]*)>([\s\S]*?)<\/\1Profiles\s*>/g;

/** Profiles as the captured GetProfiles answer describes them, in capture order. */
export function readProfiles(getProfiles: Capture): SimProfile[] {
  const root = parseXml(getProfiles.head + getProfiles.body + getProfiles.tail);
  const response = child(root, 'Body')?.children[0];
  return (response?.children ?? [])
    .filter((el) => el.local === 'Profiles')
    .map((el) => {
      const vec = child(el, 'VideoEncoderConfiguration');
      return {
        token: el.attrs.token ?? '',
        name: textAt(el, 'Name') ?? '',
        encoding: textAt(vec, 'Encoding') ?? '',
        width: Number(textAt(vec, 'Resolution', 'Width') ?? 0),
        height: Number(textAt(vec, 'Resolution', 'Height') ?? 0),
        fps: Number(textAt(vec, 'RateControl', 'FrameRateLimit') ?? 0),
        ptz: descend(el, 'PTZConfiguration') !== undefined,
      };
    });
}

export interface ProfileBlock {
  readonly prefix: string;
  readonly attrs: string;
  readonly inner: string;
}

/** The raw XML of each `<trt:Profiles>` element of a GetProfiles body, by token. */
export function profileBlocks(body: string): Map<string, ProfileBlock> {
  const blocks = new Map<string, ProfileBlock>();
  for (const m of body.matchAll(PROFILE_BLOCK)) {
    const attrs = m[2] ?? '';
    const token = /\btoken="([^"]*)"/.exec(attrs)?.[1];
    if (token !== undefined) blocks.set(token, { prefix: m[1] ?? '', attrs, inner: m[3] ?? '' });
  }
  return blocks;
}

/** Replaces the video encoding of the given profiles inside a GetProfiles body. */
export function overrideEncodings(body: string, encodings: Readonly<Record<string, VideoEncoding>>): string {
  return body.replace(PROFILE_BLOCK, (whole, prefix: string, attrs: string, inner: string) => {
    const token = /\btoken="([^"]*)"/.exec(attrs)?.[1];
    const encoding = token === undefined ? undefined : encodings[token];
    if (!encoding) return whole;
    const replaced = inner.replace(
      /(<((?:[\w.-]+:)?)VideoEncoderConfiguration\b[\s\S]*?<((?:[\w.-]+:)?)Encoding>)[^<]*(<\/\3Encoding>)/,
      `$1${encoding}$4`,
    );
    return `<${prefix}Profiles${attrs}>${replaced}</${prefix}Profiles>`;
  });
}
