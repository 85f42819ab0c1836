/* Yume dashboard: small enhancements over pages that already work without JavaScript.
   Loaded as a file of this app (no inline scripts), so a strict Content-Security-Policy holds. */
(function () {
  'use strict';

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  // After a refused submit, put the first problem in view and its field under the finger.
  function firstErrorInView() {
    var error = document.querySelector('.field-error');
    if (!error) return;
    var field = document.querySelector('[aria-invalid=true]');
    var details = error.closest('details');
    if (details) details.open = true;
    (field || error).scrollIntoView({ block: 'center' });
    if (field && document.activeElement !== field) field.focus({ preventScroll: true });
  }

  // Booking form: tapping a free time fills the time field instead of reloading the page.
  function freeTimeChips() {
    var time = document.querySelector('#booking input[name=time]');
    if (!time) return;
    each('#booking .free-time', function (chip) {
      chip.addEventListener('click', function (event) {
        event.preventDefault();
        time.value = chip.dataset.hhmm;
        each('#booking .free-time', function (other) { other.classList.remove('on'); });
        chip.classList.add('on');
      });
    });
  }

  // Hours editor: typing a time opens the day; ticking Cerrado clears its times.
  function hoursEditor() {
    each('fieldset.day-hours', function (day) {
      var closed = day.querySelector('input[type=checkbox]');
      if (!closed) return;
      each('input[type=time]', function (input) {
        input.addEventListener('input', function () { if (input.value) closed.checked = false; });
      }, day);
      closed.addEventListener('change', function () {
        if (closed.checked) each('input[type=time]', function (i) { i.value = ''; }, day);
      });
    });
  }

  // Customer list: results follow what is typed, without pressing Buscar.
  function liveSearch() {
    each('form[data-live]', function (form) {
      var input = form.querySelector('input[type=search]');
      var results = document.getElementById('results');
      if (!input || !results) return;
      var last = form.dataset.q || '';  // what the shown results are for
      function search() {
        var q = input.value.trim();
        if (q === last) return;
        last = q;
        var url = form.dataset.live + '?parcial=1&q=' + encodeURIComponent(q);
        fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.text(); })
          .then(function (html) {
            if (q !== last) return;
            results.innerHTML = html;  // rendered and escaped by the server
            history.replaceState(null, '', form.action + (q ? '?q=' + encodeURIComponent(q) : ''));
          });
      }
      input.addEventListener('input', debounce(search, 180));
      search();  // typed before this script ran

    });
  }

  // Booking form: pick an existing customer while typing a name or a phone.
  function customerPicker() {
    each('fieldset[data-picker]', function (box) {
      var id = box.querySelector('input[name=customer]');
      var name = box.querySelector('input[name=name]');
      var phone = box.querySelector('input[name=phone]');
      var list = box.querySelector('.picker');
      if (!id || !list) return;
      var search = debounce(function (text) {
        if (text.length < 2) { list.textContent = ''; return; }
        fetch(box.dataset.picker + '?q=' + encodeURIComponent(text), { credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (data) { show(data.customers || []); });
      }, 180);
      function show(found) {
        list.textContent = '';
        found.forEach(function (c) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'pick';
          button.textContent = (c.name || 'Sin nombre') + (c.phone ? ' · ' + c.phone : '');
          button.addEventListener('click', function () {
            id.value = c.id;
            if (name) name.value = c.name || '';
            if (phone) phone.value = c.phone || '';
            list.textContent = '';
            var note = document.createElement('p');
            note.className = 'muted';
            note.textContent = 'Cliente elegido: ' + button.textContent;
            list.appendChild(note);
          });
          list.appendChild(button);
        });
      }
      [name, phone].forEach(function (input) {
        if (!input) return;
        input.addEventListener('input', function () {
          id.value = '';
          search(input.value.trim());
        });
      });
    });
  }

  // A chat opens at its newest message.
  function chatAtNewest() {
    each('.chat', function (chat) { chat.scrollTop = chat.scrollHeight; });
  }

  // Agenda grid on a desktop: drag an appointment to another time or person. The drop fills
  // the same form a tap on a free time posts, so the server checks and answers as usual.
  function dragToMove() {
    var cal = document.querySelector('.cal');
    var form = document.getElementById('drag-move');
    if (!cal || !form) return;
    var first = parseInt(cal.dataset.first, 10);
    var step = parseInt(cal.dataset.interval, 10) || 15;
    var moving = null, grabbed = 0;
    each('.appt[data-move]', function (appt) {
      appt.addEventListener('dragstart', function (event) {
        moving = appt;
        grabbed = event.clientY - appt.getBoundingClientRect().top;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', appt.dataset.move);
      });
      appt.addEventListener('dragend', function () { moving = null; });
    });
    each('.cal-col[data-staff]', function (col) {
      var body = col.querySelector('.cal-body');
      col.addEventListener('dragover', function (event) {
        if (!moving) return;
        event.preventDefault();
        col.classList.add('dragover');
      });
      col.addEventListener('dragleave', function () { col.classList.remove('dragover'); });
      col.addEventListener('drop', function (event) {
        if (!moving) return;
        event.preventDefault();
        col.classList.remove('dragover');
        var rows = body.querySelector('.end');
        var box = body.getBoundingClientRect();
        var total = rows ? parseInt(rows.className.replace(/\D+/g, ''), 10) * 5 : 0;
        var minute = first + Math.max(0, event.clientY - grabbed - box.top) / box.height * total;
        minute = Math.round(minute / step) * step;
        var hh = ('0' + Math.floor(minute / 60)).slice(-2), mm = ('0' + (minute % 60)).slice(-2);
        form.action = moving.dataset.move;
        form.elements.date.value = col.dataset.date;
        form.elements.time.value = hh + ':' + mm;
        form.elements.staff.value = col.dataset.staff;
        form.submit();
      });
    });
  }

  function start() {
    firstErrorInView();
    freeTimeChips();
    hoursEditor();
    liveSearch();
    customerPicker();
    chatAtNewest();
    dragToMove();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
