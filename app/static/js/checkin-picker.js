// Go straight to the checkpoint this device scanned at last time (set by the scanner page).
try {
  const saved = JSON.parse(localStorage.getItem('teilhabe.checkpoint') || 'null');
  const links = [...document.querySelectorAll('.checkpoints a')].map((a) => a.pathname);
  if (saved && links.includes(saved.url)) location.replace(saved.url);
} catch (e) { /* nothing remembered */ }
