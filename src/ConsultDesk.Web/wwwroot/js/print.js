// The report's print button (no inline handler: the Content-Security-Policy allows no inline script).
document.querySelectorAll('.print-button').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
