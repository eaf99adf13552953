// LedgerDesk portal: progressive enhancement only. Every page works without this script.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Category picker: swap the fieldset in place instead of reloading the page.
  var picker = document.querySelector('[data-category-picker]');
  var chosen = document.querySelector('[data-category-value]');
  if (picker && chosen) {
    picker.addEventListener('change', function () {
      var value = picker.value;
      chosen.value = value;
      document.querySelectorAll('fieldset[data-category]').forEach(function (set) {
        var on = set.getAttribute('data-category') === value;
        set.hidden = !on;
        set.disabled = !on;
      });
      var empty = document.querySelector('[data-no-category]');
      if (empty) empty.hidden = !!value;
      var url = new URL(window.location.href);
      if (value) url.searchParams.set('category', value);
      else url.searchParams.delete('category');
      window.history.replaceState(null, '', url.toString());
    });
  }

  // datetime-local inputs carry no zone: tell the server ours (minutes behind UTC).
  document.querySelectorAll('[data-tz-offset]').forEach(function (input) {
    input.value = String(new Date().getTimezoneOffset());
  });

  // Warn about oversized files before uploading them.
  document.querySelectorAll('input[type="file"][data-max-bytes]').forEach(function (input) {
    var max = Number(input.getAttribute('data-max-bytes'));
    var template = input.getAttribute('data-too-big') || '';
    var warning = input.parentElement && input.parentElement.querySelector('[data-file-warning]');
    input.addEventListener('change', function () {
      var messages = [];
      Array.prototype.forEach.call(input.files || [], function (file) {
        if (file.size > max) messages.push(template.replace('{name}', file.name));
      });
      if (warning) warning.textContent = messages.join(' ');
    });
  });

  // One submission per click: a slow upload must not create the ticket twice.
  document.querySelectorAll('form[data-once]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type="submit"]');
      if (!button) return;
      window.setTimeout(function () {
        button.disabled = true;
        var sending = button.getAttribute('data-sending');
        if (sending) button.textContent = sending;
      }, 0);
    });
  });

  // Server renders UTC; show the reader's own local time.
  var lang = document.documentElement.lang || undefined;
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    format = null;
  }
  if (format) {
    document.querySelectorAll('time[data-local]').forEach(function (el) {
      var date = new Date(el.getAttribute('datetime'));
      if (!isNaN(date.getTime())) {
        el.title = el.textContent;
        el.textContent = format.format(date);
      }
    });
  }

  // The private link field: select all on focus so it is easy to copy.
  document.querySelectorAll('.copy-field').forEach(function (field) {
    field.addEventListener('focus', function () { field.select(); });
  });
})();
