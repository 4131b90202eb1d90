// The scheme editor's item form: only the parameter fields of the chosen scoring rule show (no inline script;
// without JavaScript every field shows and the server reads those of the chosen rule).
(function () {
  var rule = document.getElementById('item-rule');
  if (!rule) {
    return;
  }
  function show() {
    var chosen = rule.value;
    document.querySelectorAll('#item-form [data-rules]').forEach(function (el) {
      el.hidden = el.getAttribute('data-rules').split(' ').indexOf(chosen) < 0;
    });
  }
  rule.addEventListener('change', show);
  show();
}());
