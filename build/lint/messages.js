// One message per broken layering rule; each says why the rule exists (DESIGN.md §3).

const SHARED_WHY = 'shared code runs in the renderer, the core and the server alike.';
const ELECTRON_WHY = 'services and core must run in the browser host and in tests, where no Electron exists.';
const RENDERER_WHY = 'the renderer runs sandboxed and reaches the workstation only through src-renderer/bridge.';

export const MESSAGES = {
  sharedNode: `src-shared must not import the Node built-in '{{spec}}': ${SHARED_WHY}`,
  sharedPackage: `src-shared may import only its own files and pure packages ({{allowed}}), not '{{spec}}': ${SHARED_WHY}`,
  sharedOutside: `src-shared must not import '{{spec}}' from outside src-shared: ${SHARED_WHY}`,
  electronOutside: `Only src-main/electron/ may import '{{spec}}': ${ELECTRON_WHY}`,
  coreToElectron: `src-main/core must not import src-main/electron ('{{spec}}'): ${ELECTRON_WHY} Electron calls into the core, not the reverse.`,
  serviceInternal:
    "Service '{{unit}}' must reach service '{{other}}' only through its index.ts (import the directory), not '{{spec}}': a service's internals can change without breaking its neighbours.",
  serviceUpward:
    "Service '{{unit}}' must not import {{where}} ('{{spec}}'): dependencies flow core → services, and services must run in the browser host and in tests where no Electron exists.",
  rendererNode: `src-renderer must not import the Node built-in '{{spec}}': ${RENDERER_WHY}`,
  rendererPackage: `src-renderer must not import the Node-only package '{{spec}}': ${RENDERER_WHY}`,
  rendererOutside: `src-renderer must not import {{where}} ('{{spec}}'); it may import src-shared and browser packages: ${RENDERER_WHY}`,
  featureInternal:
    "Feature '{{unit}}' must reach feature '{{other}}' only through its index.ts(x), not '{{spec}}': features stay independent so one can be removed without breaking the others.",
  serverOutside:
    "src-server must not import {{where}} ('{{spec}}'): the central server shares only src-shared with the workstation; they are separate programs that talk over the wire.",
  mainOutside:
    "src-main must not import {{where}} ('{{spec}}'): the core and services run headless; the renderer and the server are separate programs that talk to them over the wire.",
  unknownLayer:
    "Product code must not import {{where}} ('{{spec}}'): it belongs to no layer of DESIGN.md §3, so none of the layering rules would guard it. Put shared code in src-shared, or add the layer to DESIGN.md §3 and build/lint/layers.js with its rules.",
  simOrTests:
    "Product code must not import {{where}} ('{{spec}}'): simulated devices and test helpers never ship. Only tests/, sim/, scripts/ and *.test.ts / *.bench.ts files may.",
};

/** @typedef {keyof typeof MESSAGES} MessageId */
