// The door scanner: camera (qr-scanner), hand scanner (keyboard wedge), search, undo.
// Settings and texts come from the JSON island #scanner-config; no inline script or style.
const cfg = JSON.parse(document.getElementById('scanner-config').textContent);
const $ = (id) => document.getElementById(id);
const t = cfg.texts;
const answer = $('answer');
const video = $('camera-video');
const wedge = $('wedge-input');
const store = window.localStorage;
let scanner = null, facing = 'environment', lastCode = '', lastCodeAt = 0, lastCheckin = null;
let hideTimer = 0, busy = false, audio = null, cameraOn = false;
// Codes typed by the hand scanner or tapped in the search while a request was in flight: the
// wedge field was already cleared for the next scan, so they must not be lost.
const waiting = [];

store.setItem('teilhabe.checkpoint', JSON.stringify({id: cfg.checkpoint, url: location.pathname}));

function nonce() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2);
}

async function call(url, body, method) {
  const headers = {'Accept': 'application/json', 'X-CSRFToken': cfg.csrf};
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {method: method || 'POST', headers, credentials: 'same-origin',
    body: body ? JSON.stringify(body) : undefined});
  if (res.status >= 500) throw new Error('server ' + res.status);  // retried with the same nonce
  const data = await res.json().catch(() => ({}));
  if (!res.ok && !data.status) data.status = 'error';
  return data;
}

// One scan: the same nonce is sent again when the network fails, so a retry never checks in twice.
// The camera sees its code again and again, so a camera scan while busy is simply skipped.
async function checkIn(code, source) {
  code = code.trim();
  if (!code) return;
  if (busy) {
    if (source !== 'camera') await new Promise((resolve) => waiting.push({code, resolve}));
    return;
  }
  const now = Date.now();
  if (source === 'camera' && code === lastCode && now - lastCodeAt < cfg.repeatMs) return;
  lastCode = code; lastCodeAt = now; busy = true;
  const body = {ticket: code, checkpoint: String(cfg.checkpoint), nonce: nonce()};
  let data = null;
  for (let attempt = 0; attempt < 3 && !data; attempt++) {
    try { data = await call(cfg.api.checkin, body); }
    catch (e) { await new Promise((r) => setTimeout(r, 600 * (attempt + 1))); }
  }
  busy = false;
  show(data || {status: 'network', message: t.network});
  const next = waiting.shift();
  if (next) checkIn(next.code, 'queue').then(next.resolve);
}

function fill(id, items) {
  const list = $(id);
  list.replaceChildren(...(items || []).map((text) => {
    const li = document.createElement('li'); li.textContent = text; return li;
  }));
  list.hidden = !items || !items.length;
}

function show(data) {
  const kind = data.status === 'ok' ? 'ok' : data.status === 'already_checked_in' ? 'warn' : 'bad';
  const who = data.attendee || {};
  answer.className = 'answer answer-' + kind;
  $('answer-title').textContent = data.message || data.status;
  $('answer-name').textContent = who.name || '';
  $('answer-detail').textContent = [who.organisation, who.category].filter(Boolean).join(' · ');
  $('answer-first').textContent = data.first ? data.first.text : '';
  fill('answer-sessions', who.sessions);
  fill('answer-notes', who.notes);
  answer.hidden = false;
  if (data.status === 'ok') {
    lastCheckin = data.checkin_id;
    $('undo').disabled = false;
    $('undo-name').textContent = who.name || '';
  }
  signal(kind);
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, kind === 'ok' ? cfg.okMs : cfg.otherMs);
}

// Give the hand scanner somewhere to type when focus fell to the page or sits on something just
// hidden (Chromium moves it away only later), unless the camera runs: focusing a field would
// open the phone's keyboard over the video.
function focusWedge() {
  const el = document.activeElement;
  const idle = !el || el === document.body || el.closest('[hidden]');
  if (idle && !cameraOn) wedge.focus();
}

function hide() {
  answer.hidden = true;
  focusWedge();
}

