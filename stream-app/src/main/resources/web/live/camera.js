// One camera: the live frame at the camera's rate (server-sent events), its figures, tracked objects and last events.
'use strict';

(() => {
  const live = window.VigilLive;
  const id = new URLSearchParams(location.search).get('id') || '';
  const api = '/api/cameras/' + encodeURIComponent(id);
  const canvas = document.getElementById('view');
  let scene = [];
  document.getElementById('camera-name').textContent = id;
  document.title = 'Vigil — ' + id;

  const stream = new EventSource(api + '/stream');
  stream.addEventListener('frame', (e) => live.show(canvas, JSON.parse(e.data), scene));

  function renderObjects(objects) {
    document.getElementById('no-objects').hidden = objects.length > 0;
    const list = document.getElementById('objects');
    list.replaceChildren();
    for (const o of objects) {
      const item = document.createElement('li');
      item.dataset.track = String(o.trackId);
      const crop = document.createElement('canvas');
      const b = o.bestBox;
      crop.width = Math.max(1, Math.round(b.x2 - b.x1));
      crop.height = Math.max(1, Math.round(b.y2 - b.y1));
      live.loadImage(o.snapshotUrl)
        .then((image) => crop.getContext('2d').drawImage(image, b.x1, b.y1, crop.width, crop.height, 0, 0, crop.width, crop.height))
        .catch(() => {});
      const caption = document.createElement('div');
      caption.textContent = `#${o.trackId} ${o.label} ${o.bestScore.toFixed(2)} · ${live.time(o.lastSeenMillis)}`;
      item.append(crop, caption);
      list.append(item);
    }
  }

  function renderEvents(events) {
    const body = document.querySelector('#events tbody');
    body.replaceChildren();
    for (const e of events) {
      const row = document.createElement('tr');
      const labels = {};
      e.boxes.forEach((b) => (labels[b.label] = (labels[b.label] || 0) + 1));
      const objects = Object.entries(labels).map(([l, n]) => `${n} ${l}`).join(', ') || '–';
      for (const [text, cls] of [
        [live.time(e.frameMillis), ''],
        [String(e.sequence), 'num'],
        [e.status, ''],
        [objects, ''],
        [e.status === 'OK' ? live.millis(e.detectionMillis - e.frameMillis) : '–', 'num'],
        [e.model, ''],
      ]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        cell.className = cls;
        row.append(cell);
      }
      body.append(row);
    }
  }

  async function refresh() {
    try {
      const camera = await live.getJson(api);
      scene = camera.summary.scene;
      live.renderStatus(document.getElementById('status'), camera.summary);
      live.renderFigures(document.getElementById('figures'), camera.summary);
      renderObjects(camera.objects);
      renderEvents(camera.events);
      live.stamp();
    } catch (e) {
      document.getElementById('updated').textContent = 'no such camera yet, or the server is not reachable';
    }
  }

  refresh();
  setInterval(refresh, 1000);
})();
