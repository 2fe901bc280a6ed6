/* Progressive enhancement only: every page works without this file.
   - moves focus to the error summary, and from its links to the field (label in view);
   - turns [data-combobox] inputs into search-as-you-type lists (directory look-ups);
   - exposes the CSRF token to other scripts: window.yikao.csrfToken();
   - keeps a [data-refresh-while-running] region (a ticket batch's progress) up to date until it ends. */
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }
  window.yikao = { csrfToken: csrfToken };

  function focusErrorSummary() {
    var summary = document.querySelector('[data-error-summary]');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) return;
      event.preventDefault();
      // A group (checkboxes, radios) cannot take focus: its first choice does, its legend in view.
      var group = target.tagName === 'FIELDSET';
      var field = group ? target.querySelector('input:not([type="hidden"]), select, textarea') || target : target;
      var label = group
        ? target.querySelector('legend')
        : document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  var STATE_TEXT = { unknown: '不在系统已有的列表中，请核对', recognised: '已在系统列表中' };

  function enhanceCombobox(root, index) {
    var input = root.querySelector('[data-combobox-input]');
    var code = root.querySelector('[data-combobox-code]');
    var listbox = root.querySelector('[data-combobox-listbox]');
    var status = root.querySelector('[data-combobox-status]');
    var source = root.getAttribute('data-source');
    if (!input || !listbox || !source) return;
    if (!listbox.id) listbox.id = 'combobox-listbox-' + index;
    listbox.setAttribute('role', 'listbox');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);

    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;
    var chosen = code && code.value ? input.value : null;

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(next) {
      var options = listbox.children;
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = next;
      if (active >= 0 && options[active]) {
        options[active].setAttribute('aria-selected', 'true');
        options[active].scrollIntoView({ block: 'nearest' });
        input.setAttribute('aria-activedescendant', options[active].id);
      }
    }

    function showState(state) {
      root.classList.remove('field--unknown', 'field--recognised');
      var note = root.querySelector('.field__state');
      if (!state) {
        if (note) note.remove();
        return;
      }
      root.classList.add('field--' + state);
      if (!note) {
        note = document.createElement('p');
        note.className = 'field__state';
        input.parentNode.appendChild(note);
      }
      note.textContent = (state === 'recognised' ? '✓ ' : '! ') + STATE_TEXT[state];
    }

    function choose(i) {
      var item = items[i];
      if (!item) return;
      input.value = item.name;
      if (code) code.value = item.code;
      chosen = item.name;
      close();
      showState('recognised');
    }

    function render(found) {
      items = found;
      listbox.textContent = '';
      found.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = listbox.id + '-' + i;
        option.className = 'combobox__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = item.name;
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(i);
        });
        listbox.appendChild(option);
      });
      if (status)
        status.textContent = found.length ? '找到 ' + found.length + ' 项，可用上下方向键选择' : '没有匹配的项';
      listbox.hidden = found.length === 0;
      input.setAttribute('aria-expanded', found.length ? 'true' : 'false');
      active = -1;
    }

    function search() {
      var query = input.value.trim();
      if (!query) return close();
      var ticket = ++latest;
      var url = source + (source.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(query);
      if (status) status.textContent = '正在检索…';
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
          return response.ok ? response.json() : { items: [] };
        })
        .then(function (data) {
          if (ticket === latest) render(Array.isArray(data.items) ? data.items : []);
        })
        .catch(function () {
          if (ticket === latest && status) status.textContent = '检索失败，可直接填写';
        });
    }

    input.addEventListener('input', function () {
      if (code) code.value = '';
      chosen = null;
      showState(null);
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener('keydown', function (event) {
      var open = !listbox.hidden;
      if (event.key === 'ArrowDown' && open) {
        event.preventDefault();
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === 'ArrowUp' && open) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === 'Escape' && open) {
        close();
      }
    });
    input.addEventListener('blur', function () {
      close();
      // The seed's colours: grey when the value was picked from the list, yellow when it was not.
      if (input.value.trim() === '') return showState(null);
      showState(chosen === input.value ? 'recognised' : 'unknown');
    });
  }

  // The region is replaced by the same region of the page fetched again; without scripts, its
  // 刷新进度 link does this. Its announcement (a live region outside it, so it stays the same
  // element) takes the new text only when it changed: a status or phase, not every count.
  function refreshWhileRunning(region) {
    var announcement = document.getElementById(region.getAttribute('data-announce'));
    function again(delay) {
      window.setTimeout(function () {
        fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.text();
          })
          .then(function (html) {
            var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(region.id);
            if (!fresh) return;
            if (fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
            var said = announcement && fresh.ownerDocument.getElementById(announcement.id);
            if (said && said.textContent !== announcement.textContent) announcement.textContent = said.textContent;
            if (fresh.hasAttribute('data-refresh-while-running')) again(2000);
            else region.removeAttribute('data-refresh-while-running');
          })
          .catch(function () {
            again(5000);
          });
      }, delay);
    }
    again(2000);
  }

  function start() {
    focusErrorSummary();
    Array.prototype.forEach.call(document.querySelectorAll('[data-refresh-while-running]'), refreshWhileRunning);
    Array.prototype.forEach.call(document.querySelectorAll('[data-combobox]'), enhanceCombobox);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
