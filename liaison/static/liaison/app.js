// Small behaviours for server-rendered pages. No framework, no external code.
(function () {
  "use strict";

  // A job page refreshes its progress bar from the job's JSON status until the job ends.
  function followJob(element) {
    var url = element.getAttribute("data-job-status-url");
    var bar = element.querySelector("progress");
    var text = element.querySelector("[data-job-text]");
    var state = element.querySelector("[data-job-state]");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (bar) { bar.value = job.percent; bar.textContent = job.percent + "%"; }
          if (text) { text.textContent = job.progress_text; }
          if (state) { state.textContent = job.status_label; }
          if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-status-url]").forEach(followJob);
  });
})();
