/*
 * Idle-timeout warning of the 45+ admin (site45/signin). The server enforces the timeout
 * (IdleTimeoutMiddleware); this script only warns a minute before and lets the person stay
 * signed in. Configured through the data-signin-idle attribute of its own <script> tag (no
 * inline script). Before warning it asks the server how long the session has left (a GET that
 * does not count as use), so activity in another tab postpones the warning; 「繼續使用」 POSTs
 * the same endpoint with the CSRF token of wagtail-config, which restarts the clock.
 */
(function () {
    'use strict';

    var script = document.currentScript || document.querySelector('script[data-signin-idle]');
    if (!script) { return; }
    var config;
    try {
        config = JSON.parse(script.getAttribute('data-signin-idle'));
    } catch (e) {
        return;
    }
    if (document.body && document.body.classList.contains('login')) { return; }

    var texts = config.texts || {};
    var timer = null;
    var ticker = null;
    var dialog = null;
    var previousFocus = null;

    function csrf() {
        var node = document.getElementById('wagtail-config');
        if (!node) { return {}; }
        try {
            var wagtail = JSON.parse(node.textContent);
            var headers = {};
            headers[wagtail.CSRF_HEADER_NAME || 'X-CSRFToken'] = wagtail.CSRF_TOKEN;
            return headers;
        } catch (e) {
            return {};
        }
    }

    function goToLogin() {
        var next = window.location.pathname + window.location.search;
        window.location.assign(config.loginUrl + '?next=' + encodeURIComponent(next));
    }

    function schedule(seconds) {
        window.clearTimeout(timer);
        timer = window.setTimeout(check, Math.max(1, seconds) * 1000);
    }

    function handle(state) {
        if (!state.signed_in) {
            hideDialog();
            goToLogin();
            return;
        }
        var left = state.seconds_left;
        if (left > config.warningSeconds) {
            hideDialog();
            schedule(left - config.warningSeconds);
        } else {
            showDialog(left);
            // Look again soon: 「繼續使用」 pressed in another tab closes this warning too.
            schedule(Math.min(left + 1, 10));
        }
    }

    function request(method) {
        // A signed-out session is redirected to the sign-in page by the admin: not followed.
        var options = {
            method: method, credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' },
        };
        if (method === 'POST') {
            var extra = csrf();
            Object.keys(extra).forEach(function (name) { options.headers[name] = extra[name]; });
        }
        return window.fetch(config.statusUrl, options).then(function (response) {
            if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
                return { signed_in: false };
            }
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        });
    }

    function check() {
        request('GET').then(handle).catch(function () { schedule(30); });
    }

    function keepAlive() {
        request('POST').then(handle).catch(function () { schedule(5); });
    }

    function signOut() {
        var form = document.createElement('form');
        form.method = 'post';
        form.action = config.logoutUrl;
        var token = document.createElement('input');
        token.type = 'hidden';
        token.name = 'csrfmiddlewaretoken';
        var headers = csrf();
        token.value = headers[Object.keys(headers)[0]] || '';
        form.appendChild(token);
        document.body.appendChild(form);
        form.submit();
    }

    function countdownText(seconds) {
        return (texts.body || '').replace('%(seconds)s', String(Math.max(0, seconds)));
    }

    function button(label, handler, primary) {
        var node = document.createElement('button');
        node.type = 'button';
        node.className = primary ? 'button' : 'button button-secondary';
        node.textContent = label;
        node.addEventListener('click', handler);
        return node;
    }

    function showDialog(secondsLeft) {
        if (!dialog) {
            previousFocus = document.activeElement;
            var backdrop = document.createElement('div');
            backdrop.className = 'signin-idle-backdrop';
            var box = document.createElement('div');
            box.className = 'signin-idle-dialog';
            box.setAttribute('role', 'alertdialog');
            box.setAttribute('aria-modal', 'true');
            box.setAttribute('aria-labelledby', 'signin-idle-title');
            box.setAttribute('aria-describedby', 'signin-idle-body');
            var title = document.createElement('h2');
            title.id = 'signin-idle-title';
            title.textContent = texts.title || '';
            var body = document.createElement('p');
            body.id = 'signin-idle-body';
            var actions = document.createElement('div');
            actions.className = 'signin-idle-actions';
            var stay = button(texts.stay || 'OK', keepAlive, true);
            var leave = button(texts.leave || 'Sign out', signOut, false);
            actions.appendChild(stay);
            actions.appendChild(leave);
            box.appendChild(title);
            box.appendChild(body);
            box.appendChild(actions);
            backdrop.appendChild(box);
            box.addEventListener('keydown', function (event) {
                if (event.key === 'Escape') {
                    event.preventDefault();
                    keepAlive();
                } else if (event.key === 'Tab') {  // keep focus inside the dialog
                    var first = stay;
                    var last = leave;
                    if (event.shiftKey && document.activeElement === first) {
                        event.preventDefault();
                        last.focus();
                    } else if (!event.shiftKey && document.activeElement === last) {
                        event.preventDefault();
                        first.focus();
                    }
                }
            });
            document.body.appendChild(backdrop);
            dialog = { backdrop: backdrop, body: body, stay: stay, deadline: 0 };
            stay.focus();
        }
        dialog.deadline = Date.now() + secondsLeft * 1000;
        updateCountdown();
        window.clearInterval(ticker);
        ticker = window.setInterval(updateCountdown, 1000);
    }

    function updateCountdown() {
        if (!dialog) { return; }
        dialog.body.textContent = countdownText(Math.ceil((dialog.deadline - Date.now()) / 1000));
    }

    function hideDialog() {
        window.clearInterval(ticker);
        if (!dialog) { return; }
        dialog.backdrop.parentNode.removeChild(dialog.backdrop);
        dialog = null;
        if (previousFocus && typeof previousFocus.focus === 'function') {
            previousFocus.focus();
        }
    }

    schedule(config.timeoutSeconds - config.warningSeconds);
}());
