/** SOAP 1.2 envelope, the same prefixes the onvif library uses (`s:` envelope, `a:` WS-Addressing). */
export function soapEnvelope(body: string, headers = ''): string {
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
    `<s:Header>${headers}</s:Header>` +
    '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    body +
    '</s:Body></s:Envelope>'
  );
}

/** Namespaces of the ONVIF services we call ourselves. */
export const NS = {
  device: 'http://www.onvif.org/ver10/device/wsdl',
  events: 'http://www.onvif.org/ver10/events/wsdl',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  schema: 'http://www.onvif.org/ver10/schema',
} as const;
