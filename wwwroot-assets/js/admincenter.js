// Small helpers the Blazor pages call; kept in a file because the CSP forbids inline script.
window.adminCenter = {
  // Sign-out is a POST with an antiforgery token; a menu item submits the hidden form.
  submitForm: function (id) {
    const form = document.getElementById(id);
    if (form) { form.submit(); }
  }
};
