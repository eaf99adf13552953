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

  // Help-center search: article suggestions while typing, as an ARIA 1.2 combobox (arrow keys
  // move, Enter opens, Escape closes). Without this script the box is a plain GET search form.
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var endpoint = input.getAttribute('data-suggest');
    var locale = input.getAttribute('data-locale') || 'en';
    var countText = input.getAttribute('data-suggest-count') || '';
    var listId = (input.id || 'help-q') + '-suggestions';
    var box = document.createElement('div');
    box.className = 'search-box';
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', input.getAttribute('data-suggest-label') || '');
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    box.appendChild(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    var timer = 0;
    var pending = null;
    var items = [];
    var active = -1;
    var asked = '';

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role="option"]');
      active = index;
      options.forEach(function (option, i) { option.setAttribute('aria-selected', i === index ? 'true' : 'false'); });
      var current = options[index];
      if (current) {
        input.setAttribute('aria-activedescendant', current.id);
        current.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(found) {
      items = found;
      list.textContent = '';
      found.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = listId + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        var link = document.createElement('a');
        link.href = item.url;
        link.tabIndex = -1;
        link.textContent = item.title;
        if (item.locale && item.locale !== locale) link.lang = item.locale;
        option.appendChild(link);
        list.appendChild(option);
      });
      close();
      if (found.length) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      status.textContent = found.length ? countText.replace('{count}', String(found.length)) : '';
    }

    function suggest() {
      var q = input.value.trim();
      if (q === asked) return;
      asked = q;
      if (pending) pending.abort();
      pending = null;
      if (!q) return show([]);
      var controller = new AbortController();
      pending = controller;
      var url = endpoint + '?q=' + encodeURIComponent(q) + '&locale=' + encodeURIComponent(locale) + '&limit=8';
      fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal })
        .then(function (res) { return res.ok ? res.json() : { items: [] }; })
        .then(function (body) {
          // Only our own pages: a suggestion is a link the reader follows.
          var found = (body.items || []).filter(function (item) {
            return typeof item.url === 'string' && item.url.charAt(0) === '/' && item.url.charAt(1) !== '/';
          });
          if (pending === controller) show(found);
        })
        .catch(function () { return null; }); // aborted or offline: the form still works
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });
    input.addEventListener('keydown', function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === 'ArrowDown' && open) {
        event.preventDefault();
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === 'ArrowDown') {
        asked = '';
        suggest();
      } else if (event.key === 'ArrowUp' && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
    // Keep the focus in the box while a suggestion is clicked, so the click reaches the link.
    list.addEventListener('mousedown', function (event) { event.preventDefault(); });
  });

  // The private link field: select all on focus so it is easy to copy.
  document.querySelectorAll('.copy-field').forEach(function (field) {
    field.addEventListener('focus', function () { field.select(); });
  });
})();
