import type { ReactNode } from 'react';
import { useFocusWhenRequested } from '../lib/focus';

/** The page's single h1; it takes the focus after a navigation. */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useFocusWhenRequested<HTMLHeadingElement>();
  return (
    <h1 ref={ref} tabIndex={-1} className={className ? `page-title ${className}` : 'page-title'}>
      {children}
    </h1>
  );
}
