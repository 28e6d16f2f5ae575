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
  }
};
