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

    // Forms that change something for good ask first: <form data-confirm="Are you sure…?">.
    document.addEventListener('submit', (event) => {
        const form = event.target.closest('form[data-confirm]');
        if (form && !window.confirm(form.dataset.confirm)) {
            event.preventDefault();
        }
    });

    // Bring the highlighted row (the number just issued) into view.
    const highlighted = document.querySelector('tr.highlighted');
    if (highlighted) {
        highlighted.scrollIntoView({ block: 'center' });
    }
})();
