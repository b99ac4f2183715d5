// The slice of xml2js (a dependency of onvif) that the camera service uses; it ships no types.
declare module 'xml2js' {
  export interface ParserOptions {
    tagNameProcessors?: ((name: string) => string)[];
    attrNameProcessors?: ((name: string) => string)[];
    explicitArray?: boolean;
    strict?: boolean;
  }
  export function parseString(
    xml: string,
    options: ParserOptions,
    callback: (error: Error | null, result: unknown) => void,
  ): void;
}
