import { parseDuration, parseTerminationTime } from '../clock';
import { envelopeFor, type CameraContext, type CallInfo, type HandlerTable } from '../context';
import type { EventHub, Subscription } from '../events/hub';
import { topicFilter } from '../events/messages';
import { faultReply, FAULTS, soapReply, type HttpReply } from '../soap/envelope';
import { NS } from '../soap/ns';
import type { SoapRequest } from '../soap/request';
import { escapeXml, findDeep, textAt } from '../soap/xml';

const MAX_PULL_MS = 60_000;
const AXIS_EVENT_NS = 'http://www.axis.com/2009/event';
const PELCO_ADDRESSING_NS = 'urn:schemas-pelco-com:ws:addressing:1';

export function createEventHandlers(ctx: CameraContext, hub: EventHub): HandlerTable {
  const envelope = (method: string) => envelopeFor(ctx, 'events', method);
  const t = (ms: number) => ctx.time(ms);

  /** Runs `act` on the subscription the call addresses, or answers ResourceUnknownFault. */
  const onSubscription = (
    request: SoapRequest,
    call: CallInfo,
    act: (sub: Subscription) => HttpReply | Promise<HttpReply>,
  ): HttpReply | Promise<HttpReply> => {
    const headerId = request.header ? findDeep(request.header, 'SubscriptionId')?.text.trim() : undefined;
    const sub = hub.find(call.url.pathname + call.url.search, headerId);
    if (!sub) return faultReply(envelope(request.method), FAULTS.resourceUnknown(t(ctx.clock.now())));
    return act(sub);
  };

  const referenceParameters = (sub: Subscription): string => {
    if (sub.referenceId === null) return '';
    const id = escapeXml(sub.referenceId);
    const param =
      ctx.spec.subscriptions === 'axis'
        ? `<dom0:SubscriptionId xmlns:dom0="${AXIS_EVENT_NS}">${id}</dom0:SubscriptionId>`
        : `<pwsa:SubscriptionId xmlns:pwsa="${PELCO_ADDRESSING_NS}">${id}</pwsa:SubscriptionId>`;
    return `<wsa5:ReferenceParameters>${param}</wsa5:ReferenceParameters>`;
  };

  return {
    'events:CreatePullPointSubscription': (request) => {
      const now = ctx.clock.now();
      const initial = textAt(request.operation, 'InitialTerminationTime');
      const terminationAt = initial ? parseTerminationTime(initial, now) : null;
      if (initial && (terminationAt === null || terminationAt <= now)) {
        return faultReply(envelope(request.method), {
          code: 'Sender',
          subcodes: ['wsnt:UnacceptableInitialTerminationTimeFault'],
          reason: `Unacceptable InitialTerminationTime ${initial}`,
        });
      }
      const expression = findDeep(request.operation, 'TopicExpression')?.text.trim();
      const sub = hub.create(terminationAt, expression ? topicFilter(expression) : null);
      if (!sub) {
        const captured = ctx.captures.get('events', 'CreatePullPointSubscription');
        if (captured?.kind === 'fault') return soapReply(captured, captured.body, 500);
        return faultReply(envelope(request.method), {
          code: 'Receiver',
          subcodes: ['ter:Action'],
          reason: 'Maximum number of subscriptions reached',
          detail: `<wsnt:SubscribeCreationFailedFault><wsrf-bf:Timestamp>${t(now)}</wsrf-bf:Timestamp></wsnt:SubscribeCreationFailedFault>`,
        });
      }
      ctx.log(`subscription ${sub.id} created until ${t(sub.terminationAt)}`);
      return soapReply(
        envelope(request.method),
        `<tev:CreatePullPointSubscriptionResponse xmlns:tev="${NS.events}" xmlns:wsa5="${NS.wsa5}" xmlns:wsnt="${NS.wsnt}">` +
          `<tev:SubscriptionReference><wsa5:Address>${escapeXml(sub.address)}</wsa5:Address>${referenceParameters(sub)}` +
          `</tev:SubscriptionReference><wsnt:CurrentTime>${t(now)}</wsnt:CurrentTime>` +
          `<wsnt:TerminationTime>${t(sub.terminationAt)}</wsnt:TerminationTime></tev:CreatePullPointSubscriptionResponse>`,
      );
    },

    'events:PullMessages': (request, call) =>
      onSubscription(request, call, async (sub) => {
        const timeoutText = textAt(request.operation, 'Timeout') ?? 'PT0S';
        const timeout = parseDuration(timeoutText);
        const limit = Number(textAt(request.operation, 'MessageLimit') ?? '1');
        if (timeout === null || timeout < 0 || !Number.isInteger(limit) || limit < 1) {
          return faultReply(
            envelope(request.method),
            FAULTS.invalidArg('ter:InvalidArgs', 'Bad Timeout or MessageLimit'),
          );
        }
        const messages = await hub.pull(sub, Math.min(timeout, MAX_PULL_MS), limit, call.signal);
        const now = ctx.clock.now();
        return soapReply(
          envelope(request.method),
          `<tev:PullMessagesResponse xmlns:tev="${NS.events}" xmlns:wsnt="${NS.wsnt}">` +
            `<tev:CurrentTime>${t(now)}</tev:CurrentTime><tev:TerminationTime>${t(sub.terminationAt)}</tev:TerminationTime>` +
            `${messages.join('')}</tev:PullMessagesResponse>`,
        );
      }),

    'events:Renew': (request, call) =>
      onSubscription(request, call, (sub) => {
        const now = ctx.clock.now();
        const wanted = textAt(request.operation, 'TerminationTime');
        const until = wanted ? parseTerminationTime(wanted, now) : now + sub.durationMs;
        if (until === null || until <= now) {
          return faultReply(envelope(request.method), {
            code: 'Sender',
            subcodes: ['wsnt:UnacceptableTerminationTimeFault'],
            reason: `Unacceptable TerminationTime ${wanted ?? ''}`,
          });
        }
        hub.renew(sub, until);
        return soapReply(
          envelope(request.method),
          `<wsnt:RenewResponse xmlns:wsnt="${NS.wsnt}"><wsnt:TerminationTime>${t(until)}</wsnt:TerminationTime>` +
            `<wsnt:CurrentTime>${t(now)}</wsnt:CurrentTime></wsnt:RenewResponse>`,
        );
      }),

    'events:Unsubscribe': (request, call) =>
      onSubscription(request, call, (sub) => {
        hub.unsubscribe(sub);
        ctx.log(`subscription ${sub.id} ended by the client`);
        return soapReply(envelope(request.method), `<wsnt:UnsubscribeResponse xmlns:wsnt="${NS.wsnt}"/>`);
      }),

    'events:SetSynchronizationPoint': (request, call) =>
      onSubscription(request, call, (sub) => {
        hub.synchronize(sub);
        return soapReply(envelope(request.method), `<tev:SetSynchronizationPointResponse xmlns:tev="${NS.events}"/>`);
      }),
  };
}
