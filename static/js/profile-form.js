/* 个人信息: checks a field when it loses focus, as the guide says (注意 2 and 4): red when a
   required field is empty or a value is malformed (a month, phone, postcode), with the reason
   beside it, in the title (hover) and linked by aria-describedby. Values are read as the server
   reads them, with its own src/shared/digits-as-meant (in /static/js/rules.js): 202009, 2020/9
   and full-width digits are a month, so a phone's digit keypad, which has no "-", is no error.
   The server applies the same rules on 提交; without scripts it does so alone. The directory states (grey / yellow)
   are app.js's combobox. */
(function () {
  'use strict';
  var form = document.querySelector('form.profile-form');
  var fieldState = window.yikaoFieldState;
  var asMeant = window.yikaoRules && window.yikaoRules.asMeant;
  if (!form || !fieldState || !asMeant) return;
  var MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
  var PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

  function labelOf(input) {
    var label = document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    return label ? label.textContent.trim() : '';
  }

  function thisMonth() {
    var d = new Date();
    return d.getFullYear() + '-' + (d.getMonth() < 9 ? '0' : '') + (d.getMonth() + 1);
  }

  /** As the server's phoneAsMeant: a mobile's dashes dropped, a landline's kept as "-". */
  function phoneAsMeant(value) {
    var folded = asMeant.digitsAsMeant(value);
    var joined = folded.replace(/-/g, '');
    return /^1[3-9]\d{9}$/.test(joined) ? joined : folded;
  }

  function problem(input) {
    var label = labelOf(input);
    var required = /\*$/.test(label);
    var name = label.replace(/\s*\*$/, '');
    var value = input.value.trim();
    if (value === '') return required ? (input.tagName === 'SELECT' ? '请选择' : '请填写') + name : '';
    if (/\[(startMonth|from|to|issuedOn)\]$/.test(input.name)) {
      var month = asMeant.monthAsMeant(value);
      if (!MONTH.test(month)) return name + '格式为 YYYY-MM，如 2020-09';
      if (month > thisMonth()) return name + '不能晚于本月';
    }
    if (input.name === 'contact[phone]' && !PHONE.test(phoneAsMeant(value)))
      return '联系电话应为 11 位手机号或带区号的固定电话';
    if (input.name === 'contact[postcode]' && !/^\d{6}$/.test(asMeant.digitsAsMeant(value)))
      return '邮政编码应为 6 位数字';
    return '';
  }

  Array.prototype.forEach.call(form.querySelectorAll('.field__input'), function (input) {
    // The combobox's blur handler (app.js) only sets or clears grey / yellow, never red.
    input.addEventListener('blur', function () {
      fieldState.mark(input, problem(input));
    });
  });
})();
