// Small helpers the Blazor pages call; kept in a file because the CSP forbids inline script.
window.adminCenter = {
  // Sign-out is a POST with an antiforgery token; a menu item submits the hidden form.
  submitForm: function (id) {
    const form = document.getElementById(id);
    if (form) { form.submit(); }
  },

  // True while the admin is in a text field, select or button of the page: a focus call that arrives a round trip
  // later (after a navigation, or when a list closes) must not pull focus out of it and drop what is typed.
  isBusyElsewhere: function (target) {
    const active = document.activeElement;
    if (!active || active === document.body || (target && target.contains(active))) { return false; }
    return active.matches("input, textarea, select, [contenteditable='true']");
  },

  // Escape inside a side pane closes it (its Cancel), unless an open list inside it took the key first.
  closeOnEscape: function (element, pane) {
    if (!element) { return; }
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && !document.querySelector(".mud-popover-open")) {
        pane.invokeMethodAsync("EscapePressed");
      }
    });
  },

  // Moves focus to the first element matching the selector (the page heading after a navigation) unless the admin
  // already clicked into a field of the new page.
  focusUnlessEditing: function (selector) {
    const element = document.querySelector(selector);
    if (element && !window.adminCenter.isBusyElsewhere(element)) { element.focus({ preventScroll: true }); }
  }
};

// MudBlazor gives focus back to a select's input when its list closes. Over a slow link that arrives after the admin
// has clicked into the next field and started typing; give focus back only if it has nowhere better to be.
(function guardRestoreFocus() {
  const elementRef = window.mudElementRef;
  if (!elementRef || typeof elementRef.restoreFocus !== "function") { return; }
  const restore = elementRef.restoreFocus.bind(elementRef);
  elementRef.restoreFocus = function (element) {
    if (window.adminCenter.isBusyElsewhere(element)) {
      if (element) { delete element.mudblazor_savedFocus; }
      return;
    }
    restore(element);
  };
})();
