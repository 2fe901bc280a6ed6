// Progressive enhancement for 选择考区: choosing an area shows its sites at once.
// Without scripts the "显示考点" button does the same.
document.querySelectorAll('[data-enrollment-area-form]').forEach(function (form) {
  var select = form.querySelector('select');
  var button = form.querySelector('button');
  if (!select) return;
  if (button) button.classList.add('visually-hidden');
  select.addEventListener('change', function () {
    if (select.value) form.submit();
  });
});
