/**
 * Where the bank's page (binding) or the card page (card registration) sends the shopper when the
 * merchant gave no returnUrl: tells the opener (popup mode) and asks to be closed. Bilingual, in
 * words that fit either step; no secrets, only the binding or card registration id and status.
 */
export function returnPage(
  origins: string[],
  params: { bindingId: string | null; status: string | null; cardRegistrationId?: string | null },
): string {
  const data = JSON.stringify(
    params.cardRegistrationId
      ? {
          type: 'ayokit:card-registration-return',
          cardRegistrationId: params.cardRegistrationId,
          status: params.status,
        }
      : { type: 'ayokit:binding-return', bindingId: params.bindingId, status: params.status },
  );
  const targets = JSON.stringify(origins);
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kembali ke toko · Back to the shop</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
<body><main><h1>Langkah ini sudah selesai</h1><p>Anda dapat menutup jendela ini dan kembali ke toko.</p>
<p lang="en">This step is finished. You can close this window and return to the shop.</p></main>
<script>(function(){var d=${data.replace(/</g, '\\u003c')};var o=${targets.replace(/</g, '\\u003c')};
if(window.opener){o.forEach(function(t){try{window.opener.postMessage(d,t)}catch(e){}});window.close();}})();</script>
</body></html>`;
}
