import { createContext, forwardRef, type HTMLAttributes, useContext } from 'react';

/** The level of a component's main heading; its sub-headings follow (level + 1, + 2). */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

const HeadingBase = createContext<HeadingLevel | null>(null);

/** A component's base level: its `headingLevel` prop, else the enclosing component's, else 2. */
export function useHeadingBase(prop: HeadingLevel | undefined): HeadingLevel {
  const parent = useContext(HeadingBase);
  return prop ?? parent ?? 2;
}

export const HeadingBaseProvider = HeadingBase.Provider;

export interface HeadingProps extends HTMLAttributes<HTMLHeadingElement> {
  /** 0 for the component's title, 1 for a section in it, 2 for a panel in a section. */
  offset?: 0 | 1 | 2;
}

/** `<h2>` by default; `headingLevel` on the component moves the whole outline (capped at h6). */
export const Heading = forwardRef<HTMLHeadingElement, HeadingProps>(function Heading(
  { offset = 0, ...rest },
  ref,
) {
  const base = useContext(HeadingBase) ?? 2;
  const Tag = `h${Math.min(6, base + offset)}` as 'h2';
  return <Tag ref={ref} {...rest} />;
});
