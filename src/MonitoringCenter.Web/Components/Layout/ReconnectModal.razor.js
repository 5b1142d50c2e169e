// Drives the reconnect dialog of an interactive page (see ReconnectModal.razor).
const modal = document.getElementById("components-reconnect-modal");
const reload = document.getElementById("components-reconnect-reload");

reload.addEventListener("click", () => location.reload());

modal.addEventListener("components-reconnect-state-changed", (event) => {
    const state = event.detail.state;
    if (state === "show" || state === "retrying" || state === "failed" || state === "paused" || state === "resume-failed") {
        if (!modal.open) {
            modal.showModal();
        }
        if (state === "failed" || state === "paused" || state === "resume-failed") {
            reload.focus();
        }
    } else if (state === "hide") {
        modal.close();
    } else if (state === "rejected") {
        // The server is back but no longer knows this circuit: only a new page can continue.
        location.reload();
    }
});
