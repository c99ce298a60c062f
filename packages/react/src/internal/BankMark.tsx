import type { BankCode } from '@ayokit/core';

/** Brand-like colours for a monogram; never a bank's logo file, so nothing loads from outside. */
const MARKS: Record<BankCode, { bg: string; fg: string; text: string }> = {
  '014': { bg: '#0a3d8f', fg: '#ffffff', text: 'BCA' },
  '002': { bg: '#00529c', fg: '#ffffff', text: 'BRI' },
  '008': { bg: '#003d79', fg: '#ffd200', text: 'MDR' },
  '009': { bg: '#005e6a', fg: '#ffffff', text: 'BNI' },
  '011': { bg: '#8a3b00', fg: '#ffffff', text: 'DMN' },
  '022': { bg: '#8b0012', fg: '#ffffff', text: 'CIMB' },
};

/** A bank's monogram, decorative: the bank's name is always written next to it. */
export function BankMark({ code, size = 40 }: { code: BankCode; size?: number }) {
  const mark = MARKS[code] ?? { bg: '#444', fg: '#fff', text: code };
  const fontSize = mark.text.length > 3 ? 11 : 13;
  return (
    <svg
      className="ayo-bank-mark"
      data-bank={code}
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="40" height="40" rx="8" fill={mark.bg} />
      <text
        x="20"
        y="21"
        textAnchor="middle"
        dominantBaseline="middle"
        fill={mark.fg}
        fontSize={fontSize}
        fontWeight="700"
        fontFamily="system-ui, sans-serif"
      >
        {mark.text}
      </text>
    </svg>
  );
}
