/* 资格审核: a 全选本页 box that ticks or clears every row 通过所选 can approve. Without scripts the
   box stays hidden and each row is ticked by hand. */
(function () {
  'use strict';
  var all = document.querySelector('[data-select-all]');
  var rows = document.querySelectorAll('input.select-row');
  if (!all || rows.length === 0) return;
  all.hidden = false;
  all.parentNode.querySelector('label').hidden = false;
  all.addEventListener('change', function () {
    Array.prototype.forEach.call(rows, function (row) {
      row.checked = all.checked;
    });
  });
})();
