import type { CardBrandId } from '@ayokit/core';

/**
 * A card brand's mark, drawn inline (nothing loads from outside). It is the brand's name for
 * assistive technology (role="img"), so the brand is not written again next to it.
 */
export function CardMark({ brand, label, size = 40 }: { brand: CardBrandId; label: string; size?: number }) {
  return (
    <svg
      className="ayo-card-mark"
      data-brand={brand}
      width={size}
      height={Math.round((size * 26) / 40)}
      viewBox="0 0 40 26"
      role="img"
      aria-label={label}
      focusable="false"
    >
      {brand === 'visa' ? (
        <>
          <rect width="40" height="26" rx="4" fill="#1a1f71" />
          <text
            x="20"
            y="14"
            textAnchor="middle"
            dominantBaseline="middle"
            fill="#ffffff"
            fontSize="12"
            fontStyle="italic"
            fontWeight="800"
            fontFamily="system-ui, sans-serif"
          >
            VISA
          </text>
        </>
      ) : brand === 'mastercard' ? (
        <>
          <rect width="40" height="26" rx="4" fill="#1b1b1b" />
          <circle cx="16" cy="13" r="8" fill="#eb001b" />
          <circle cx="24" cy="13" r="8" fill="#f79e1b" />
          <path d="M20 6.07a8 8 0 0 1 0 13.86 8 8 0 0 1 0-13.86z" fill="#ff5f00" />
        </>
      ) : (
        <>
          <rect width="40" height="26" rx="4" fill="#ffffff" stroke="#8a94a3" />
          {(
            [
              ['#0e4c96', 'J'],
              ['#c8102e', 'C'],
              ['#00703c', 'B'],
            ] as const
          ).map(([fill, letter], i) => (
            <g key={letter}>
              <rect x={5 + i * 10.5} y="4" width="9" height="18" rx="3" fill={fill} />
              <text
                x={9.5 + i * 10.5}
                y="14"
                textAnchor="middle"
                dominantBaseline="middle"
                fill="#ffffff"
                fontSize="9"
                fontWeight="800"
                fontFamily="system-ui, sans-serif"
              >
                {letter}
              </text>
            </g>
          ))}
        </>
      )}
    </svg>
  );
}
