export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  device: 'http://www.onvif.org/ver10/device/wsdl',
  media: 'http://www.onvif.org/ver10/media/wsdl',
  media2: 'http://www.onvif.org/ver20/media/wsdl',
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  events: 'http://www.onvif.org/ver10/events/wsdl',
  imaging: 'http://www.onvif.org/ver20/imaging/wsdl',
  deviceIO: 'http://www.onvif.org/ver10/deviceIO/wsdl',
  analytics: 'http://www.onvif.org/ver20/analytics/wsdl',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa5: 'http://www.w3.org/2005/08/addressing',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  tns1: 'http://www.onvif.org/ver10/topics',
  wsrfrw: 'http://docs.oasis-open.org/wsrf/rw-2',
  wsrfbf: 'http://docs.oasis-open.org/wsrf/bf-2',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsdd: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
} as const;

export type ServiceKey = 'device' | 'media' | 'ptz' | 'events' | 'imaging' | 'deviceIO' | 'analytics';

const SERVICE_BY_NS: ReadonlyMap<string, ServiceKey> = new Map<string, ServiceKey>([
  [NS.device, 'device'],
  [NS.media, 'media'],
  [NS.ptz, 'ptz'],
  [NS.events, 'events'],
  // Renew, Unsubscribe and friends are WS-BaseNotification operations of the event service.
  [NS.wsnt, 'events'],
  [NS.imaging, 'imaging'],
  [NS.deviceIO, 'deviceIO'],
  [NS.analytics, 'analytics'],
]);

export function serviceOf(namespace: string): ServiceKey | undefined {
  return SERVICE_BY_NS.get(namespace);
}
