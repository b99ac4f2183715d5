import { NS, serviceOf, type ServiceKey } from './ns';
import { child, parseXml, XmlError, type XmlElement } from './xml';

export interface SoapRequest {
  readonly header: XmlElement | undefined;
  /** The operation: the Body's first element. */
  readonly operation: XmlElement;
  readonly method: string;
  readonly ns: string;
  /** Which ONVIF service the operation's namespace belongs to; undefined for anything else (Media2, vendor). */
  readonly service: ServiceKey | undefined;
}

/** Reads a SOAP 1.2 (or 1.1) request; throws XmlError with a reason a fault can carry. */
export function parseSoapRequest(text: string): SoapRequest {
  const root = parseXml(text);
  if (root.local !== 'Envelope' || (root.ns !== NS.soap12 && root.ns !== NS.soap11)) {
    throw new XmlError('not a SOAP envelope');
  }
  const header = child(root, 'Header', root.ns);
  const body = child(root, 'Body', root.ns);
  const operation = body?.children[0];
  if (!operation) throw new XmlError('empty SOAP Body');
  return { header, operation, method: operation.local, ns: operation.ns, service: serviceOf(operation.ns) };
}
