/* Registration form: checks each field when it loses focus with the server's own rules
   (/static/js/rules.js) and marks it as the server would: red, the reason beside it, in the
   title (hover) and linked by aria-describedby (keyboard and screen readers). Without scripts
   the server does the same after submitting. */
(function () {
  'use strict';
  var rules = window.yikaoRules;
  var forms = document.querySelectorAll('form[data-validate-form]');
  if (!rules || forms.length === 0) return;

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

  function describedBy(input, id, add) {
    var ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (add) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  function show(input, error) {
    var field = input.closest('.field');
    if (!field) return;
    var messageId = input.id + '-error';
    var message = document.getElementById(messageId);
    if (error) {
      field.classList.add('field--error');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('title', error.message);
      if (!message) {
        message = document.createElement('p');
        message.className = 'field__message';
        message.id = messageId;
        input.parentNode.appendChild(message);
      }
      message.innerHTML =
        '<span class="field__icon" aria-hidden="true">✕</span><span class="visually-hidden">错误：</span>';
      message.appendChild(document.createTextNode(error.message));
      describedBy(input, messageId, true);
    } else {
      field.classList.remove('field--error');
      input.removeAttribute('aria-invalid');
      input.removeAttribute('title');
      if (message) message.parentNode.removeChild(message);
      describedBy(input, messageId, false);
    }
  }

  function check(input) {
    if (!input.name || !rules.FIELD_RULES[input.name]) return;
    show(
      input,
      rules.validateField(input.name, values(input.form), { today: today(), isCommonPassword: isCommonPassword }),
    );
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
