// ICP No. Application: the Apply confirmation dialog. Without JavaScript (or <dialog> support)
// the Apply link opens the confirmation page instead, which posts the same form.
(() => {
    'use strict';

    const dialog = document.getElementById('apply-dialog');
    if (!dialog || typeof dialog.showModal !== 'function') {
        return;
    }

    const form = dialog.querySelector('form');
    const message = dialog.querySelector('[data-apply-message]');
    const instanceInput = dialog.querySelector('[data-apply-instance]');
    const keyInput = dialog.querySelector('[data-apply-key]');
    const ok = dialog.querySelector('[data-apply-ok]');
    const cancel = dialog.querySelector('[data-apply-cancel]');

    document.addEventListener('click', (event) => {
        const link = event.target.closest('a[data-apply]');
        if (!link) {
            return;
        }
        event.preventDefault();
        instanceInput.value = link.dataset.instanceId;
        // One key per rendered Apply button: a double click or a resubmitted post replays, never issues twice.
        keyInput.value = link.dataset.idempotencyKey;
        message.textContent = dialog.dataset.messageTemplate.replace('{0}', link.dataset.instanceLabel);
        ok.disabled = false;
        dialog.showModal();
        ok.focus();
    });

    cancel.addEventListener('click', () => dialog.close());

    form.addEventListener('submit', () => {
        // Disable after the submission has started, so the click still submits once.
        window.setTimeout(() => { ok.disabled = true; }, 0);
    });

    // Coming back through the history cache must not leave a dead dialog open.
    window.addEventListener('pageshow', () => {
        ok.disabled = false;
        if (dialog.open) {
            dialog.close();
        }
    });
})();
