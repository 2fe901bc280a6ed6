/** A body its content-type parser left unread (text/csv, text/plain): a stream, read by the one route that wants it. */
export const isUnreadStream = (body: unknown): body is AsyncIterable<Buffer> =>
  typeof (body as AsyncIterable<Buffer> | null | undefined)?.[Symbol.asyncIterator] === 'function';
