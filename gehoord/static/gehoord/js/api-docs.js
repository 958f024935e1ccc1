// Starts Redoc on the API documentation page (kept out of the HTML for the Content Security Policy).
(function () {
  var container = document.getElementById("redoc-container");
  Redoc.init(container.dataset.schemaUrl, {}, container);
})();
