// Vigil live view: what the grid and the camera page share (drawing a frame with its boxes, zones and lines;
// the figures of a camera). Plain browser JavaScript, no library.
'use strict';

window.VigilLive = (() => {
  const PALETTE = ['#ff3b30', '#34c759', '#0a84ff', '#ffcc00', '#ff2dff', '#00e5ff', '#ff9500', '#a0ff00'];
  const ZONE_COLOR = '#00e5ff';
  const LINE_COLOR = '#ffcc00';

  /** The colour of a label's boxes: the same label always gets the same colour. */
  function colorOf(label) {
    let h = 0;
    for (const c of label) {
      h = (h * 31 + c.codePointAt(0)) >>> 0;
    }
    return PALETTE[h % PALETTE.length];
  }

  function loadImage(url) {
    return new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error('frame not available: ' + url));
      image.src = url;
    });
  }

  /** Draws the frame, then the zones and lines, then the boxes with label, score and track id. */
  function draw(canvas, image, frame, scene) {
    canvas.width = frame.width;
    canvas.height = frame.height;
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0, frame.width, frame.height);
    const thick = Math.max(2, Math.round(frame.width / 320));
    for (const shape of scene || []) {
      g.save();
      g.lineWidth = thick;
      g.setLineDash([8, 6]);
      g.strokeStyle = shape.kind === 'line' ? LINE_COLOR : ZONE_COLOR;
      g.beginPath();
      shape.points.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
      if (shape.kind === 'zone') {
        g.closePath();
        g.fillStyle = 'rgba(0, 229, 255, 0.12)';
        g.fill();
      }
      g.stroke();
      g.setLineDash([]);
      g.fillStyle = g.strokeStyle;
      g.font = `${Math.max(12, thick * 6)}px sans-serif`;
      g.fillText(shape.name, shape.points[0][0] + 4, shape.points[0][1] - 4);
      g.restore();
    }
    g.font = `${Math.max(12, thick * 6)}px sans-serif`;
    g.textBaseline = 'bottom';
    for (const box of frame.boxes) {
      const color = colorOf(box.label);
      g.lineWidth = thick;
      g.strokeStyle = color;
      g.strokeRect(box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1);
      const text = `${box.label} ${box.score.toFixed(2)}` + (box.trackId == null ? '' : ` #${box.trackId}`);
      const w = g.measureText(text).width + 6;
      const h = Math.max(12, thick * 6) + 4;
      const top = box.y1 - h >= 0 ? box.y1 - h : box.y1;
      g.fillStyle = color;
      g.fillRect(box.x1 - thick / 2, top, w, h);
      g.fillStyle = '#000';
      g.fillText(text, box.x1 + 3 - thick / 2, top + h - 2);
    }
    canvas.dataset.sequence = String(frame.sequence);
    canvas.dataset.boxes = JSON.stringify(frame.boxes);
    canvas.dataset.lineWidth = String(thick);
  }

  /** Draws {@code frame} on {@code canvas} once its image is loaded, unless a newer frame was drawn meanwhile. */
  async function show(canvas, frame, scene) {
    const wanted = Number(canvas.dataset.wanted || -1);
    if (frame.sequence < wanted && canvas.dataset.run === frame.frameUrl.split('run=')[1]) {
      return;
    }
    canvas.dataset.wanted = String(frame.sequence);
    canvas.dataset.run = frame.frameUrl.split('run=')[1];
    try {
      const image = await loadImage(frame.frameUrl);
      if (canvas.dataset.wanted === String(frame.sequence)) {
        draw(canvas, image, frame, scene);
      }
    } catch (e) {
      // the frame left the server's short memory before it could be fetched: the next one will come
    }
  }

  const fixed = (v, digits) => (v == null || v < 0 ? '–' : Number(v).toFixed(digits));
  const millis = (v) => (v == null || v < 0 ? '–' : `${Math.round(v)} ms`);
  const time = (ms) => (ms == null ? '–' : new Date(ms).toLocaleTimeString());

  /** The figures of one camera, as label/value pairs: what a tile and the camera page show under the frame. */
  function figures(s) {
    const st = s.status;
    return [
      ['fpsIn', 'fps in', fixed(s.fpsIn, 1)],
      ['fpsOut', 'fps out', fixed(s.fpsOut, 1)],
      ['stale', 'stale skips', `${s.staleSkipped} (${fixed(s.staleSkippedPerSecond, 1)}/s)`],
      ['reused', 'reused (no motion)', `${s.reusedNoMotion}`],
      ['p50', 'latency p50', millis(s.latencyP50Millis)],
      ['p99', 'latency p99', millis(s.latencyP99Millis)],
      ['behind', 'behind', `${s.framesBehind} frames`],
      ['model', 'model', s.modelName ? `${s.modelName} ${s.modelVersion}` : '–'],
      ['camera', 'camera', st ? `${st.state}${st.reason ? ' (' + st.reason + ')' : ''}` : 'no status'],
      ['quality', 'connection', st ? `${st.quality}, ${fixed(st.fps, 1)}/${fixed(st.expectedFps, 1)} fps, `
          + `${st.reconnectsLastHour} reconnects/h` : '–'],
    ];
  }

  function renderFigures(dl, summary) {
    const rows = figures(summary);
    if (dl.children.length !== rows.length * 2) {
      dl.replaceChildren();
      for (const [key, label] of rows) {
        const dt = document.createElement('dt');
        dt.textContent = label;
        const dd = document.createElement('dd');
        dd.dataset.figure = key;
        dl.append(dt, dd);
      }
    }
    for (const [key, , value] of rows) {
      dl.querySelector(`dd[data-figure="${key}"]`).textContent = value;
    }
  }

  function renderStatus(element, summary) {
    const state = summary.status ? summary.status.state : 'UNKNOWN';
    element.className = `status ${state}`;
    element.textContent = summary.status ? state : 'no status';
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  }

  function stamp() {
    const updated = document.getElementById('updated');
    if (updated) {
      updated.textContent = 'updated ' + new Date().toLocaleTimeString();
    }
  }

  return { colorOf, loadImage, draw, show, renderFigures, renderStatus, getJson, stamp, time, millis };
})();
