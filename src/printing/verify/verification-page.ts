import type { PrintTemplates } from '../documents/print-templates';
import type { Verification } from './document-verifier';

/** The verdict in plain Chinese, one sentence the person holding the paper can act on. */
export function verdictOf(verification: Verification): string {
  const title = verification.summary?.title ?? '文档';
  switch (verification.outcome) {
    case 'genuine':
      return verification.summary?.statusNow
        ? `本${title}真实有效，所载报名信息为最新版本；审核状态以下方“当前审核状态”为准。`
        : `本${title}真实有效，且为最新版本。`;
    case 'revoked':
      return `本${title}已作废：对应的报名已放弃或已撤销。`;
    case 'superseded':
      return `本${title}不是最新版本：报名信息已有更新，请以最新打印的${title}为准。`;
    case 'expired':
      return '本文档的核验码已过期，无法核验。';
    case 'invalid':
      return '核验失败：二维码不是本系统签发的，或内容已被篡改。';
  }
}

export function renderVerificationPage(templates: PrintTemplates, verification: Verification, nonce: string): string {
  return templates.render('verify', {
    ...verification,
    verdict: verdictOf(verification),
    screenCss: templates.screenCss,
    nonce,
  });
}
