// The grid: every camera's latest annotated frame and figures, refreshed every second.
'use strict';

(() => {
  const live = window.VigilLive;
  const grid = document.getElementById('grid');
  const empty = document.getElementById('empty');

  function tile(id) {
    let t = grid.querySelector(`[data-camera="${CSS.escape(id)}"]`);
    if (t) {
      return t;
    }
    t = document.createElement('article');
    t.className = 'tile';
    t.dataset.camera = id;
    const link = document.createElement('a');
    link.href = '/camera?id=' + encodeURIComponent(id);
    const title = document.createElement('h2');
    const name = document.createElement('span');
    name.textContent = id;
    const status = document.createElement('span');
    status.className = 'status';
    title.append(name, status);
    const canvas = document.createElement('canvas');
    canvas.className = 'view';
    canvas.width = 640;
    canvas.height = 360;
    link.append(title, canvas);
    const dl = document.createElement('dl');
    dl.className = 'figures';
    t.append(link, dl);
    grid.append(t);
    return t;
  }

  async function refresh() {
    try {
      const cameras = await live.getJson('/api/cameras');
      empty.hidden = cameras.length > 0;
      for (const s of cameras) {
        const t = tile(s.id);
        live.renderStatus(t.querySelector('.status'), s);
        live.renderFigures(t.querySelector('dl'), s);
        if (s.latest && t.querySelector('canvas').dataset.sequence !== String(s.latest.sequence)) {
          live.show(t.querySelector('canvas'), s.latest, s.scene);
        }
      }
      live.stamp();
    } catch (e) {
      document.getElementById('updated').textContent = 'cannot reach the server';
    }
  }

  refresh();
  setInterval(refresh, 1000);
})();
