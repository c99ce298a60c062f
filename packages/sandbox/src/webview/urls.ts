import { CARD_REDIRECT_QUERY } from '@ayokit/core/snap';

/** Where the hosted binding pages live, and where they send the user back to. */
export const WEBVIEW_BINDING_PREFIX = '/webview/binding/';

export function webviewUrl(publicBaseUrl: string, sessionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${WEBVIEW_BINDING_PREFIX}${sessionId}`;
}

export const WEBVIEW_CARD_PREFIX = '/webview/card/';

export function cardWebviewUrl(publicBaseUrl: string, sessionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${WEBVIEW_CARD_PREFIX}${sessionId}`;
}

/** The merchant's redirect URL with `partnerReferenceNo` and `status` appended to its query. */
export function merchantRedirect(
  base: string,
  partnerReferenceNo: string,
  status: 'SUCCESS' | 'FAIL',
): string {
  const url = new URL(base);
  url.searchParams.set('partnerReferenceNo', partnerReferenceNo);
  url.searchParams.set('status', status);
  return url.toString();
}

/** The card registration's redirect: `referenceNo` and `status` (SUCCESS or FAILED) appended. */
export function cardMerchantRedirect(
  base: string,
  referenceNo: string,
  status: 'SUCCESS' | 'FAILED',
): string {
  const url = new URL(base);
  url.searchParams.set(CARD_REDIRECT_QUERY.referenceNo, referenceNo);
  url.searchParams.set(CARD_REDIRECT_QUERY.status, status);
  return url.toString();
}
