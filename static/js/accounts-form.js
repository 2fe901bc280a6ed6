/* Registration form: checks each field when it loses focus with the server's own rules
   (/static/js/rules.js) and marks it as the server would (field-state.js). Without scripts the
   server does the same after submitting. */
(function () {
  'use strict';
  var rules = window.yikaoRules;
  var fieldState = window.yikaoFieldState;
  var forms = document.querySelectorAll('form[data-validate-form]');
  if (!rules || !fieldState || forms.length === 0) return;

  function isCommonPassword(password) {
    var common = window.yikaoCommonPasswords;
    return Boolean(common && common.has(password.toLowerCase()));
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function values(form) {
    var result = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) result[el.name] = el.value;
    });
    return result;
  }

  function check(input) {
    if (!input.name || !rules.FIELD_RULES[input.name]) return;
    var error = rules.validateField(input.name, values(input.form), {
      today: today(),
      isCommonPassword: isCommonPassword,
    });
    fieldState.mark(input, error ? error.message : '');
  }

  Array.prototype.forEach.call(forms, function (form) {
    var touched = {};
    form.addEventListener('focusout', function (event) {
      var input = event.target;
      if (!input.name) return;
      touched[input.name] = true;
      check(input);
      // Fields whose rule depends on this one (ID number ↔ birth date, gender, type) are checked again.
      ['idNumber', 'confirmPassword', 'nationality'].forEach(function (name) {
        if (name !== input.name && touched[name] && form.elements[name]) check(form.elements[name]);
      });
    });
    form.addEventListener('change', function (event) {
      if (event.target.tagName === 'SELECT') check(event.target);
    });
  });
})();
