/**
 * What the benchmark watches inside the app's frame, installed before any of the app's
 * scripts run (Playwright addInitScript, every frame; it acts only in the app's document
 * at `/`). It reports, with the page's own clocks, when the patient banner shows the
 * patient (`bannerText`, the family name as the banner writes it), when a permission prompt
 * shows (a fieldset of radio buttons whose legend speaks of permission) and
 * every change of the "Sources" region (the overall status line and each organisation's
 * line); once the overall line says "Complete", it waits for the next frame to be
 * painted and reports that too, with the end of the last FHIR response (Resource Timing)
 * on the same clock. Nothing here changes what the app does.
 */
export interface ProbeEvent {
  name: 'banner' | 'prompt' | 'sources' | 'painted';
  /** Date.now() in the page: the same wall clock as Playwright's request timings. */
  t: number;
  /** performance.now() in the app's document. */
  p: number;
  overall?: string;
  lines?: string[];
  /** performance.now() at the end of the last response from a FHIR endpoint so far. */
  lastFhirResponseEnd?: number;
  fhirResponses?: number;
  /**
   * Every FHIR response so far (Resource Timing in the app's document: URL, startTime and
   * responseEnd on performance.now()'s clock), for the timeline's response ends.
   */
  fhirTimings?: Array<{ url: string; start: number; end: number }>;
  /** The same for the governance services (audit, register, locator): for the timeline only, not the metrics. */
  serviceTimings?: Array<{ url: string; start: number; end: number }>;
  /** User Timing marks named mcr:* (if the app sets any), as name → startTime. */
  marks?: Record<string, number>;
  /** Time the probe itself spent in its mutation callbacks so far (its overhead), ms. */
  probeMs?: number;
  probeCalls?: number;
}

export const PROBE_BINDING = '__mcrBenchEvent';

/**
 * The init script's source, for one app origin and the FHIR endpoints' origins. Plain
 * JavaScript in a string: a TypeScript function's toString() after tsx's transform may
 * call helpers (__name) that do not exist in the page.
 */
export function probeScript(appOrigin: string, fhirOrigins: string[], bannerText: string, serviceOrigins: string[] = []): string {
  const args = [appOrigin, fhirOrigins, bannerText, PROBE_BINDING, serviceOrigins].map((a) => JSON.stringify(a)).join(', ');
  return `(${PROBE_SOURCE})(${args});`;
}

const PROBE_SOURCE = String.raw`function (appOrigin, fhirOrigins, bannerText, binding, serviceOrigins) {
  if (location.origin !== appOrigin || location.pathname !== '/') return;
  try { performance.setResourceTimingBufferSize(50000); } catch (e) { /* default buffer */ }
  var send = function (e) {
    e.p = performance.now();
    e.t = Date.now();
    try { var f = window[binding]; if (f) f(e); } catch (err) { /* the page is closing */ }
  };
  var fhirTiming = function () {
    var last = 0, count = 0, all = [], services = [];
    performance.getEntriesByType('resource').forEach(function (r) {
      if (fhirOrigins.some(function (o) { return r.name.indexOf(o) === 0; })) {
        count += 1;
        last = Math.max(last, r.responseEnd);
        all.push({ url: r.name, start: r.startTime, end: r.responseEnd });
      } else if (serviceOrigins.some(function (o) { return r.name.indexOf(o) === 0; })) {
        services.push({ url: r.name, start: r.startTime, end: r.responseEnd });
      }
    });
    return { lastFhirResponseEnd: last, fhirResponses: count, fhirTimings: all, serviceTimings: services };
  };
  var marks = function () {
    var out = {};
    performance.getEntriesByType('mark').forEach(function (m) { if (m.name.indexOf('mcr:') === 0) out[m.name] = m.startTime; });
    return out;
  };
  var banner = false, prompt = false, painted = false, last = '', probeMs = 0, probeCalls = 0, region = null;
  var timed = function () {
    var t0 = performance.now();
    try { check(); } finally { probeMs += performance.now() - t0; probeCalls += 1; }
  };
  var check = function () {
    // The banner's frame shows while the Patient is read; it counts once the patient's name is in it.
    var frame = banner ? null : document.querySelector('[aria-label="Patient"]');
    if (frame && (frame.textContent || '').indexOf(bannerText) >= 0) { banner = true; send({ name: 'banner' }); }
    // Found once and kept while it is in the page: a query over a large record's DOM on every mutation would cost the app time.
    if (!region || !region.isConnected) {
      var heading = Array.prototype.find.call(document.querySelectorAll('h2'), function (h) { return (h.textContent || '').trim() === 'Sources'; });
      region = heading ? heading.closest('section, [role="region"]') : null;
    }
    if (!region) {
      // The permission prompt, if the app has one, comes before the sources: looked for only until then.
      if (!prompt) {
        var legend = Array.prototype.find.call(document.querySelectorAll('fieldset > legend'), function (l) {
          return /permission/i.test(l.textContent || '') && l.parentElement.querySelector('input[type="radio"]');
        });
        if (legend) { prompt = true; send({ name: 'prompt' }); }
      }
      return;
    }
    var status = region.querySelector('[role="status"]');
    var overall = status ? (status.textContent || '').trim() : '';
    var lines = Array.prototype.map.call(region.querySelectorAll('li'), function (li) { return (li.textContent || '').trim(); });
    var key = overall + '\n' + lines.join('\n');
    if (key === last) return;
    last = key;
    send({ name: 'sources', overall: overall, lines: lines });
    if (!painted && overall.indexOf('Complete') === 0) {
      painted = true;
      // The frame after the commit that shows the complete record has been painted.
      requestAnimationFrame(function () {
        setTimeout(function () {
          var timing = fhirTiming();
          send({ name: 'painted', overall: overall, lastFhirResponseEnd: timing.lastFhirResponseEnd, fhirResponses: timing.fhirResponses, fhirTimings: timing.fhirTimings, serviceTimings: timing.serviceTimings, marks: marks(), probeMs: probeMs, probeCalls: probeCalls });
        }, 0);
      });
    }
  };
  new MutationObserver(timed).observe(document, { subtree: true, childList: true, characterData: true });
}`;
