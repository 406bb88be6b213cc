// Refresh the live count every few seconds while the tab is visible (R10.6: only "n of m").
// Without JavaScript the page refreshes itself through the <noscript> meta refresh.
const box = document.getElementById('live-count');
const every = Number(box.dataset.every) || 5000;
async function tick() {
  if (!document.hidden) {
    try {
      const res = await fetch(window.location.href, {headers: {Accept: 'text/html'}});
      if (res.ok) {
        const page = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = page.getElementById('live-count');
        if (fresh && fresh.innerHTML !== box.innerHTML) box.innerHTML = fresh.innerHTML;
      }
    } catch (e) { /* venue Wi-Fi: try again next time */ }
  }
  setTimeout(tick, every);
}
setTimeout(tick, every);
