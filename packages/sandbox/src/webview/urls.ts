/** Where the hosted binding pages live, and where they send the user back to. */
export const WEBVIEW_BINDING_PREFIX = '/webview/binding/';

export function webviewUrl(publicBaseUrl: string, sessionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${WEBVIEW_BINDING_PREFIX}${sessionId}`;
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
