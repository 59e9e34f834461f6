// The page runs under `style-src 'self'`, which refuses <style> elements. react-aria injects one on
// first use of a pressable (touch-action for pressables, skipped when an element with its id is
// already there), and each refusal is a CSP violation. Our stylesheet carries the same rule instead
// (see app/styles/components.css); this marker tells react-aria that it is in place.
const REACT_ARIA_PRESSABLE_STYLE_ID = 'react-aria-pressable-style';

export function markPressableStyleProvided(): void {
  if (document.getElementById(REACT_ARIA_PRESSABLE_STYLE_ID)) return;
  const marker = document.createElement('meta');
  marker.id = REACT_ARIA_PRESSABLE_STYLE_ID;
  document.head.append(marker);
}
