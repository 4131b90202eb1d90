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
// The linked deduction form: a same-item deduction (同项同责) reads this scheme's own items, so the scheme select
// hides and only this scheme's items show; a same-grid one (同网同责) shows the items of the districts' scheme chosen.
(function () {
  var kind = document.getElementById('linked-kind');
  var scheme = document.getElementById('linked-scheme');
  var item = document.getElementById('linked-item');
  if (!kind || !scheme || !item) {
    return;
  }
  var box = document.querySelector('#linked-form .linked-scheme');
  function show() {
    var own = kind.value === 'SAME_ITEM';
    if (box) {
      box.hidden = own;
    }
    var wanted = own ? '' : scheme.value;
    item.querySelectorAll('optgroup').forEach(function (g) {
      var on = g.getAttribute('data-scheme') === wanted;
      g.hidden = !on;
      g.disabled = !on;
      if (!on) {
        g.querySelectorAll('option').forEach(function (o) { o.selected = false; });
      }
    });
  }
  kind.addEventListener('change', show);
  scheme.addEventListener('change', show);
  show();
}());
