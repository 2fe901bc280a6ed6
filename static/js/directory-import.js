/* 名录导入: shows a file picker that reads the chosen CSV into the text box (UTF-8, or GBK as
   Excel saves it), and refuses before sending what the server would refuse as too large (the
   form is urlencoded: a Chinese character takes 9 bytes). Without scripts, the admin pastes the
   CSV into the text box and the server checks everything. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-directory-import]');
  if (!form || !window.TextDecoder || !window.URLSearchParams) return;
  var limit = Number(form.getAttribute('data-limit-bytes')) || 0;
  var picker = form.querySelector('[data-csv-file]');
  var input = picker && picker.querySelector('input[type="file"]');
  var status = picker && picker.querySelector('[data-csv-file-status]');
  var textarea = form.querySelector('textarea[name="csv"]');
  if (!picker || !input || !status || !textarea) return;
  picker.hidden = false;

  /** Bytes of the form as the browser will send it (line breaks become CRLF, then %0D%0A). */
  function encodedSize(text) {
    var fields = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el !== textarea) fields.append(el.name, el.value);
    });
    fields.append(textarea.name, text.replace(/\r?\n|\r/g, '\r\n'));
    return fields.toString().length;
  }

  function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function tooLargeMessage(bytes) {
    return (
      '内容过大：网页每次最多提交 ' +
      megabytes(limit) +
      '，这些内容约 ' +
      megabytes(bytes) +
      '。请拆分为多个文件（每个保留首行列名）分批导入。'
    );
  }

  function say(message, isError) {
    picker.classList.toggle('field--error', Boolean(isError));
    status.className = isError ? 'field__message' : 'field__state';
    status.textContent = message;
  }

  function decode(buffer) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' };
    } catch (notUtf8) {
      // Excel in Chinese Windows saves "CSV (逗号分隔)" as GBK; GB18030 reads it and more.
      return { text: new TextDecoder('gb18030').decode(buffer), encoding: 'GBK' };
    }
  }

  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onerror = function () {
      say('无法读取文件“' + file.name + '”，请重新选择。', true);
    };
    reader.onload = function () {
      var decoded = decode(reader.result);
      var size = encodedSize(decoded.text);
      if (limit && size > limit) {
        input.value = '';
        say(tooLargeMessage(size), true);
        return;
      }
      textarea.value = decoded.text;
      var rows = decoded.text.split(/\r?\n|\r/).filter(function (line) {
        return line !== '';
      }).length;
      say('已读入“' + file.name + '”（' + decoded.encoding + ' 编码，' + rows + ' 行，含列名）。请核对后点击“导入”。');
    };
    reader.readAsArrayBuffer(file);
  });

  form.addEventListener('submit', function (event) {
    var size = encodedSize(textarea.value);
    if (!limit || size <= limit) return;
    event.preventDefault();
    say(tooLargeMessage(size), true);
    textarea.focus();
  });
})();
