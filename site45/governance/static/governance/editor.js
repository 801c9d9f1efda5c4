/*
 * The reviewer's screen opens on the preview (governance/review/action_menu.py). Wagtail opens
 * the side panel the person last had open (localStorage); on a page in their review queue the
 * footer carries a data-review-opens-preview marker, and the preview panel is opened instead,
 * after Wagtail has restored its own choice.
 */
(function () {
    'use strict';

    function openPreview() {
        if (!document.querySelector('[data-review-opens-preview]')) { return; }
        var panel = document.querySelector('[data-side-panel="preview"]');
        if (panel && panel.hidden) {
            panel.dispatchEvent(new CustomEvent('open'));
        }
    }

    window.addEventListener('load', function () {
        // Wagtail restores the remembered panel in a timeout of its own: open ours after it.
        window.setTimeout(openPreview, 50);
    });
}());
