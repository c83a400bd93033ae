import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type FilterFit, fitFilterBar } from './filter-fit';

/**
 * Measures the filter bar and its title and keeps their fit current. The first measure and every resize (the
 * detail pane opening, the window narrowing, the title's count changing) apply before the browser paints, so the
 * bar is never seen wrapped for a frame.
 */
export function useFilterFit() {
  const bar = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [fit, setFit] = useState<FilterFit>(() => fitFilterBar(0, 0));
  useLayoutEffect(() => {
    const barEl = bar.current;
    const titleEl = title.current;
    if (!barEl || !titleEl) return;
    const measure = () => {
      const style = getComputedStyle(barEl);
      const content = barEl.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const next = fitFilterBar(content, titleEl.getBoundingClientRect().width);
      setFit((prev) => (prev.inline === next.inline && prev.fullHint === next.fullHint ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(() => flushSync(measure));
    observer.observe(barEl);
    observer.observe(titleEl);
    return () => observer.disconnect();
  }, []);
  return { bar, title, fit };
}
