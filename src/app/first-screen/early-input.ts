/**
 * What a user does to the first screen built into the page before the app has taken it over
 * (typed in a field, ticked a box) happened in the browser only: the app's state never heard of
 * it, and the next render would quietly undo it. Once the app's handlers are attached, this
 * passes each such change on to them as the event the user's own action would have raised.
 *
 * React keeps the text and ticks it finds when it takes the markup over, and records each
 * control's value as the one it last saw; `defaultValue` and `defaultChecked` still hold what
 * the app rendered. A control whose value differs from what the app rendered was changed by the
 * user: it is set back through React's own recording, then to the user's value past it, and the
 * event is sent, so that the app sees exactly one change from its value to the user's.
 */

const TEXT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'number', 'password']);

function passOnText(field: HTMLInputElement | HTMLTextAreaElement): void {
  const typed = field.value;
  if (typed === field.defaultValue) return;
  const prototype = Object.getPrototypeOf(field) as HTMLInputElement | HTMLTextAreaElement;
  const setNative = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (!setNative) return;
  const selection =
    field.selectionStart !== null && field.selectionEnd !== null
      ? ([field.selectionStart, field.selectionEnd] as const)
      : undefined;
  field.value = field.defaultValue;
  setNative.call(field, typed);
  if (selection) field.setSelectionRange(...selection);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function passOnTick(box: HTMLInputElement): void {
  if (box.checked === box.defaultChecked) return;
  // Back to the app's value, then the user's click again: the app receives it as a click.
  box.checked = box.defaultChecked;
  box.click();
}

/** Passes on to the app every change the user made in `root` before it was taken over. */
export function passOnEarlyInput(root: HTMLElement): void {
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input, textarea',
  )) {
    if (field.disabled || field.readOnly) continue;
    if (field instanceof HTMLTextAreaElement || TEXT_TYPES.has(field.type)) passOnText(field);
    else if (field.type === 'checkbox' || field.type === 'radio') passOnTick(field);
  }
  // A field focused before the takeover: its focus styles and handlers follow the focus event.
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== root && root.contains(focused))
    focused.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
}
