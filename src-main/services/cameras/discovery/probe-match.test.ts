import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../tests/netns/onvif-fixtures';
import { parseProbeMatches, probeMessage, reachableAt, scopeValue } from './probe-match';

const probeMatches = (xaddrs: string) => fixture('agsh-onvif/Probe.xml').replace('SERVICE_URI', xaddrs);

describe('WS-Discovery ProbeMatches', () => {
  it('reads the agsh capture: endpoint, types, scopes, XAddrs', () => {
    const [match] = parseProbeMatches(probeMatches('http://192.168.68.111/onvif/device_service'));
    expect(match).toMatchObject({
      urn: 'uuid:c9790c3a-701b-464d-a189-0060351c8ada',
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      xaddrs: ['http://192.168.68.111/onvif/device_service'],
    });
    expect(scopeValue(match!.scopes, 'name')).toBe('PREDATOR');
    expect(scopeValue(match!.scopes, 'hardware')).toBe('HD_PREDATOR');
  });

  it('splits XAddrs on double spaces and newlines and survives IPv6 zone ids (the library drops these)', () => {
    const [match] = parseProbeMatches(
      probeMatches(
        '\n http://127.0.0.1:8081/onvif/device_service  http://10.0.0.5/onvif/device_service\nhttp://[fe80::1%eth0]/onvif/device_service \n',
      ),
    );
    expect(match?.xaddrs).toEqual([
      'http://127.0.0.1:8081/onvif/device_service',
      'http://10.0.0.5/onvif/device_service',
      'http://[fe80::1%eth0]/onvif/device_service',
    ]);
    // Reached where the answer came from, on the port of the XAddr for that host.
    expect(reachableAt(match!, '127.0.0.1')).toEqual({ host: '127.0.0.1', port: 8081, path: '/onvif/device_service' });
    // Answer from an address the camera does not list (NAT, old IP): the source wins, the first XAddr's port.
    expect(reachableAt(match!, '127.0.0.9')).toEqual({ host: '127.0.0.9', port: 8081, path: '/onvif/device_service' });
  });

  it('reads every ProbeMatch of a message, and Hello announcements', () => {
    const two = probeMatches('http://127.0.0.1:1/onvif/device_service').replace(
      /(<wsdd:ProbeMatch>[\s\S]*<\/wsdd:ProbeMatch>)/,
      '$1$1',
    );
    expect(parseProbeMatches(two)).toHaveLength(2);
    const hello =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing"><e:Body><d:Hello><w:EndpointReference><w:Address>urn:uuid:1</w:Address></w:EndpointReference><d:Types>NetworkVideoTransmitter</d:Types><d:XAddrs>http://127.0.0.1:2/onvif/device_service</d:XAddrs></d:Hello></e:Body></e:Envelope>';
    expect(parseProbeMatches(hello)).toEqual([
      {
        urn: 'urn:uuid:1',
        types: ['NetworkVideoTransmitter'],
        scopes: [],
        xaddrs: ['http://127.0.0.1:2/onvif/device_service'],
      },
    ]);
  });

  it('ignores anything else: our own probe, garbage, hostile XML', () => {
    expect(parseProbeMatches(probeMessage('dn:NetworkVideoTransmitter'))).toEqual([]);
    expect(parseProbeMatches('not xml')).toEqual([]);
    expect(parseProbeMatches(Buffer.from([0xff, 0xfe, 0x00]))).toEqual([]);
    expect(parseProbeMatches('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toEqual([]);
    expect(parseProbeMatches(probeMatches(''))).toEqual([]);
  });

  it('probes for both NetworkVideoTransmitter and tds:Device', () => {
    expect(probeMessage('tds:Device', 'uuid:x')).toContain('<d:Types>tds:Device</d:Types>');
    expect(probeMessage('tds:Device', 'uuid:x')).toContain('<a:MessageID>uuid:x</a:MessageID>');
  });
});
