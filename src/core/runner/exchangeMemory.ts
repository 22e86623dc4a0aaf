import { SizeBoundedMap } from '../sizeBoundedMap';
import type { RecordedExchange } from './requestVariables';

/** Characters of bodies and headers kept for request variables, over all named exchanges. */
export const EXCHANGE_MEMORY_CHARS = 64 * 1024 * 1024;

/**
 * The named exchanges request variables read (`{{login.response.body.$.token}}`), bounded by
 * their total size in characters; one exchange larger than the bound is not kept.
 */
export class ExchangeMemory extends SizeBoundedMap<string, RecordedExchange> {
  constructor(maxChars = EXCHANGE_MEMORY_CHARS) {
    super({ maxSize: maxChars, sizeOf: exchangeSize });
  }
}

function exchangeSize(exchange: RecordedExchange): number {
  let size = exchange.response.body.length + (exchange.request.body?.length ?? 0);
  for (const headers of [exchange.request.headers, exchange.response.headers]) {
    for (const [name, value] of Object.entries(headers)) size += name.length + value.length;
  }
  return size;
}
