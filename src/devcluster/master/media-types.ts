/**
 * Content negotiation of the scheduler endpoint: the exact `Content-Type`
 * rule for requests and the `Accept` rule for SUBSCRIBE (JSON wins when
 * acceptable; absent or `*\/*` means JSON; q-values honoured).
 */
import type { Encoding } from './codec';
import { BadCallError, NotAcceptableError, UnsupportedMediaTypeError } from './errors';

/** The encoding of a request body; the header is compared exactly, as Mesos does. */
export function requestEncoding(contentType: string | undefined): Encoding {
  if (contentType === undefined) throw new BadCallError("Expecting 'Content-Type' to be present");
  if (contentType === 'application/json') return 'json';
  if (contentType === 'application/x-protobuf') return 'protobuf';
  throw new UnsupportedMediaTypeError();
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [range, ...params] = part.split(';').map((s) => s.trim());
      const [type = '', subtype = ''] = (range ?? '').toLowerCase().split('/');
      const qParam = params.find((p) => /^q\s*=/i.test(p));
      const q = qParam === undefined ? 1 : Number(qParam.split('=')[1]);
      return { type, subtype, q: Number.isFinite(q) ? q : 0 };
    });
}

/** True when `mediaType` is acceptable under the header: the most specific matching range decides. */
export function accepts(header: string | undefined, mediaType: string): boolean {
  if (header === undefined || header.trim() === '') return true;
  const [type, subtype] = mediaType.split('/');
  let best: MediaRange | undefined;
  let bestSpecificity = -1;
  for (const range of parseAccept(header)) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > bestSpecificity) {
      best = range;
      bestSpecificity = specificity;
    }
  }
  return best !== undefined && best.q > 0;
}

/** The encoding of a SUBSCRIBE's event stream. */
export function streamEncoding(accept: string | undefined): Encoding {
  if (accepts(accept, 'application/json')) return 'json';
  if (accepts(accept, 'application/x-protobuf')) return 'protobuf';
  throw new NotAcceptableError();
}
