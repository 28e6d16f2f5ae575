// Small helpers the Blazor pages call; kept in a file because the CSP forbids inline script.
window.adminCenter = {
  // Sign-out is a POST with an antiforgery token; a menu item submits the hidden form.
  submitForm: function (id) {
    const form = document.getElementById(id);
    if (form) { form.submit(); }
  },
  // The theme choice lives in a cookie so the server renders the next page in it at once (no flash of light).
  setTheme: function (name, value) {
    document.cookie = name + "=" + value + "; path=/; max-age=31536000; samesite=lax";
    document.body.classList.toggle("theme-dark", value === "dark");
  },

  // True while the admin is typing in a text field of the page: a focus call that arrives a round trip
  // later (after a navigation, or when a list closes) must not pull focus out of it and drop what is typed.
  isBusyElsewhere: function (target) {
    const active = document.activeElement;
    if (!active || active === document.body || (target && target.contains(active))) { return false; }
    return active.matches("input:not([readonly]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), " +
      "textarea:not([readonly]), [contenteditable='true']");
  },

  // A side pane registers its .NET side here; Escape (see below) calls it. An Escape pressed before the registration
  // arrived (within a round trip of the pane opening) is kept and carried out when it does.
  closeOnEscape: function (element, pane) {
    if (!element) { return; }
    element.adminCenterPane = pane;
    if (element.adminCenterEscapePending) {
      element.adminCenterEscapePending = false;
      pane.invokeMethodAsync("EscapePressed");
    }
  },

  // Writes a table page's filters into the address (replacing the entry), but only while the browser is still on that
  // page: a link clicked a moment ago has moved it on before the server knows, and must not be undone.
  replaceAddressIfOn: function (path, url) {
    if (decodeURIComponent(location.pathname).toLowerCase() !== decodeURIComponent(path).toLowerCase()) { return; }
    window.Blazor.navigateTo(url, { replaceHistoryEntry: true });
  },

  // A menu is plain markup until first used; then the page renders MudMenu in its place and hands the click on to the
  // menu's own button. Opened by a key (Enter, Space), focus goes to the first item as MudMenu does for a key press; but
  // MudMenu focuses it only if its items were drawn before its own last render, which the first opening (its popover
  // just created) can miss. So the menu is opened as by a click, and once its first item is drawn the ArrowDown an admin
  // would press is sent to the list: MudMenu then focuses and tracks the first item itself.
  openMenu: function (selector, fromKeyboard) {
    const button = document.querySelector(selector);
    if (!button) { return; }
    button.focus({ preventScroll: true });
    button.click();
    if (!fromKeyboard) { return; }
    const menuList = function () {
      const id = button.getAttribute("aria-controls");
      const list = id ? document.getElementById(id) : null;
      return list && list.querySelector("[role='menuitem']") ? list : null;
    };
    let opened = false;
    const focusFirstItemWhenDrawn = function (observer) {
      const expanded = button.getAttribute("aria-expanded") === "true";
      const list = expanded ? menuList() : null;
      if (list) {
        observer.disconnect();
        list.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", code: "ArrowDown", bubbles: true }));
      } else if (!button.isConnected || opened && !expanded) {
        observer.disconnect(); // closed again (or gone) before its items were drawn: nothing to focus
      }
      opened = opened || expanded;
    };
    const observer = new MutationObserver(function () { focusFirstItemWhenDrawn(observer); });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-controls", "aria-expanded"] });
    focusFirstItemWhenDrawn(observer);
  },

  // The layout's width class: how many of MudBlazor's breakpoints (600, 960, 1280, 1920, 2560 px) the window reaches,
  // returned now and reported to the layout whenever it changes. One number instead of MudBlazor's viewport service,
  // whose options object and window size every open tab would keep serializer metadata for.
  watchWidth: function (layout) {
    window.adminCenter.unwatchWidth();
    const queries = [600, 960, 1280, 1920, 2560].map(function (px) { return window.matchMedia("(min-width: " + px + "px)"); });
    const widthClass = function () { return queries.filter(function (q) { return q.matches; }).length; };
    const changed = function () { layout.invokeMethodAsync("WidthChanged", widthClass()).catch(function () { }); };
    queries.forEach(function (q) { q.addEventListener("change", changed); });
    window.adminCenter.stopWatchingWidth = function () { queries.forEach(function (q) { q.removeEventListener("change", changed); }); };
    return widthClass();
  },
  unwatchWidth: function () {
    if (window.adminCenter.stopWatchingWidth) { window.adminCenter.stopWatchingWidth(); window.adminCenter.stopWatchingWidth = null; }
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

// A .NET FocusAsync (MudSelect takes focus back when it loses it while its list is open) lands a round trip late over
// a slow link, after the admin clicked into the next field and began typing: it must not take the keystrokes away.
(function guardProgrammaticFocus() {
  const domWrapper = window.Blazor && window.Blazor._internal && window.Blazor._internal.domWrapper;
  if (!domWrapper || typeof domWrapper.focus !== "function") { return; }
  const focus = domWrapper.focus.bind(domWrapper);
  domWrapper.focus = function (element, preventScroll) {
    if (window.adminCenter.isBusyElsewhere(element)) { return; }
    focus(element, preventScroll);
  };
})();

// Escape closes the open side pane (its Cancel), wherever focus is, unless an open list or a dialog takes the key first:
// a select's list is a popover outside the pane, and its Escape only closes the list.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape" || event.defaultPrevented) { return; }
  const inOpenList = event.target && event.target.closest && event.target.closest("[aria-expanded='true'], .mud-popover");
  if (inOpenList || document.querySelector(".mud-dialog-container, .mud-popover-open .mud-list")) { return; }
  const panes = document.querySelectorAll(".side-pane-body");
  if (panes.length === 0) { return; }
  const pane = panes[panes.length - 1];
  if (pane.adminCenterPane) {
    pane.adminCenterPane.invokeMethodAsync("EscapePressed");
  } else {
    pane.adminCenterEscapePending = true;
  }
});
