import type { CardBrandId, Failure } from '@ayokit/core';

/** What a test card does, the same table as the sandbox's. */
export type TestCardBehaviour =
  | 'succeeds'
  | 'declined'
  | 'insufficientFunds'
  | 'expired'
  | 'threeDSecure'
  | 'networkError';

/** The test cards (any name, any future expiry, any CVV). */
export const TEST_CARDS = {
  visa: '4111111111111111',
  mastercard: '5555555555554444',
  jcb: '3530111333300000',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expired: '4000000000000069',
  threeDSecure: '4000000000003220',
  networkError: '4000000000000119',
} as const;

const BY_LAST4: Record<string, TestCardBehaviour> = {
  '0002': 'declined',
  '9995': 'insufficientFunds',
  '0069': 'expired',
  '3220': 'threeDSecure',
  '0119': 'networkError',
};

/** A saved card's behaviour, read from its last 4 digits (each test card's are unique). */
export function behaviourOf(last4: string): TestCardBehaviour {
  return BY_LAST4[last4] ?? 'succeeds';
}

export function brandOf(number: string): CardBrandId | null {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^35(2[89]|[3-8])/.test(number)) return 'jcb';
  return null;
}

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** How a card payment with this behaviour fails, if it does. */
export const CARD_DECLINES: Partial<Record<TestCardBehaviour, Failure>> = {
  declined: {
    code: 'PAYMENT_DECLINED',
    message: 'The card was declined (Do Not Honor).',
    responseCode: '4035405',
  },
  insufficientFunds: {
    code: 'INSUFFICIENT_FUNDS',
    message: 'The card has insufficient funds.',
    responseCode: '4035414',
  },
  expired: { code: 'CARD_EXPIRED', message: 'The card has expired.', responseCode: '4035454' },
};

/** What the shopper typed on the (simulated) registration page. */
export interface CardPageEntry {
  number: string;
  holder?: string;
  /** "MM/YY"; default 12/30. */
  expiry?: string;
  cvv?: string;
  /** The 3-D Secure code, for the 3-D Secure test card. */
  otp?: string;
}

export const MEMORY_CARD_PAGE_MESSAGE = 'ayokit:memory-card-page';

/**
 * The gateway's registration page, simulated: an accessible form (number, name, expiry, CVV) and,
 * for the 3-D Secure card, a code step. It posts what was typed to the page that opened it,
 * where the memory client picks it up. Shown in the iframe dialog or a popup.
 */
export function memoryCardPage(registrationId: string, locale: 'id' | 'en' = 'en'): string {
  const en = locale === 'en';
  const w = en
    ? {
        title: 'Add a card',
        hint: 'In-memory card gateway. Test cards: 4111 1111 1111 1111 (Visa), 5555 5555 5555 4444 (Mastercard), 3530 1113 3330 0000 (JCB); 4000 0000 0000 3220 asks for a 3-D Secure code (123456).',
        number: 'Card number',
        holder: 'Name on card',
        expiry: 'Expiry date (MM/YY)',
        cvv: 'Security code (CVV)',
        save: 'Save card',
        otpTitle: '3-D Secure',
        otpBody: 'Your bank sent a code by SMS to confirm this card.',
        otp: 'Verification code',
        verify: 'Verify',
        sent: 'Sent. You can go back to the shop.',
        invalid: 'Enter the card number, name, expiry and CVV.',
      }
    : {
        title: 'Tambah kartu',
        hint: 'Gateway kartu dalam memori. Kartu uji: 4111 1111 1111 1111 (Visa), 5555 5555 5555 4444 (Mastercard), 3530 1113 3330 0000 (JCB); 4000 0000 0000 3220 meminta kode 3-D Secure (123456).',
        number: 'Nomor kartu',
        holder: 'Nama di kartu',
        expiry: 'Masa berlaku (BB/TT)',
        cvv: 'Kode keamanan (CVV)',
        save: 'Simpan kartu',
        otpTitle: '3-D Secure',
        otpBody: 'Bank Anda mengirim kode lewat SMS untuk mengonfirmasi kartu ini.',
        otp: 'Kode verifikasi',
        verify: 'Verifikasi',
        sent: 'Terkirim. Anda dapat kembali ke toko.',
        invalid: 'Isi nomor kartu, nama, masa berlaku dan CVV.',
      };
  const script = `
const $=(id)=>document.getElementById(id);let entry=null;
const send=(e)=>{(window.opener||window.parent).postMessage(Object.assign({type:${JSON.stringify(MEMORY_CARD_PAGE_MESSAGE)},id:${JSON.stringify(registrationId)}},e),'*');$('card').hidden=true;$('otp').hidden=true;$('done').textContent=${JSON.stringify(w.sent)};};
$('card').addEventListener('submit',(ev)=>{ev.preventDefault();const n=$('number').value.replace(/\\D/g,'');
if(!n||!$('holder').value.trim()||!$('expiry').value.trim()||!$('cvv').value.trim()){$('error').textContent=${JSON.stringify(w.invalid)};return;}
entry={number:n,holder:$('holder').value,expiry:$('expiry').value,cvv:$('cvv').value};
if(n.endsWith('3220')){$('card').hidden=true;$('otp').hidden=false;$('code').focus();}else send(entry);});
$('otp').addEventListener('submit',(ev)=>{ev.preventDefault();send(Object.assign({},entry,{otp:$('code').value.replace(/\\D/g,'')}));});`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${w.title} (in-memory)</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:16px;color:#1b1f24;background:#fff}
label{display:block;margin-top:12px;font-weight:600}
input{font:inherit;padding:8px;border:1px solid #6b7280;border-radius:6px;width:100%;box-sizing:border-box}
button{margin-top:16px;font:inherit;font-weight:600;padding:10px 16px;background:#0b57d0;color:#fff;border:0;border-radius:6px;min-height:44px}
.hint{color:#4b5563}[hidden]{display:none}#error{color:#b42318;font-weight:600}
</style></head><body><main><h1>${w.title}</h1><p class="hint">${w.hint}</p>
<form id="card" novalidate>
<label for="number">${w.number}</label><input id="number" inputmode="numeric" autocomplete="cc-number">
<label for="holder">${w.holder}</label><input id="holder" autocomplete="cc-name">
<label for="expiry">${w.expiry}</label><input id="expiry" autocomplete="cc-exp">
<label for="cvv">${w.cvv}</label><input id="cvv" inputmode="numeric" autocomplete="cc-csc">
<p id="error" role="alert"></p><button type="submit">${w.save}</button></form>
<form id="otp" hidden novalidate><h2>${w.otpTitle}</h2><p>${w.otpBody}</p>
<label for="code">${w.otp}</label><input id="code" inputmode="numeric" autocomplete="one-time-code">
<button type="submit">${w.verify}</button></form>
<p id="done" role="status"></p></main><script>${script}</script></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
