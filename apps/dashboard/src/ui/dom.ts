/** Small DOM helpers. Text always goes in through textContent: server strings are never parsed as HTML. */

/** The element with that id, checked to be of the expected type; a missing element is a build bug, so fail loudly. */
export function byId<T extends Element>(id: string, type: abstract new (...args: never[]) => T): T {
  const element = window.document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}`);
  return element;
}

/** Sets text only when it changed, so unchanged values do not re-announce in live regions or re-layout. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets the text and the raw value (`data-value`) a test or a copy-paste can rely on, whatever the locale. */
export function setValue(element: HTMLElement, text: string, raw: number | string | null): void {
  setText(element, text);
  const value = raw === null ? '' : String(raw);
  if (element.dataset.value !== value) element.dataset.value = value;
}

export function child<T extends Element>(parent: ParentNode, selector: string, type: abstract new (...args: never[]) => T): T {
  const element = parent.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`${selector} is missing or is not a ${type.name}`);
  return element;
}

/** Creates an element with a class and text content. */
export function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const element = window.document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}
