document.addEventListener("DOMContentLoaded", function () {
  var template = document.getElementById("dbrunbooks-maintenance-banner");
  var body = document.getElementById("page-body") || document.body;
  if (template && body) {
    body.parentNode.insertBefore(template.content.cloneNode(true), body);
  }
});
