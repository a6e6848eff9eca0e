// Inventory import: while a large file travels and the server checks it (one change, all or nothing, which can take
// a while for 10,000 rows), show how many rows were sent and a progress bar, and keep the button from a second click.
(function () {
    'use strict';
    var form = document.querySelector('[data-testid=import-form]');
    var status = document.querySelector('[data-import-progress]');
    if (!form || !status) {
        return;
    }

    var bar = status.querySelector('progress');
    var text = status.querySelector('[data-import-progress-text]');
    form.addEventListener('submit', function (event) {
        var file = form.querySelector('input[type=file]').files[0];
        if (!file || !window.XMLHttpRequest || !window.FormData) {
            return; // The plain form post works without any of this.
        }

        event.preventDefault();
        form.querySelector('button[type=submit]').disabled = true;
        status.classList.remove('d-none');
        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                bar.max = e.total;
                bar.value = e.loaded;
                text.textContent = text.getAttribute('data-sending').replace('{0}', Math.round(100 * e.loaded / e.total));
            }
        });
        request.upload.addEventListener('load', function () {
            bar.removeAttribute('value');
            text.textContent = text.getAttribute('data-checking');
        });
        request.addEventListener('load', function () {
            // The answer is the page itself (counts or the bad rows): show it as a normal post would.
            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener('error', function () {
            form.submit();
        });
        request.send(new FormData(form));
    });
}());
