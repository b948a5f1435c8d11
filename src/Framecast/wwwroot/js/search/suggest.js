// Suggestions for the header's search box: an ARIA 1.2 combobox with a listbox (arrows move, Enter picks, Escape
// closes), filled from GET /api/v1/search/suggest as the user types. Text goes in with textContent only.
const input = document.getElementById('site-search');
const form = input?.form;
const kinds = { video: 'Video', tag: 'Tag', channel: 'Channel' };
const delayMs = 150;

if (input && form) {
    const list = document.createElement('ul');
    list.id = 'site-search-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    form.append(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    let items = [];
    let active = -1;
    let timer = 0;
    let controller = null;

    const close = () => {
        list.hidden = true;
        input.setAttribute('aria-expanded', 'false');
        input.removeAttribute('aria-activedescendant');
        active = -1;
    };

    const setActive = (index) => {
        active = index;
        list.querySelectorAll('[role=option]').forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
        const option = list.children[index];
        if (option) {
            input.setAttribute('aria-activedescendant', option.id);
            option.scrollIntoView({ block: 'nearest' });
        } else {
            input.removeAttribute('aria-activedescendant');
        }
    };

    const pick = (index) => {
        const item = items[index];
        if (!item) {
            return;
        }
        input.value = item.text;
        close();
        if (item.kind === 'channel') {
            window.location.assign(`/u/${encodeURIComponent(item.text)}`);
        } else {
            form.requestSubmit();
        }
    };

    const render = (found) => {
        items = found;
        list.replaceChildren(...found.map((item, i) => {
            const option = document.createElement('li');
            option.id = `site-search-option-${i}`;
            option.className = 'suggestion';
            option.setAttribute('role', 'option');
            option.setAttribute('aria-selected', 'false');
            const text = document.createElement('span');
            text.className = 'suggestion-text';
            text.textContent = item.text;
            const kind = document.createElement('span');
            kind.className = 'suggestion-kind';
            kind.textContent = kinds[item.kind] ?? '';
            option.append(text, kind);
            // mousedown, not click: the input keeps focus, so blur does not close the list first.
            option.addEventListener('mousedown', (event) => {
                event.preventDefault();
                pick(i);
            });
            return option;
        }));
        active = -1;
        if (found.length === 0) {
            close();
            return;
        }
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
    };

    const load = async () => {
        const q = input.value.trim();
        controller?.abort();
        if (q.length === 0 || q.length > 100) {
            render([]);
            return;
        }
        controller = new AbortController();
        try {
            const response = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
            if (!response.ok) {
                render([]);
                return;
            }
            const body = await response.json();
            if (input.value.trim() === q && document.activeElement === input) {
                render(body.items ?? []);
            }
        } catch (error) {
            if (error.name !== 'AbortError') {
                render([]); // offline or the server is away: the plain search box still works
            }
        }
    };

    input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(load, delayMs);
    });

    input.addEventListener('keydown', (event) => {
        const open = !list.hidden;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            if (!open) {
                if (items.length > 0) {
                    list.hidden = false;
                    input.setAttribute('aria-expanded', 'true');
                } else {
                    return;
                }
            }
            event.preventDefault();
            // Positions cycle through the options and back to the text field (-1).
            const next = active + (event.key === 'ArrowDown' ? 1 : -1);
            setActive(next >= items.length ? -1 : next < -1 ? items.length - 1 : next);
        } else if (event.key === 'Enter' && open && active >= 0) {
            event.preventDefault();
            pick(active);
        } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            close();
        }
    });

    input.addEventListener('blur', close);
}
