// catapult dashboard: plain JavaScript, no build step, nothing loaded from elsewhere.
// Every piece of data reaches the page through textContent or attributes, never as HTML.
'use strict';
(function () {
  // Keep equal to STATE_CATEGORIES in src/dashboard/state-palette.ts (a unit test compares them).
  var STATE_CATEGORIES = {"running":"ok","pending":"progress","launching":"progress","staging":"progress","starting":"progress","unreachable":"warn","killing":"warn","relaunching":"warn","failed":"bad","lost":"bad","finished":"done","killed":"idle","paused":"idle","removed":"idle","active":"ok","initializing":"progress","removing":"warn","standby":"idle","leading":"progress","subscribing":"progress","subscribed":"ok","disconnected":"warn","stopped":"idle"};
  var TOKEN_KEY = 'catapult.dashboard.token';

  // The token arrives once as ?token=; keep it for this tab and take it out of the address bar.
  (function captureToken() {
    var url = new URL(window.location.href);
    var token = url.searchParams.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  })();

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function category(state) {
    var last = String(state).split('.').pop();
    return STATE_CATEGORIES[last] || 'other';
  }

  /** Creates an element: el('a', { class: 'x', href: '/', data: { id: 'n' } }, ['text', child]). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null) return;
      if (key === 'data') Object.keys(value).forEach(function (k) { node.dataset[k] = value[k]; });
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function badge(state) { return el('span', { class: 'badge cat-' + category(state), data: { state: state } }, [state]); }

  function notice(message) {
    var box = document.getElementById('notice');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function request(path) {
    var headers = {};
    if (token()) headers.Authorization = 'Bearer ' + token();
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (res) {
      if (res.status === 401) {
        notice('This dashboard needs its token: open it as ' + window.location.pathname + '?token=<token>.');
        throw new Error('unauthorized');
      }
      if (!res.ok) throw new Error(path + ' answered ' + res.status);
      return res;
    });
  }
  function getJson(path) { return request(path).then(function (res) { return res.json(); }); }

  /** Subscribes to live changes; `onOpen` runs on every (re)connection, to catch up on what was missed. */
  function connect(onChange, onOpen) {
    var live = document.getElementById('live');
    var source = new EventSource('/api/events' + (token() ? '?token=' + encodeURIComponent(token()) : ''));
    source.onopen = function () { live.dataset.live = 'open'; live.textContent = 'live'; onOpen(); };
    source.onerror = function () { live.dataset.live = 'error'; live.textContent = 'reconnecting…'; };
    source.onmessage = function (event) { onChange(JSON.parse(event.data)); };
  }

  function nodeHref(appId, nodeId) { return '/apps/' + encodeURIComponent(appId) + '/nodes/' + encodeURIComponent(nodeId); }

  function formatTime(ms) { return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ''); }

  function countChips(counts) {
    return Object.keys(counts).sort().map(function (state) {
      return el('span', { class: 'count cat-' + category(state), data: { state: state } }, [el('b', {}, [counts[state]]), state]);
    });
  }

  function renderFramework(fw) {
    var box = document.getElementById('framework');
    if (!box) return;
    box.replaceChildren(
      el('span', { class: 'badge cat-' + category(fw.state), data: { state: fw.state } }, [fw.leader ? 'leader' : 'standby']),
      el('span', { class: 'meta' }, ['framework ', el('b', {}, [fw.state])]),
      fw.frameworkId ? el('span', { class: 'meta' }, ['id ', el('b', {}, [fw.frameworkId])]) : null,
      fw.masterUrl ? el('span', { class: 'meta' }, ['master ', el('b', {}, [fw.masterUrl])]) : null
    );
  }

  // ---- the overview page ----
  function overviewPage() {
    var model = { framework: null, apps: [] };
    var refreshing = null;

    function nodeTile(appId, node) {
      return el('a', { class: 'node cat-' + category(node.state), href: nodeHref(appId, node.nodeId), data: { appId: appId, nodeId: node.nodeId, state: node.state } }, [
        el('span', { class: 'node-id' }, [node.nodeId]),
        el('span', { class: 'node-state' }, [node.state]),
        el('span', { class: 'node-host', title: node.pendingReason || node.hostname || '' }, [node.state === 'pending' ? node.pendingReason || 'pending' : node.hostname || '—']),
      ]);
    }

    function countsOf(nodes) {
      var counts = {};
      nodes.forEach(function (n) { counts[n.state] = (counts[n.state] || 0) + 1; });
      return counts;
    }

    function renderSummary() {
      var all = [];
      model.apps.forEach(function (app) { all = all.concat(app.nodes); });
      document.getElementById('summary').replaceChildren.apply(document.getElementById('summary'),
        [el('span', { class: 'total' }, [String(all.length), el('small', {}, [all.length === 1 ? 'node' : 'nodes'])])].concat(countChips(countsOf(all))));
    }

    function appCard(app) {
      var nodes = app.nodes.slice().sort(function (a, b) { return a.nodeId.localeCompare(b.nodeId, undefined, { numeric: true }); });
      return el('section', { class: 'app', data: { appId: app.appId } }, [
        el('header', { class: 'app-head' }, [
          el('h2', {}, [app.name]),
          app.name !== app.appId ? el('span', { class: 'app-id' }, [app.appId]) : null,
          badge(app.state),
          el('div', { class: 'counts' }, countChips(countsOf(app.nodes))),
        ]),
        nodes.length === 0 ? el('p', { class: 'empty' }, ['No nodes yet.']) : el('div', { class: 'nodes' }, nodes.map(function (n) { return nodeTile(app.appId, n); })),
      ]);
    }

    function render() {
      renderFramework(model.framework);
      renderSummary();
      var apps = document.getElementById('apps');
      apps.replaceChildren.apply(apps, model.apps.length === 0 ? [el('p', { class: 'empty' }, ['No apps yet.'])] : model.apps.map(appCard));
    }

    function refresh() {
      // Coalesce bursts of structural changes into one reload.
      if (refreshing) return refreshing;
      refreshing = getJson('/api/overview').then(function (overview) {
        refreshing = null;
        model = overview;
        notice('');
        render();
      }, function (err) { refreshing = null; if (err.message !== 'unauthorized') notice('Could not load the overview: ' + err.message); });
      return refreshing;
    }

    function applyNode(change) {
      var app = model.apps.find(function (a) { return a.appId === change.appId; });
      if (!app) return refresh();
      var i = app.nodes.findIndex(function (n) { return n.nodeId === change.node.nodeId; });
      if (i < 0) return refresh();
      app.nodes[i] = change.node;
      var tiles = document.querySelectorAll('.node[data-app-id]');
      for (var k = 0; k < tiles.length; k++) {
        if (tiles[k].dataset.appId === change.appId && tiles[k].dataset.nodeId === change.node.nodeId) tiles[k].replaceWith(nodeTile(change.appId, change.node));
      }
      var section = Array.prototype.find.call(document.querySelectorAll('.app'), function (s) { return s.dataset.appId === change.appId; });
      if (section) section.querySelector('.counts').replaceChildren.apply(section.querySelector('.counts'), countChips(countsOf(app.nodes)));
      renderSummary();
    }

    connect(function (change) {
      if (change.type === 'node') applyNode(change);
      else if (change.type === 'framework') { model.framework = change.framework; renderFramework(change.framework); }
      else refresh();
    }, refresh);
    refresh();
  }

  // ---- the node page ----
  function describeCause(cause) {
    switch (cause && cause.kind) {
      case 'created': return 'created';
      case 'mesos': return cause.state + (cause.reason ? ' · ' + cause.reason : '') + ' · task ' + cause.taskId + (cause.stale ? ' (an older task)' : '');
      case 'operator': return 'operator: ' + cause.command;
      case 'timer': return 'timer: ' + cause.name;
      case 'offer': return cause.offerId ? 'offer ' + cause.offerId + (cause.agentId ? ' on agent ' + cause.agentId : '') : 'not placed: ' + (cause.reason || 'no offer fits');
      case 'message': return 'executor message';
      case 'other': return cause.type;
      default: return '';
    }
  }

  function sanitizeSvg(text) {
    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    var svg = doc.documentElement;
    if (svg.nodeName !== 'svg') throw new Error('the statechart is not an SVG');
    svg.querySelectorAll('script, foreignObject').forEach(function (n) { n.remove(); });
    svg.querySelectorAll('*').forEach(function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (a) { if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) n.removeAttribute(a.name); });
    });
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    return document.importNode(svg, true);
  }

  function nodePage() {
    var parts = window.location.pathname.split('/');
    var appId = decodeURIComponent(parts[2] || '');
    var nodeId = decodeURIComponent(parts[4] || '');
    var chartFor = null;
    var chart = document.getElementById('statechart');
    document.title = 'catapult · ' + nodeId;
    document.getElementById('crumbs').replaceChildren(
      el('a', { href: '/' }, ['apps']), el('span', { class: 'sep' }, ['/']), el('span', {}, [appId]), el('span', { class: 'sep' }, ['/']), el('span', {}, [nodeId]));

    var zoom = document.getElementById('chart-zoom');
    zoom.addEventListener('click', function () {
      var fit = chart.dataset.zoom !== 'fit';
      chart.dataset.zoom = fit ? 'fit' : 'actual';
      zoom.textContent = fit ? 'Actual size' : 'Fit to width';
      zoom.setAttribute('aria-pressed', String(!fit));
      var lit = chart.querySelector('g.node.active');
      if (!fit && lit) lit.scrollIntoView({ block: 'center', inline: 'center' });
    });

    function renderDetails(node) {
      document.getElementById('node-title').textContent = node.nodeId;
      var state = document.getElementById('node-state');
      state.replaceWith(Object.assign(badge(node.state), { id: 'node-state' }));
      var pending = document.getElementById('pending-reason');
      pending.hidden = node.state !== 'pending' || !node.pendingReason;
      pending.replaceChildren(el('b', {}, ['Why pending:']), node.pendingReason || '');
      var rows = [
        ['App', appId], ['State', node.state], ['Task', node.taskId || '—'], ['Incarnation', node.incarnation],
        ['Agent', node.agentId || '—'], ['Hostname', node.hostname || '—'], ['Failures', node.failures],
        ['Last status', node.lastStatus ? node.lastStatus.state + (node.lastStatus.reason ? ' · ' + node.lastStatus.reason : '') : '—'],
      ];
      Object.keys(node.deadlines || {}).forEach(function (name) { rows.push(['Timer ' + name, formatTime(node.deadlines[name])]); });
      var dl = document.getElementById('node-details');
      dl.replaceChildren.apply(dl, rows.reduce(function (out, row) { return out.concat([el('dt', {}, [row[0]]), el('dd', {}, [String(row[1])])]); }, []));
      var body = document.getElementById('timeline');
      body.replaceChildren.apply(body, node.history.slice().reverse().map(function (entry) {
        return el('tr', { data: { to: entry.to } }, [
          el('td', { class: 'at' }, [formatTime(entry.at)]),
          el('td', { class: 'move' }, [entry.from ? badge(entry.from) : el('span', { class: 'badge' }, ['new']), el('span', { class: 'arrow' }, ['→']), badge(entry.to)]),
          el('td', { class: 'cause' }, [describeCause(entry.cause)]),
        ]);
      }));
    }

    function renderChart(node) {
      var active = typeof node.stateValue === 'string' ? [node.stateValue] : leafPaths(node.stateValue, []);
      var key = active.join(',');
      if (key === chartFor) return Promise.resolve();
      chartFor = key;
      var query = active.map(function (a) { return 'active=' + encodeURIComponent(a); }).join('&');
      return request('/api/machines/node.svg?' + query).then(function (res) { return res.text(); }).then(function (text) {
        chart.replaceChildren(sanitizeSvg(text));
        chart.dataset.active = key;
      });
    }

    function leafPaths(value, prefix) {
      if (typeof value === 'string') return [prefix.concat([value]).join('.')];
      return Object.keys(value).reduce(function (out, k) { return out.concat(leafPaths(value[k], prefix.concat([k]))); }, []);
    }

    function load() {
      return getJson('/api/apps/' + encodeURIComponent(appId) + '/nodes/' + encodeURIComponent(nodeId)).then(function (node) {
        notice('');
        renderDetails(node);
        return renderChart(node);
      }).catch(function (err) { if (err.message !== 'unauthorized') notice('Could not load node ' + nodeId + ': ' + err.message); });
    }

    connect(function (change) {
      if ((change.type === 'node' && change.appId === appId && change.node.nodeId === nodeId) || (change.type === 'node.removed' && change.appId === appId && change.nodeId === nodeId)) load();
    }, load);
    load();
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.dataset.page === 'node') nodePage();
    else overviewPage();
  });
})();
