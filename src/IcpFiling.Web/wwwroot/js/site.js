// Console-wide behaviour. Loaded as a file: the Content-Security-Policy forbids inline script.
(() => {
    'use strict';

    // Controls that only a browser without JavaScript needs (a "Show" button beside a select) hide themselves.
    document.documentElement.classList.add('js');

    // A GET form marked data-auto-submit follows its select as soon as the choice changes.
    document.addEventListener('change', (event) => {
        const form = event.target.closest('form[data-auto-submit]');
        if (form && event.target.matches('select')) {
            form.requestSubmit();
        }
    });

    // Copy buttons: <button data-copy="text" data-copied-text="Copied">.
    document.addEventListener('click', async (event) => {
        const button = event.target.closest('[data-copy]');
        if (!button) {
            return;
        }
        const original = button.textContent;
        try {
            await navigator.clipboard.writeText(button.dataset.copy);
            button.textContent = button.dataset.copiedText || original;
        } catch {
            // Clipboard refused (insecure origin, permissions): select the number so the user can copy it by hand.
            const code = button.parentElement.querySelector('code');
            if (code) {
                window.getSelection().selectAllChildren(code);
            }
        }
        window.setTimeout(() => { button.textContent = original; }, 1500);
    });

    // The one confirmation dialog (in Views/Shared/_Layout.cshtml) for every irreversible action.
    const dialog = document.getElementById('confirm-dialog');
    if (dialog && typeof dialog.showModal === 'function') {
        const dialogForm = dialog.querySelector('[data-confirm-form]');
        const title = dialog.querySelector('[data-confirm-title]');
        const defaultTitle = title.textContent;
        const message = dialog.querySelector('[data-confirm-message]');
        const fields = dialog.querySelector('[data-confirm-fields]');
        const details = dialog.querySelector('[data-confirm-details]');
        const ok = dialog.querySelector('[data-confirm-ok]');
        const cancel = dialog.querySelector('[data-confirm-cancel]');
        const defaultCancel = cancel.textContent;
        let pendingForm = null;
        let opener = null;

        // trigger carries the data-confirm-* words; focus goes back to returnTo (the button pressed) on close.
        const open = (trigger, list = null, returnTo = trigger) => {
            opener = returnTo;
            title.textContent = trigger.dataset.confirmTitle || defaultTitle;
            message.textContent = trigger.dataset.confirm;
            details.replaceChildren(...(list ? [list] : []));
            ok.textContent = trigger.dataset.confirmOk || ok.dataset.defaultLabel;
            // data-confirm-keep names the safe choice where "Cancel" would read like the action ("Cancel filing").
            cancel.textContent = trigger.dataset.confirmKeep || defaultCancel;
            const destructive = trigger.hasAttribute('data-confirm-destructive');
            ok.classList.toggle('btn-danger', destructive);
            ok.classList.toggle('btn-primary', !destructive);
            ok.disabled = false;
            dialog.showModal();
            // A destructive action (or a batch, which issues many numbers at once) starts on the safe choice; Enter
            // must not destroy or spend anything by accident.
            (destructive || list ? cancel : ok).focus();
        };

        const addField = (name, value) => {
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = value;
            fields.append(input);
        };

        // A batch's idempotency key, made when its confirmation is shown: OK sent twice, or the page posted again,
        // issues nothing twice.
        const newKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

        // Batch apply: the checked rows and their quantities, listed in the dialog; OK posts them with a new key.
        // A choice the dialog cannot list (none checked, too many) goes to the server, which says what is wrong.
        const openBatch = (form, submitter) => {
            const boxes = [...form.querySelectorAll('input[data-batch-select]:checked')];
            if (boxes.length === 0 || boxes.length > Number(form.dataset.batchMax)) {
                return false;
            }
            const list = document.getElementById(form.dataset.batchTemplate).content.firstElementChild.cloneNode(true);
            const lines = list.querySelector('[data-batch-lines]');
            pendingForm = null;
            dialogForm.action = form.dataset.batchAction;
            fields.replaceChildren();
            addField('BatchKey', newKey());
            let total = 0;
            boxes.forEach((box, index) => {
                const quantity = Number(form.querySelector(`input[data-batch-quantity][data-instance-id="${CSS.escape(box.value)}"]`).value);
                total += quantity;
                addField(`Lines[${index}].InstanceId`, box.value);
                addField(`Lines[${index}].Quantity`, String(quantity));
                const row = document.createElement('tr');
                row.dataset.instanceId = box.value;
                const name = document.createElement('td');
                const id = document.createElement('code');
                id.textContent = box.value;
                name.append(id, ` — ${box.dataset.instanceName}`);
                const count = document.createElement('td');
                count.className = 'text-end';
                count.dataset.testid = 'quantity';
                count.textContent = String(quantity);
                row.append(name, count);
                lines.append(row);
            });
            list.querySelector('[data-batch-total]').textContent = String(total);
            open(form, list, submitter || form);
            return true;
        };

        const close = () => {
            if (dialog.open) {
                dialog.close();
            }
        };

        dialog.addEventListener('close', () => {
            pendingForm = null;
            if (opener && document.contains(opener)) {
                opener.focus();
            }
        });

        document.addEventListener('click', (event) => {
            const link = event.target.closest('a[data-confirm]');
            if (!link) {
                return;
            }
            event.preventDefault();
            pendingForm = null;
            dialogForm.action = link.dataset.confirmAction;
            fields.replaceChildren();
            const values = JSON.parse(link.dataset.confirmFields || '{}');
            for (const [name, value] of Object.entries(values)) {
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = name;
                input.value = value;
                fields.append(input);
            }
            open(link);
        });

        document.addEventListener('submit', (event) => {
            const batch = event.target.closest('form[data-batch-form]');
            if (batch) {
                if (openBatch(batch, event.submitter)) {
                    event.preventDefault();
                }
                return;
            }
            const form = event.target.closest('form[data-confirm]');
            if (!form || form.dataset.confirmed === 'true') {
                return;
            }
            event.preventDefault();
            pendingForm = form;
            open(form);
        });

        dialogForm.addEventListener('submit', (event) => {
            if (pendingForm) {
                event.preventDefault();
                const form = pendingForm;
                form.dataset.confirmed = 'true';
                ok.disabled = true;
                form.requestSubmit();
                return;
            }
            // Disable after the submission has started, so the click still submits once.
            window.setTimeout(() => { ok.disabled = true; }, 0);
        });

        cancel.addEventListener('click', close);

        // Keep Tab inside the dialog: from the last control back to the first, and the other way round.
        dialog.addEventListener('keydown', (event) => {
            if (event.key !== 'Tab') {
                return;
            }
            const focusable = [...dialog.querySelectorAll('button:not([disabled]), a[href], input:not([type=hidden])')];
            if (focusable.length === 0) {
                return;
            }
            const first = focusable[0];
            const last = focusable[focusable.length - 1];
            if (event.shiftKey && document.activeElement === first) {
                event.preventDefault();
                last.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
                event.preventDefault();
                first.focus();
            }
        });

        // Coming back through the history cache must not leave a dead dialog open.
        window.addEventListener('pageshow', () => {
            ok.disabled = false;
            document.querySelectorAll('form[data-confirmed]').forEach((form) => delete form.dataset.confirmed);
            close();
        });
    }

    // Bring the highlighted row (the number just issued) into view.
    const highlighted = document.querySelector('tr.highlighted');
    if (highlighted) {
        highlighted.scrollIntoView({ block: 'center' });
    }

    // New filing's instance picker: typing narrows the choice in place (the form keeps what was typed); Enter
    // searches at once instead of leaving the page. Without JavaScript its own GET form reloads the page.
    const picker = document.querySelector('[data-instance-picker]');
    if (picker) {
        const input = picker.querySelector('[data-instance-search]');
        const choices = document.querySelector('[data-instance-choices]');
        let timer = 0;
        let latest = 0;
        const refresh = async () => {
            const asked = ++latest;
            const url = new URL(picker.dataset.source, window.location.href);
            url.searchParams.set('instanceSearch', input.value.trim());
            const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
            // An answer to an older search that arrives late must not replace a newer one.
            if (response.ok && asked === latest) {
                const checked = choices.querySelector('input[name=InstanceId]:checked');
                choices.innerHTML = await response.text();
                const again = checked && choices.querySelector(`input[name=InstanceId][value="${CSS.escape(checked.value)}"]`);
                if (again) {
                    again.checked = true;
                }
            }
        };
        input.addEventListener('input', () => {
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, 250);
        });
        input.addEventListener('keydown', (event) => {
            if (event.key === 'Enter') {
                event.preventDefault();
                window.clearTimeout(timer);
                refresh();
            }
        });
    }
})();
