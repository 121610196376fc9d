import { useEffect, useState, type RefObject } from 'react';

/** The element's width in CSS pixels, kept current as it resizes (SVG plots draw to it). */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth((w) => (el.clientWidth > 0 && el.clientWidth !== w ? el.clientWidth : w));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
