// A scan field that keeps the focus by itself: after a click anywhere, a button, a warning or a dialog that took it,
// it comes back, so that the next scan never goes nowhere.
import { useEffect, type RefObject } from 'react';

export function useKeptFocus(field: RefObject<HTMLInputElement | null>, paused = false): void {
  useEffect(() => {
    if (paused) return;
    const input = field.current!;
    input.focus();
    // After the click or key that took it has done its work.
    const refocus = () => setTimeout(() => input.focus(), 0);
    input.addEventListener('blur', refocus);
    return () => input.removeEventListener('blur', refocus);
  }, [field, paused]);
}
