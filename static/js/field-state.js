/* Marks a form field as the server marks it: red, the reason beside it, in the title (hover) and
   linked by aria-describedby (keyboard and screen readers); or clears the mark. Shared by the
   forms' scripts (accounts-form.js, profile-form.js), which decide what is wrong. */
(function () {
  'use strict';

  function describedBy(input, id, add) {
    var ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (add) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  /** `message`: the reason, or '' / null to clear. A red field is never grey or yellow too. */
  function mark(input, message) {
    var field = input.closest('.field');
    if (!field) return;
    var id = input.id + '-error';
    var note = document.getElementById(id);
    if (!message) {
      // A field corrected keeps the place its message and red bar took (field--corrected, the
      // message hidden but kept) until the page is next sent: the blur that clears it comes with
      // the tap on 提交 below, and a button that moved up before the tap ends would miss it.
      if (field.classList.contains('field--error')) field.classList.add('field--corrected');
      field.classList.remove('field--error');
      input.removeAttribute('aria-invalid');
      input.removeAttribute('title');
      if (note) note.classList.add('field__message--cleared');
      describedBy(input, id, false);
      return;
    }
    field.classList.remove('field--unknown', 'field--recognised', 'field--corrected');
    field.classList.add('field--error');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('title', message);
    if (!note) {
      note = document.createElement('p');
      note.className = 'field__message';
      note.id = id;
      input.parentNode.appendChild(note);
    }
    note.classList.remove('field__message--cleared');
    note.innerHTML = '<span class="field__icon" aria-hidden="true">✕</span><span class="visually-hidden">错误：</span>';
    note.appendChild(document.createTextNode(message));
    describedBy(input, id, true);
  }

  window.yikaoFieldState = { mark: mark };
})();
