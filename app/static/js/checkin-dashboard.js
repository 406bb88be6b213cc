// Refresh the dashboard panel from its JSON endpoint while the tab is visible.
const box = document.getElementById('live');
const every = Number(box.dataset.every) || 10000;
async function tick() {
  if (!document.hidden) {
    try {
      const res = await fetch(box.dataset.src, {headers: {Accept: 'application/json'}});
      if (res.ok) box.innerHTML = (await res.json()).html;
    } catch (e) { /* try again next time */ }
  }
  setTimeout(tick, every);
}
setTimeout(tick, every);
