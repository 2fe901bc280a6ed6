import { NotFoundError, UnavailableError } from '../shared/errors';

export type RenderFailure = 'timeout' | 'browser-crashed' | 'browser-unavailable' | 'invalid-output' | 'failed';

/** A PDF could not be produced; nothing partial is ever sent (HTTP 503, the client may retry). */
export class PdfRenderError extends UnavailableError {
  constructor(
    readonly reason: RenderFailure,
    override readonly cause?: unknown,
  ) {
    super(reason === 'timeout' ? 'PDF_RENDER_TIMEOUT' : 'PDF_RENDER_FAILED', '文档生成失败，请稍后再试');
  }
}

/** The document does not exist for this user: not theirs, not issued yet, or outside its window (HTTP 404). */
export class DocumentNotAvailableError extends NotFoundError {
  constructor(message = '未找到可打印的文档') {
    super('DOCUMENT_NOT_AVAILABLE', message);
  }
}
