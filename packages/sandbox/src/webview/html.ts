/** A tiny, escaped HTML builder and the page layout of the hosted webview. */
import type { Dictionary } from './i18n';

/** Already-escaped HTML. */
export interface Html {
  readonly __html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = Html | string | number | false | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === false || part === null || part === undefined) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (typeof part === 'object' && '__html' in part) return part.__html;
  return escapeHtml(String(part));
}

/** Tagged template: interpolations are escaped unless they are Html. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return { __html: out };
}

const STYLES = `
:root{--ayo-color-primary:#0b4f9c;--ayo-color-text:#1a1a1a;--ayo-color-muted:#4a4a4a;--ayo-color-error:#b00020;--ayo-radius:8px}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ayo-color-text);background:#f3f5f8}
.ayo-header{background:var(--ayo-color-primary);color:#fff;padding:12px 16px;font-weight:700}
main{max-width:28rem;margin:24px auto;background:#fff;padding:24px;border-radius:var(--ayo-radius);box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.375rem;margin:0 0 12px}
.ayo-sandbox-hint{background:#fff4ce;color:#4d3900;border:1px solid #e0c35a;border-radius:var(--ayo-radius);padding:8px 12px;margin:0 0 16px;font-weight:600}
.ayo-muted{color:var(--ayo-color-muted)}
.ayo-field{margin:0 0 16px}
.ayo-field label{display:block;font-weight:600;margin-bottom:4px}
.ayo-field input{width:100%;padding:10px 12px;font-size:1rem;border:1px solid #6b6b6b;border-radius:var(--ayo-radius)}
.ayo-field input[aria-invalid="true"]{border:2px solid var(--ayo-color-error)}
.ayo-otp-input{letter-spacing:.5em;font-family:ui-monospace,monospace;font-size:1.5rem!important;text-align:center}
fieldset{border:0;padding:0;margin:0 0 16px}
legend{font-weight:600;margin-bottom:8px}
.ayo-bank-picker__option{display:flex;gap:12px;align-items:center;padding:10px 12px;border:1px solid #6b6b6b;border-radius:var(--ayo-radius);margin-bottom:8px;cursor:pointer}
.ayo-bank-picker__option input{width:1.25rem;height:1.25rem}
.ayo-field-row{display:flex;gap:12px}
.ayo-field-row .ayo-field{flex:1}
.ayo-hint{display:block;color:var(--ayo-color-muted);font-size:.875rem}
.ayo-field__error{color:var(--ayo-color-error);font-weight:600;margin:4px 0 0}
.ayo-error-summary{border:2px solid var(--ayo-color-error);border-radius:var(--ayo-radius);padding:8px 12px;margin-bottom:16px}
button{background:var(--ayo-color-primary);color:#fff;border:0;border-radius:var(--ayo-radius);padding:12px 16px;font-size:1rem;font-weight:700;width:100%;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
`;

export interface LayoutInput {
  dict: Dictionary;
  /** The yellow sandbox banner; default the bank pages' one. */
  hint?: string;
  title: string;
  /** data-state of <main>: the page's step, visible to CSS and to automation. */
  state: string;
  brand: string;
  body: Html;
}

export function layout({ dict, hint, title, state, brand, body }: LayoutInput): string {
  return `<!doctype html>${
    html`<html lang="${dict.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${brand}</title><style>${{ __html: STYLES }}</style></head><body><header class="ayo-header">${brand}</header><main id="main" data-state="${state}"><p class="ayo-sandbox-hint">${hint ?? dict.sandboxHint}</p><h1>${title}</h1>${body}</main></body></html>`
      .__html
  }`;
}
