// The queue's "select all on this page" also ticks each row (without JavaScript the server reads the box itself).
document.querySelectorAll('.queue-bulk').forEach(function (form) {
    var all = form.querySelector('.select-all');
    if (!all) return;
    var rows = form.querySelectorAll('input[name="references"]');
    all.addEventListener('change', function () {
        rows.forEach(function (row) { row.checked = all.checked; });
    });
    rows.forEach(function (row) {
        row.addEventListener('change', function () {
            if (!row.checked) all.checked = false;
        });
    });
});