function signal(kind) {
  if ($('opt-vibrate').checked && navigator.vibrate) {
    navigator.vibrate(kind === 'ok' ? 120 : [200, 100, 200]);
  }
  if (!$('opt-sound').checked) return;
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = kind === 'ok' ? 880 : kind === 'warn' ? 520 : 220;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (kind === 'ok' ? 0.12 : 0.4));
  } catch (e) { /* no audio on this device */ }
}

async function startCamera() {
  const status = $('camera-status');
  try {
    const {default: QrScanner} = await import(cfg.qrScanner);
    if (!scanner) {
      // A decode may arrive after "Stop camera" (the worker was busy): it must not check in
      scanner = new QrScanner(video, (r) => { if (cameraOn) checkIn(r.data, 'camera'); }, {
        returnDetailedScanResult: true, preferredCamera: facing, maxScansPerSecond: 8,
      });
    }
    await scanner.start();
    cameraOn = true;
    $('camera').hidden = false;
    $('camera-start').hidden = true;
    $('camera-switch').hidden = (await QrScanner.listCameras()).length < 2;
    $('camera-torch').hidden = !(await scanner.hasFlash());
    status.textContent = '';
    store.setItem('teilhabe.camera', 'on');
  } catch (e) {
    status.textContent = t.noCamera;
    store.removeItem('teilhabe.camera');
  }
}

function stopCamera() {
  if (scanner) { scanner.stop(); }
  cameraOn = false;
  $('camera').hidden = true;
  $('camera-start').hidden = false;
  store.removeItem('teilhabe.camera');
  focusWedge();
}

async function switchCamera() {
  facing = facing === 'environment' ? 'user' : 'environment';
  if (scanner) await scanner.setCamera(facing);
  $('camera-torch').hidden = !(scanner && await scanner.hasFlash());
}

async function search(event) {
  event.preventDefault();
  const q = $('search-input').value.trim();
  const list = $('search-results');
  if (q.length < 2) { list.replaceChildren(); return; }
  const url = cfg.api.search + '?checkpoint=' + cfg.checkpoint + '&q=' + encodeURIComponent(q);
  let data;
  try { data = await call(url, null, 'GET'); } catch (e) { data = {results: []}; }
  const results = data.results || [];
  $('search-status').textContent = results.length ? '' : t.noMatch;
  list.replaceChildren(...results.map((hit) => {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = [hit.name, hit.organisation, hit.category].filter(Boolean).join(' · ');
    li.append(label);
    if (hit.checked_in) {
      const done = document.createElement('span');
      done.className = 'tag'; done.textContent = t.checkedIn; li.append(' ', done);
    } else {
      const button = document.createElement('button');
      button.type = 'button'; button.className = 'primary'; button.textContent = t.checkIn;
      button.setAttribute('aria-label', t.checkIn + ': ' + hit.name);
      button.addEventListener('click', () => checkIn(hit.ticket, 'search').then(() => search(event)));
      li.append(' ', button);
    }
    return li;
  }));
}

async function undo() {
  if (!lastCheckin) return;
  let data;
  try { data = await call(cfg.api.undo, {checkin: lastCheckin}); } catch (e) { data = {}; }
  $('undo-status').textContent = data.message || t.network;
  if (data.status === 'undone') { lastCheckin = null; $('undo').disabled = true; }
}

for (const opt of ['opt-sound', 'opt-vibrate']) {
  const box = $(opt);
  box.checked = store.getItem('teilhabe.' + opt) !== 'off';
  box.addEventListener('change', () => store.setItem('teilhabe.' + opt, box.checked ? 'on' : 'off'));
}
$('wedge').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = wedge.value; wedge.value = '';
  checkIn(code, 'wedge');
});
$('search').addEventListener('submit', search);
$('undo').addEventListener('click', (e) => { e.preventDefault(); undo(); });
$('camera-start').addEventListener('click', startCamera);
$('camera-stop').addEventListener('click', stopCamera);
$('camera-switch').addEventListener('click', switchCamera);
$('camera-torch').addEventListener('click', () => scanner && scanner.toggleFlash());
answer.addEventListener('click', hide);
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
if (store.getItem('teilhabe.camera') === 'on') startCamera();
else if (window.matchMedia('(pointer: fine)').matches) wedge.focus();
