// The language link keeps the page's other query parameters (a queue's filters, a month, a tab): the server
// renders it as a bare "?lang=..", which would drop them.
document.querySelectorAll('nav.lang a[href^="?lang="]').forEach(function (a) {
  var params = new URLSearchParams(window.location.search);
  params.set('lang', new URLSearchParams(a.getAttribute('href').slice(1)).get('lang'));
  a.setAttribute('href', '?' + params.toString());
});
