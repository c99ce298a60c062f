import { useAyoContext } from '@ayokit/hooks';
import { type CSSProperties, forwardRef, type HTMLAttributes, useId } from 'react';
import { HeadingBaseProvider, type HeadingLevel, useHeadingBase } from './Heading';

export interface AyoRootProps extends HTMLAttributes<HTMLDivElement> {
  /** Component name in kebab-case: `bank-picker` → `ayo-root ayo-bank-picker`. */
  component: string;
  /** Kebab-case state, mirrored to `data-state`. */
  state: string;
  /** The component's `headingLevel` prop (default: the enclosing component's, else 2). */
  headingLevel?: HeadingLevel | undefined;
}

/** `colorPrimary` → `--ayo-color-primary`; `--ayo-x` and `x-y` are accepted as they are. */
export function toCssVariable(name: string): string {
  if (name.startsWith('--')) return name;
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ayo-/, '');
  return `--ayo-${kebab}`;
}

// A value or rule can never close the <style> element nor open a new block of its own.
const cleanValue = (v: string) => v.replace(/[;{}<>]/g, '');
const cleanRule = (v: string) => v.replace(/[{}<>]/g, '');
const cleanSelector = (s: string) => s.replace(/[{}<>;]/g, '');

/**
 * The root of every component: stable classes, `data-state`, and the provider's appearance
 * (theme → `data-ayo-theme`, variables → inline custom properties, rules → a scoped <style>).
 */
export const AyoRoot = forwardRef<HTMLDivElement, AyoRootProps>(function AyoRoot(
  { component, state, headingLevel, className, style, children, ...rest },
  ref,
) {
  const { appearance } = useAyoContext(component);
  const headingBase = useHeadingBase(headingLevel);
  const scope = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(appearance.variables ?? {})) vars[toCssVariable(k)] = cleanValue(v);
  const rules = Object.entries(appearance.rules ?? {})
    .map(([selector, body]) => {
      const sel = cleanSelector(selector).trim();
      const scoped = sel
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => `[data-ayo-scope="${scope}"] ${s}, [data-ayo-scope="${scope}"]${s}`)
        .join(', ');
      return scoped ? `${scoped} { ${cleanRule(body)} }` : '';
    })
    .join('\n');
  return (
    <div
      ref={ref}
      {...rest}
      className={`ayo-root ayo-${component}${className ? ` ${className}` : ''}`}
      data-state={state}
      data-ayo-theme={appearance.theme}
      data-ayo-scope={rules ? scope : undefined}
      style={{ ...(vars as CSSProperties), ...style }}
    >
      {rules ? <style>{rules}</style> : null}
      <HeadingBaseProvider value={headingBase}>{children}</HeadingBaseProvider>
    </div>
  );
});
