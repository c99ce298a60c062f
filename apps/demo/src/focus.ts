/**
 * After a sign-in or a sign-out, the view changes under the button that was pressed and the focus
 * would fall to the page's <body>: the new view's heading takes it, once it is on screen. Called
 * right after the state change, before React renders it, so `previous` is the old view's heading.
 */
export function focusNewHeading(previous: Element | null = document.querySelector('main h1'), tries = 20) {
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading || heading === previous) {
      if (tries > 0) focusNewHeading(previous, tries - 1);
      return;
    }
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  });
}
