import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** Id of the element that names the table (its caption). */
  labelledBy: string;
  className?: string;
  children: ReactNode;
}

/**
 * A wide table scrolls sideways inside its own box instead of widening the page. While it does
 * (small screens, enlarged text) the box is a named region in the tab order, so that keyboard
 * users can scroll it with the arrow keys; when the table fits it is neither.
 */
export function TableScroller({ labelledBy, className, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);

  const classes = className ? `table-wrap ${className}` : 'table-wrap';
  const region = scrolls ? { role: 'region', 'aria-labelledby': labelledBy, tabIndex: 0 } : {};
  return (
    <div ref={ref} className={scrolls ? `${classes} is-scrollable` : classes} {...region}>
      {children}
    </div>
  );
}
